"""Signing staff in from tests: with the second factor proved, as the real sign-in leaves them."""

import os
import re
import time

import pyotp
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

from . import services
from .models import OneTimePassword

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


def enrol_in_browser(page, site, username, password, lang="en", on_set_up_page=None, keep_one_time_password=False):
    """Sign a new staff account in through Chromium and set up TOTP; returns the secret shown on the page.

    Leaves the page on the recovery-codes page, signed in and verified; a one-time password (createeditor's) is
    changed on the way, unless `keep_one_time_password`.
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
    if not keep_one_time_password and OneTimePassword.objects.filter(user__username=username).exists():
        page.goto(f"{site}/admin/")  # createeditor's password: changed before any other staff page
        change_one_time_password(page, password)
        page.goto(f"{site}/{lang}/accounts/2fa/recovery-codes/")
    return secret


def change_one_time_password(page, password):
    """On the page a one-time password is sent to after set-up: choose a new one; returns it."""
    page.wait_for_url(re.compile(r"/accounts/password/change/$"))
    new_password = f"mei-{os.urandom(8).hex()}"
    page.fill("#id_oldpassword", password)
    page.fill("#id_password1", new_password)
    page.fill("#id_password2", new_password)
    page.click("form.account-form button[type=submit]")
    page.wait_for_load_state()
    return new_password


# A sample value for each of Django's path converters, for requesting a pattern without knowing its records.
_CONVERTER_SAMPLES = {"int": "1", "slug": "x", "str": "x", "path": "1", "uuid": "00000000-0000-0000-0000-000000000001"}


def _sample(pattern):
    """One path that the pattern (a RoutePattern, RegexPattern or the language prefix) matches."""
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: _CONVERTER_SAMPLES[m[1] or "str"], str(pattern))

    def group(match):  # a group of literal alternatives: the first; anything else: "1"
        body = match[1]
        return body.split("|")[0] if re.fullmatch(r"[\w/|-]+", body) else "1"

    return re.sub(r"\((?:\?P<\w+>)?([^()]*)\)", group, pattern.regex.pattern.lstrip("^").rstrip("$"))


def every_url_pattern(patterns=None, prefix=""):
    """Every URL pattern the site has, as (sample path, pattern): what Django's resolver knows, not a list.

    A pattern shadowed by an earlier one (its sample resolves elsewhere) cannot be requested at all; it is
    yielded with the path anyway, and the request reaches the pattern that shadows it.
    """
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        path = prefix + _sample(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from every_url_pattern(pattern.url_patterns, path)
        else:
            yield "/" + path, pattern
