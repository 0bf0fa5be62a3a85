"""What happens to a staff account's sign-in state: audit lines, verified sessions, resets."""

import time

from allauth.account import app_settings as allauth_account
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.db.models import Max

from .models import AuthEvent
from .throttle import client_address

# Session keys. EPOCH: the latest reset the session has seen (a later one ends the session).
# VERIFIED: this session proved a second factor (a code at sign-in, or setting one up).
# PROVED_AT: when this session last proved who it is (signing in, a code, setting one up).
SESSION_EPOCH = "accounts_epoch"
SESSION_VERIFIED = "accounts_verified"
SESSION_PROVED_AT = "accounts_proved_at"


def record_event(*, kind, request=None, user=None, username="", detail=""):
    """Add a line to the audit trail; the client address comes from the request, as the throttle sees it."""
    if user is not None and not username:
        username = user.get_username()
    ip = client_address(request) if request is not None and request.META.get("REMOTE_ADDR") else None
    return AuthEvent.objects.create(
        kind=kind, user=user, username=str(username or "")[:150], ip_address=ip, detail=detail[:200]
    )


def latest_reset_id(user):
    return AuthEvent.objects.resets_for(user).aggregate(latest=Max("id"))["latest"] or 0


def start_session(request, user):
    """A session starting over (a sign-in, or its second factor removed): as recent as the latest reset,
    and not yet verified."""
    request.session[SESSION_EPOCH] = latest_reset_id(user)
    request.session.pop(SESSION_VERIFIED, None)
    request.session[SESSION_PROVED_AT] = time.time()


def mark_verified(request, user):
    """The session proved a second factor (a code at sign-in, or setting one up)."""
    request.session[SESSION_EPOCH] = latest_reset_id(user)
    request.session[SESSION_VERIFIED] = True
    request.session[SESSION_PROVED_AT] = time.time()


def session_outdated(request, user):
    """Did the user's second factor get reset or removed after this session began?"""
    return request.session.get(SESSION_EPOCH, 0) < latest_reset_id(user)


def end_session(request, *, kind, detail=""):
    """Record why the middleware ends this session (before logout, so it is not recorded as a sign-out)."""
    request.accounts_session_ended = True
    record_event(kind=kind, request=request, user=request.user, detail=detail)


def session_verified(request):
    return bool(request.session.get(SESSION_VERIFIED))


def proved_recently(request):
    """Signed in, or gave a code, within the last few minutes (allauth's reauthentication timeout)."""
    proved_at = request.session.get(SESSION_PROVED_AT, 0)
    return time.time() - proved_at < allauth_account.REAUTHENTICATION_TIMEOUT


def has_second_factor(user):
    """An app or a passkey: recovery codes alone are no second factor (allauth does not ask for them then)."""
    return Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()


@transaction.atomic
def second_factor_reset(*, user, by):
    """Remove every second factor of `user`, so the next sign-in sets up a new one.

    The reset is recorded; every session the user had ends at its next request.
    Returns how many authenticators were removed.
    """
    removed, _ = Authenticator.objects.filter(user=user).delete()
    record_event(kind=AuthEvent.Kind.SECOND_FACTOR_RESET, user=user, detail=f"by {by}")
    return removed


@transaction.atomic
def second_factor_removed(*, authenticator, request):
    """An administrator removed one of a user's second factors (in the admin): recorded with the administrator's
    name and address, and every session of that user ends at its next request. Recovery codes left without an
    app or a passkey go too (as allauth's own "turn off" does): alone they would leave an account that can
    neither sign in with them nor set up a new app."""
    user = authenticator.user
    authenticator.delete()
    removed = [authenticator.type]
    if not has_second_factor(user):
        leftover = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES)
        if leftover.delete()[0]:
            removed.append(Authenticator.Type.RECOVERY_CODES)
    detail = f"{', '.join(removed)} by {request.user.get_username()} (admin)"
    record_event(kind=AuthEvent.Kind.SECOND_FACTOR_REMOVED, request=request, user=user, detail=detail)
