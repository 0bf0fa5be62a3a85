from functools import wraps

from django.apps import AppConfig
from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import TO_FIELD_VAR
from django.utils.translation import gettext_lazy as _


class EditorsConfig(AppConfig):
    """The editors' workflow in the admin: roles, history, drafts, translation status, conflicts."""

    name = "editors"
    verbose_name = _("Editors")

    def ready(self):
        # The admin index also says how many records need translation.
        admin.site.index_template = "editors/admin_index.html"
        # The admin speaks for the site, in the editor's language, not as "Django administration".
        admin.site.site_header = admin.site.site_title = _("ecomkb administration")
        admin.site.index_title = _("Content and translation work")
        admin.site.admin_view = _refusing_an_empty_to_field(admin.site.admin_view)


def _refusing_an_empty_to_field(admin_view):
    """Every admin page, wrapped: `?_to_field=` (empty) skips Django's check of the field and then fails looking
    up a field named "" (a 500 on every change page); refused as the non-empty unknown names are (400)."""

    @wraps(admin_view)
    def wrap(view, cacheable=False):
        checked_view = admin_view(view, cacheable)

        @wraps(checked_view)
        def refusing(request, *args, **kwargs):
            if "" in (request.GET.get(TO_FIELD_VAR), request.POST.get(TO_FIELD_VAR)):
                raise DisallowedModelAdminToField("An empty _to_field.")
            return checked_view(request, *args, **kwargs)

        return refusing

    return wrap
