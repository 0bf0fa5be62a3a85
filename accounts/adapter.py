from allauth.account.adapter import DefaultAccountAdapter

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
