"""Signing staff in from tests: with the second factor proved, as the real sign-in leaves them."""

import re
import time

import pyotp

from . import services

# A code typed in the last seconds of its 30-second window reaches the server in the next one, where it
# is refused (no tolerance for drift is configured): in a slow run that made the browser test flaky.
SAFE_MARGIN_SECONDS = 5


class TOTP(pyotp.TOTP):
    """An authenticator app whose `now()` never hands out a code about to expire: it waits for the next."""

    def now(self):
        left = self.interval - time.time() % self.interval
        if left < SAFE_MARGIN_SECONDS:
            time.sleep(left + 0.05)
        return super().now()


def sign_in_verified(client, user):
    """`client.force_login(user)`, and the session marked as having proved a second factor.

    For tests about what a signed-in editor can do; tests about signing in use the real pages.
    """
    client.force_login(user)
    session = client.session
    session[services.SESSION_EPOCH] = services.latest_reset_id(user)
    session[services.SESSION_VERIFIED] = True
    session.save()
    return client


def enrol_in_browser(page, site, username, password, lang="en", on_set_up_page=None):
    """Sign a new staff account in through Chromium and set up TOTP; returns the secret shown on the page.

    Leaves the page on the recovery-codes page, signed in and verified.
    """
    page.goto(f"{site}/{lang}/accounts/login/?next=/admin/")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.click("form.account-form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    if on_set_up_page:
        on_set_up_page()
    secret = page.inner_text("#totp-secret").strip()
    page.fill("#id_code", TOTP(secret).now())
    page.click("form.account-form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    return secret
