from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedirectsConfig(AppConfig):
    """Old addresses, kept as data: a rename leaves one, editors add their own, a 404 there answers 301."""

    name = "redirects"
    verbose_name = _("Redirects")
    default_auto_field = "django.db.models.BigAutoField"
    # Editors list, add, change and remove redirects (editors.roles).
    editors_keep = {"redirect": ("view", "add", "change", "delete")}

    def ready(self):
        from . import signals  # noqa: F401  connects the receivers that keep a renamed record's old address
