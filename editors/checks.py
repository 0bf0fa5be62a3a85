"""`manage.py check` refuses a kind of content (content.registry) without the editors' workflow in the admin."""

from django.contrib import admin
from django.core import checks

from content.registry import content_kinds

from .admin import EditorialAdmin


@checks.register(checks.Tags.admin)
def every_kind_has_an_editorial_admin(app_configs=None, **kwargs):
    errors = []
    for kind in content_kinds():
        model_admin = admin.site.get_model_admin(kind.model) if admin.site.is_registered(kind.model) else None
        if not isinstance(model_admin, EditorialAdmin):
            found = "none" if model_admin is None else type(model_admin).__name__
            errors.append(
                checks.Error(
                    f"The kind of content {kind.label} has no admin on the editors' workflow (found: {found}).",
                    hint=(
                        f"In {kind.model._meta.app_label}/admin.py: @admin.register({kind.model.__name__}) on a "
                        "subclass of editors.admin.EditorialAdmin."
                    ),
                    obj=kind.model,
                    id="editors.E001",
                )
            )
    return errors
