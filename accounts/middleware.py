"""One door for staff: every page that is not public needs both factors, proved in this session.

The staff area is not a list of places: it is every URL pattern not marked public (accounts/staff_area.py),
so the admin, the translation files, the account pages and any page added later are all behind it.
A staff request passes when it is signed in as staff, the session proved a second factor, and the
session is younger than the account's latest reset or change of second factor (a password change ends
older sessions through Django's own session hash). A staff account with no second factor yet (new, or
just reset) may only set one up; one with a one-time password (accounts/passwords.py) only change it.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from . import services, throttle
from .models import AuthEvent
from .passwords import must_change_password
from .staff_area import PASSWORD_CHANGE_PAGES, SET_UP_PAGES, is_public

ONE_TIME_PASSWORD_MESSAGE = _(
    "Your password was set by someone else (an administrator, or createeditor): choose one of your own to go on."
)


class StaffAreaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_public(view_func):
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_staff:
            return self._sign_out(request)
        if services.session_outdated(request, user):
            return self._sign_out(request, ended_by=AuthEvent.Kind.SESSION_ENDED)
        if services.session_verified(request):
            if must_change_password(user) and request.resolver_match.url_name not in PASSWORD_CHANGE_PAGES:
                messages.info(request, ONE_TIME_PASSWORD_MESSAGE)
                return redirect("account_change_password")
            return None
        if services.has_second_factor(user):  # signed in some other way than with the second factor
            return self._sign_out(request, ended_by=AuthEvent.Kind.SESSION_ENDED)
        if request.resolver_match.url_name in SET_UP_PAGES:
            return None
        return redirect("mfa_activate_totp")

    def _sign_out(self, request, ended_by=None):
        if ended_by:
            services.end_session(request, kind=ended_by)
        logout(request)
        return redirect_to_login(request.get_full_path())


# What a reverse proxy tells the app about the client; believed from a trusted proxy only (DJANGO_TRUSTED_PROXIES).
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT", "HTTP_FORWARDED")


class TrustedProxyHeadersMiddleware:
    """A client that reaches the app directly cannot claim https (SECURE_PROXY_SSL_HEADER) or another host: its
    X-Forwarded-* headers are dropped before anything reads them. (X-Forwarded-For: accounts.throttle.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if throttle.untrusted_peer(request) is not None:
            for name in FORWARDED_HEADERS:
                request.META.pop(name, None)
        return self.get_response(request)
