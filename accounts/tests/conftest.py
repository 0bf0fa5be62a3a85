"""Staff accounts with and without a second factor, and a client that signs in the way a browser does."""

import time

import pyotp
import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import User

from accounts.testing import TOTP as BrowsersAuthenticatorApp

PASSWORD = "a-long-test-password"
PROXY = "127.0.0.1"  # the TLS proxy in front: every request reaches Django from it


class AuthenticatorApp(BrowsersAuthenticatorApp):
    """accounts.testing.TOTP for codes the test client sends, which this process checks within milliseconds: a code
    with 2 seconds left in its window is used, not waited out as a browser's must be (5 seconds: a sixth of all
    codes, 2.5 seconds' wait each)."""

    SAFE_MARGIN_SECONDS = 2

    def now(self):
        left = self.interval - time.time() % self.interval
        if left < self.SAFE_MARGIN_SECONDS:
            time.sleep(left + 0.05)
        return pyotp.TOTP.now(self)


@pytest.fixture
def staff(db):
    """A staff account (an editor) that has set up an authenticator app; `.totp` computes its codes."""
    user = User.objects.create_user("mei", password=PASSWORD, is_staff=True)
    secret = pyotp.random_base32()
    TOTP.activate(user, secret)
    user.totp = AuthenticatorApp(secret)
    user.recovery_codes = RecoveryCodes.activate(user).generate_codes()
    return user


@pytest.fixture
def new_staff(db):
    """A staff account that has not set up a second factor yet (as `createeditor` leaves it)."""
    return User.objects.create_user("newbie", password=PASSWORD, is_staff=True)


class Browser:
    """A test client with one client address, straight or behind the trusted proxy (PROXY, on the same machine)."""

    def __init__(self, client, address, behind_proxy=False):
        self.client, self.address, self.behind_proxy = client, address, behind_proxy

    def headers(self, spoofed=None):
        if not self.behind_proxy:
            return {"REMOTE_ADDR": self.address}
        # The proxy appends the address it received from to whatever the client sent.
        forwarded = f"{spoofed}, {self.address}" if spoofed else self.address
        return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}

    def password(self, username, password, spoofed=None, lang="en"):
        return self.client.post(
            f"/{lang}/accounts/login/", {"login": username, "password": password}, **self.headers(spoofed)
        )

    def code(self, code, lang="en"):
        return self.client.post(f"/{lang}/accounts/2fa/authenticate/", {"code": code}, **self.headers())

    def get(self, path):
        return self.client.get(path, **self.headers())

    def signed_in_as(self):
        return self.client.session.get("_auth_user_id")


@pytest.fixture
def browser(db):
    """Factory: `browser("203.0.113.9")`, or `browser(address, behind_proxy=True)`; each its own cookies."""
    from django.test import Client

    return lambda address, behind_proxy=False: Browser(Client(), address, behind_proxy)
