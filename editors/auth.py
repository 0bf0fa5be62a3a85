"""Admin login throttling (django-axes), kept out of logins that have no HTTP request."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for every login that comes with a request (the admin's login form).

    A login without a request (the test client's `login()`, a shell) has no address to
    throttle; axes would refuse it outright, so it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
