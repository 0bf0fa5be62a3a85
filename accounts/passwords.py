"""One-time passwords: a password set for an account by someone else expires, and must be changed at once.

Django calls every password validator's `password_changed()` whenever any path saves a new password (a form,
the admin, a command, a shell), so this is the one place that sees them all. A password is one-time when
`createeditor` says so (`user.password_is_one_time = True` before saving: editors/ does not import accounts/)
or when a signed-in person sets it for another account (the admin's "change password"); the account's own
owner changing it clears the mark.
"""

from datetime import timedelta

from allauth.core import context
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from . import services
from .models import AuthEvent, OneTimePassword


def _set_by_someone_else(user):
    request = context.request
    acting = getattr(request, "user", None) if request is not None else None
    return acting is not None and acting.is_authenticated and acting.pk != user.pk


class OneTimePasswords:
    """Listed in AUTH_PASSWORD_VALIDATORS for its `password_changed` hook; it refuses no password."""

    def validate(self, password, user=None):
        """The owner replacing a one-time password chooses another one."""
        # The hash compared directly: user.check_password() in a request is a throttled guess (accounts/throttle.py).
        if (
            user is not None
            and user.pk is not None
            and must_change_password(user)
            and check_password(password, user.password)
        ):
            raise ValidationError(
                gettext("Choose a password of your own, not the one you were given."), code="one_time_password"
            )

    def get_help_text(self):
        return gettext("A password someone else set for you works only to sign in and choose your own.")

    def password_changed(self, password, user=None):
        if user is None or user.pk is None:
            return
        if getattr(user, "password_is_one_time", False) or _set_by_someone_else(user):
            expires_at = timezone.now() + timedelta(hours=settings.ACCOUNTS_ONE_TIME_PASSWORD_HOURS)
            OneTimePassword.objects.update_or_create(user=user, defaults={"expires_at": expires_at})
        else:
            OneTimePassword.objects.filter(user=user).delete()


def must_change_password(user):
    return OneTimePassword.objects.filter(user=user).exists()


class ExpiringPasswordBackend(ModelBackend):
    """Django's backend, refusing a one-time password past its expiry (recorded in the audit trail)."""

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        mark = OneTimePassword.objects.filter(user=user).first()
        if mark is not None and mark.expired:
            services.record_event(kind=AuthEvent.Kind.PASSWORD_EXPIRED, request=context.request, user=user)
            return False
        return True


def password_saved(sender, instance, created, raw=False, **kwargs):
    """post_save of the user model: a new password (set_password, then save) is an audit line.

    Whatever changed it: either form, the admin setting another account's password ("by" that
    administrator), `changepassword` (no address). A password hash upgraded at sign-in is not a change.
    """
    if created or raw or getattr(instance, "_password", None) is None:
        return
    request = context.request
    by = getattr(request, "user", None)
    detail = f"by {by.get_username()}" if by is not None and by.is_authenticated and by.pk != instance.pk else ""
    services.record_event(kind=AuthEvent.Kind.PASSWORD_CHANGED, request=request, user=instance, detail=detail)
