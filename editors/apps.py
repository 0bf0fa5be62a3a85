from django.apps import AppConfig
from django.contrib import admin
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
