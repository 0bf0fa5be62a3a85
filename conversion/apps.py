from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversionConfig(AppConfig):
    """The site's Traditional → Simplified conversion table, kept by editors (bilingual.chinese applies it)."""

    name = "conversion"
    verbose_name = _("Chinese conversion")
    # Editors keep the table: its rules are versioned, so a removed one can be restored (editors.roles).
    editors_keep = {"conversionrule": ("view", "add", "change", "delete")}

    def ready(self):
        from . import signals  # noqa: F401  connects the receivers that keep every process's table current
