from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XliffConfig(AppConfig):
    """Translators' files: export to XLIFF 1.2, XLIFF 2.0 and PO, import with a preview."""

    name = "xliff"
    verbose_name = _("Translation files")

    def ready(self):
        from . import admin_actions

        admin_actions.install()
