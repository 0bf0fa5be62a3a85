from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModesConfig(AppConfig):
    name = "modes"
    verbose_name = _("Operation modes and companies")
