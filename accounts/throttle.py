"""Sign-in throttling with django-axes: by (user name, client address) pair, and by address.

Two counters over axes' AccessAttempt rows (one row per user name, address and browser):
- the pair's failures, limited by AXES_FAILURE_LIMIT: a guesser locks out only themselves, never
  the real user signing in from elsewhere;
- all failures from one address, limited by ACCOUNTS_ADDRESS_FAILURE_LIMIT (higher): one address
  trying many user names (password spraying) is stopped for every name.
A successful sign-in clears its own pair's failures and nothing else.
"""

from axes.backends import AxesStandaloneBackend
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt
from django.db.models import Sum


def client_address(request):
    """The client's address as the throttle sees it (DJANGO_PROXY_COUNT proxies trusted)."""
    return get_client_ip_address(request)


class PairAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for each of the two lockout parameters."""

    def get_failures(self, request, credentials=None) -> int:
        # AXES_LOCKOUT_PARAMETERS is [[username, ip_address], ip_address]: one queryset for each.
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if address >= settings.ACCOUNTS_ADDRESS_FAILURE_LIMIT:
            # Axes compares this number with AXES_FAILURE_LIMIT: the address is locked for every name.
            return max(pair, settings.AXES_FAILURE_LIMIT)
        return pair

    def reset_user_attempts(self, request, credentials=None) -> int:
        """On success, forget the failures of this pair only (not the address's other names)."""
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials), ip_address=request.axes_ip_address
        ).delete()
        return count


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for every sign-in that comes with a request.

    A login without a request (the test client's `login()`, a shell) has no address to
    throttle; axes would refuse it outright, so it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
