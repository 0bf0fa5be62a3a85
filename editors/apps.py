import logging
from functools import wraps

from django.apps import AppConfig
from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import TO_FIELD_VAR
from django.core.exceptions import BadRequest, FieldError, ValidationError
from django.db import DatabaseError, transaction
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


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

        from . import checks  # noqa: F401  registers the checks of each kind's admin
        from .roles import grant_after_migrate

        # Each kind's publish permission and the Editor role, after every migrate, as Django makes its own
        # permissions. post_migrate is sent once for each app with models (editors has none): the receiver acts
        # on those that declare kinds, each after Django has made that app's own permissions.
        post_migrate.connect(grant_after_migrate, dispatch_uid="editors.grant_editor_role")


def _rendered_or_refused(view, request, *args, **kwargs):
    """A page asked for with a query string, such as a list filtered from the address bar (`?name_en__regex=(`,
    `?time__year=99999999999`, `?data__contains=a`): Django's admin accepts any lookup on a model's own fields, and
    the database then refuses it (a 500). Run and rendered in a savepoint, so that such a request is a 400 and
    leaves no broken transaction behind. A GET changes nothing, so nothing is lost by refusing it."""
    try:
        with transaction.atomic():
            response = view(request, *args, **kwargs)
            if not getattr(response, "is_rendered", True):
                response.render()
            return response
    except (DatabaseError, ValueError, TypeError, LookupError, ArithmeticError, FieldError, ValidationError) as error:
        log.warning("admin: a query the database refused: %s", error)
        raise BadRequest("This filter cannot be applied.") from error


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
            if request.method == "GET" and request.GET:
                return _rendered_or_refused(checked_view, request, *args, **kwargs)
            return checked_view(request, *args, **kwargs)

        return refusing

    return wrap
