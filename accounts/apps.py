from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in: a second factor for every staff account, throttling, and the audit trail."""

    name = "accounts"
    verbose_name = _("Sign-in and security")

    def ready(self):
        from . import checks, passwords, receivers, throttle  # noqa: F401  (receivers: the audit trail; checks: --deploy)

        # Changing the password: the current password is throttled and audited like a sign-in.
        throttle.guard_password_checks()
        post_save.connect(passwords.password_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.password")
