"""No staff page without a second factor.

A staff account signs in with its password; if it has no second factor yet (a new account, or one
just reset), that first session may only set one up. Every other staff page (the admin, the account
pages) needs a session that proved a second factor, and a reset or removal of the second factor
ends the sessions that began before it.
"""

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect

from . import services

# The pages a staff session may see before it has proved a second factor.
SIGN_IN_PAGES = {"account_login", "account_logout", "account_inactive", "mfa_authenticate"}
GRACE_PAGES = SIGN_IN_PAGES | {"mfa_activate_totp", "account_reauthenticate"}


def _guarded(request, view_func):
    """Staff-only pages: the admin and allauth's account pages (reader pages are public anyway)."""
    match = request.resolver_match
    return match.namespace == "admin" or view_func.__module__.startswith("allauth.")


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_staff) or not _guarded(request, view_func):
            return None
        if services.session_outdated(request, user):
            logout(request)
            return redirect_to_login(request.get_full_path())
        if services.session_verified(request):
            return None
        name = request.resolver_match.url_name
        if services.has_second_factor(user):
            if name in SIGN_IN_PAGES:
                return None
            logout(request)  # signed in some other way than with the second factor
            return redirect_to_login(request.get_full_path())
        if name in GRACE_PAGES:
            return None
        return redirect("mfa_activate_totp")
