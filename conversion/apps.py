from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversionConfig(AppConfig):
    """The site's Traditional → Simplified conversion table, kept by editors (bilingual.chinese applies it)."""

    name = "conversion"
    verbose_name = _("Chinese conversion")
    # Editors keep the table (editors.roles) but delete no rule: one bulk delete would degrade every /zh-hans/
    # page, and seeding never delivers a rule again. Administrators delete; migration 0002 takes the right back.
    editors_keep = {"conversionrule": ("view", "add", "change")}

    def ready(self):
        from . import signals  # noqa: F401  connects the receivers that keep every process's table current
