from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in: a second factor for every staff account, throttling, and the audit trail."""

    name = "accounts"
    verbose_name = _("Sign-in and security")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the audit trail to the sign-in signals)
