from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.utils.translation import get_language

from . import services, throttle
from .throttle import client_address


class StaffAccountAdapter(DefaultAccountAdapter):
    """allauth for staff only: accounts are made by `createeditor`/`createsuperuser`, never by sign-up.

    Password guesses are throttled by django-axes alone (accounts/throttle.py): allauth's own
    per-user-name limit would let anyone lock a named editor out from anywhere.
    """

    def is_open_for_signup(self, request):
        return False

    def pre_authenticate(self, request, **credentials):
        return None

    def get_client_ip(self, request):
        return client_address(request) or request.META.get("REMOTE_ADDR", "")

    def is_reauthentication_required(self, *, app, **kwargs):
        """Not again within minutes of signing in or giving a code: setting up the authenticator app
        and reading the recovery codes come straight after signing in."""
        request = context.request
        if request is not None and request.user.is_authenticated and services.proved_recently(request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def post_login(self, request, user, **kwargs):
        """The admin's addresses carry no language: it follows the one the staff member signed in with."""
        response = super().post_login(request, user, **kwargs)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            get_language(),
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        if services.session_verified(request):  # both factors: this browser is a recognised device of the account
            throttle.remember_device(request, response, user)
        return response
