from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuthEventQuerySet(models.QuerySet):
    def resets_for(self, user):
        """Events after which the user's older sessions no longer count (second factor reset, removed, changed)."""
        return self.filter(user=user, kind__in=AuthEvent.ENDS_SESSIONS)

    def anonymous_failures(self):
        """Failed attempts for names that are no account: anyone can add these, so they are kept for a while only."""
        return self.filter(user__isnull=True, kind__in=AuthEvent.FAILURES)


class AuthEvent(models.Model):
    """One line of the sign-in audit trail: what happened, to which account, from which address.

    Never a password or a code: only the user name that was typed, and what came of it.
    """

    class Kind(models.TextChoices):
        SIGNED_IN = "signed-in", _("Signed in")
        SIGNED_IN_TO_SET_UP = "signed-in-set-up", _("Signed in with a password only, to set up a second factor")
        SIGN_IN_FAILED = "sign-in-failed", _("Wrong user name or password")
        CODE_FAILED = "code-failed", _("Wrong second-factor code")
        LOCKED_OUT = "locked-out", _("Locked out")
        SIGNED_OUT = "signed-out", _("Signed out")
        SESSION_ENDED = "session-ended", _("Session ended by a reset or a change of second factor")
        PASSWORD_EXPIRED = "password-expired", _("One-time password expired")
        SECOND_FACTOR_ADDED = "2fa-added", _("Second factor set up")
        SECOND_FACTOR_REMOVED = "2fa-removed", _("Second factor removed")
        RECOVERY_CODES_RENEWED = "recovery-renewed", _("Recovery codes renewed")
        RECOVERY_CODE_USED = "recovery-used", _("Recovery code used")
        SECOND_FACTOR_RESET = "2fa-reset", _("Second factor reset by an administrator")
        PASSWORD_CHANGE_FAILED = "password-failed", _("Wrong current password when changing it")
        PASSWORD_CHANGED = "password-changed", _("Password changed")

    FAILURES = [Kind.SIGN_IN_FAILED, Kind.CODE_FAILED, Kind.LOCKED_OUT]
    # After these, the account's older sessions no longer count: the session that made the change goes on.
    ENDS_SESSIONS = [
        Kind.SECOND_FACTOR_RESET,
        Kind.SECOND_FACTOR_REMOVED,
        Kind.SECOND_FACTOR_ADDED,
        Kind.RECOVERY_CODES_RENEWED,
    ]

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    username = models.CharField(_("user name"), max_length=150, blank=True, help_text=_("As typed or as recorded."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="auth_events",
    )
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    objects = AuthEventQuerySet.as_manager()

    class Meta:
        ordering = ["-time", "-id"]
        # The per-account ceiling counts an account's failures of the last hour at every sign-in (accounts/throttle.py).
        indexes = [models.Index(fields=["username", "time"], name="authevent_username_time")]
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")

    def __str__(self):
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"


class OneTimePassword(models.Model):
    """A password someone else set for this account (`createeditor`, an administrator): it works until
    `expires_at`, and only to sign in and change it (accounts/passwords.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="one_time_password"
    )
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("one-time password")
        verbose_name_plural = _("one-time passwords")

    def __str__(self):
        return f"{self.user} until {self.expires_at:%Y-%m-%d %H:%M}"

    @property
    def expired(self):
        return self.expires_at <= timezone.now()
