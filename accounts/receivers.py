"""The audit trail and the session's second-factor state, fed by Django's, axes' and allauth's signals.

Audit lines are stored language-neutral (the detail is allauth's type code: totp, recovery_codes, webauthn);
the admin shows the event names in the reader's language.
"""

from allauth.mfa import signals as mfa
from allauth.mfa.models import Authenticator
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import services
from .models import AuthEvent

Kind = AuthEvent.Kind


def _has_session(request):
    return request is not None and hasattr(request, "session")


def _user_named(username):
    return get_user_model()._default_manager.filter(username=username).first() if username else None


@receiver(user_logged_in, dispatch_uid="accounts.signed_in")
def signed_in(sender, request, user, **kwargs):
    if not _has_session(request):
        return
    if not services.session_verified(request):
        services.start_session(request, user)
    # An account with a second factor is signed in only after its code; one without is let in to set one up.
    kind = Kind.SIGNED_IN_TO_SET_UP if user.is_staff and not services.has_second_factor(user) else Kind.SIGNED_IN
    services.record_event(kind=kind, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="accounts.sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    if getattr(request, "axes_locked_out", False) or getattr(request, "accounts_password_expired", False):
        return  # one line per attempt: "locked out" (locked_out below) or "one-time password expired" says it
    username = str(credentials.get("username") or "")[:150]
    kind = Kind.CODE_FAILED if credentials.get("second_factor") else Kind.SIGN_IN_FAILED
    services.record_event(kind=kind, request=request, user=_user_named(username), username=username)


@receiver(user_locked_out, dispatch_uid="accounts.locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    username = str(username or "")[:150]
    services.record_event(kind=Kind.LOCKED_OUT, request=request, user=_user_named(username), username=username)


@receiver(user_logged_out, dispatch_uid="accounts.signed_out")
def signed_out(sender, request, user, **kwargs):
    if user is not None and request is not None and not getattr(request, "accounts_session_ended", False):
        services.record_event(kind=Kind.SIGNED_OUT, request=request, user=user)


@receiver(mfa.authenticator_added, dispatch_uid="accounts.second_factor_added")
def second_factor_added(sender, request, user, authenticator, **kwargs):
    services.record_event(kind=Kind.SECOND_FACTOR_ADDED, request=request, user=user, detail=authenticator.type)
    # Setting up the app took a valid code; a verified session adding another factor stays verified.
    # Either way this session moves past the change, which ends the account's other sessions.
    if _has_session(request) and (authenticator.type == Authenticator.Type.TOTP or services.session_verified(request)):
        services.mark_verified(request, user)


@receiver(mfa.authenticator_removed, dispatch_uid="accounts.second_factor_removed")
def second_factor_removed(sender, request, user, authenticator, **kwargs):
    services.record_event(kind=Kind.SECOND_FACTOR_REMOVED, request=request, user=user, detail=authenticator.type)
    if _has_session(request):  # this session goes on; the user's others end
        still_verified = services.session_verified(request) and services.has_second_factor(user)
        services.start_session(request, user)
        if still_verified:  # another second factor (a passkey) is left: no new set-up needed
            services.mark_verified(request, user)


@receiver(mfa.authenticator_reset, dispatch_uid="accounts.recovery_codes_renewed")
def recovery_codes_renewed(sender, request, user, authenticator, **kwargs):
    services.record_event(kind=Kind.RECOVERY_CODES_RENEWED, request=request, user=user)
    if _has_session(request) and services.session_verified(request):  # this session goes on; the others end
        services.mark_verified(request, user)


@receiver(mfa.authenticator_used, dispatch_uid="accounts.second_factor_used")
def second_factor_used(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        services.record_event(kind=Kind.RECOVERY_CODE_USED, request=request, user=user)
    if _has_session(request):
        services.mark_verified(request, user)
