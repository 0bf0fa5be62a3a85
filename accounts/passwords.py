"""One-time passwords: a password set for an account by someone else expires, and must be changed at once.

Every saved password passes `password_saved` (post_save of the user model, connected in apps.py), whatever
path set it, so this is the one place that decides. A password is one-time when `createeditor` says so
(`user.password_is_one_time = True` before saving: editors/ does not import accounts/) or when anyone but the
account's owner, in the owner's own session, sets it; the owner changing it clears the mark.
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


def _acting_user(request):
    acting = getattr(request, "user", None) if request is not None else None
    return acting if acting is not None and acting.is_authenticated else None


class OneTimePasswords:
    """Listed in AUTH_PASSWORD_VALIDATORS: shows the rule beside the field, and refuses keeping the password one
    was given (or it with spaces around) as one's own."""

    def validate(self, password, user=None):
        # The hash compared directly: user.check_password() in a request is a throttled guess (accounts/throttle.py).
        if user is None or user.pk is None or not must_change_password(user):
            return
        if any(check_password(variant, user.password) for variant in {password, password.strip()}):
            raise ValidationError(
                gettext("Choose a password of your own, not the one you were given."), code="one_time_password"
            )

    def get_help_text(self):
        return gettext("A password someone else set for you works only to sign in and choose your own.")


def must_change_password(user):
    return OneTimePassword.objects.filter(user=user).exists()


class ExpiringPasswordBackend(ModelBackend):
    """Django's backend, refusing a one-time password past its expiry.

    Past its expiry the account's sessions end too (get_user() asks user_can_authenticate()); only a sign-in
    with that password is an audit line, once ("One-time password expired", not also a wrong password).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        self.signing_in = request
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        mark = OneTimePassword.objects.filter(user=user).first()
        if mark is None or not mark.expired:
            return True
        request = getattr(self, "signing_in", None)
        if request is not None:
            request.accounts_password_expired = True  # receivers.sign_in_failed: this line says it all
            services.record_event(kind=AuthEvent.Kind.PASSWORD_EXPIRED, request=request, user=user)
        return False


def password_saved(sender, instance, created, raw=False, **kwargs):
    """post_save of the user model: every new password (set_password, then save), whatever path set it.

    It is an audit line ("by" whoever set it for someone else). It is one-time (accounts.OneTimePassword) when
    `createeditor` says so (`password_is_one_time`), or when it is not the owner changing their own password in
    their own session: an administrator in the admin, `changepassword`, a shell. The owner's own change clears
    the mark. An account created in code with a password (tests, `createsuperuser`) is not one-time; a hash
    upgraded at sign-in is no new password.
    """
    if raw or getattr(instance, "_password", None) is None:
        return
    request = context.request
    acting = _acting_user(request)
    own_change = acting is not None and acting.pk == instance.pk
    if getattr(instance, "password_is_one_time", False) or not (created or own_change):
        expires_at = timezone.now() + timedelta(hours=settings.ACCOUNTS_ONE_TIME_PASSWORD_HOURS)
        OneTimePassword.objects.update_or_create(user=instance, defaults={"expires_at": expires_at})
    elif own_change:
        OneTimePassword.objects.filter(user=instance).delete()
    if created:
        return
    detail = f"by {acting.get_username()}" if acting is not None and not own_change else ""
    if acting is None:
        detail = "outside the site (a command or a shell)"
    services.record_event(kind=AuthEvent.Kind.PASSWORD_CHANGED, request=request, user=instance, detail=detail)
