"""A new editor's sign-in in a real Chromium: set up TOTP, sign out, password + code, a recovery code once.

Every page passes axe-core, fits a 375 px phone and breaks no Content-Security-Policy rule, in English
and in Traditional Chinese. With SCREENSHOT_DIR set (`make screenshots`), each is photographed there.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.models import AuthEvent
from accounts.testing import TOTP, change_one_time_password, enrol_in_browser
from pages.tests.helpers import PHONE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.long_running]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")  # `make screenshots` sets docs/screenshots/


class Checker:
    """Looks at each page as a phone user: axe, no sideways scrolling, a screenshot; counts the pages."""

    def __init__(self, page, lang):
        self.page, self.lang, self.checked = page, lang, []
        self.csp_errors = []
        page.on("console", lambda msg: "Content Security Policy" in msg.text and self.csp_errors.append(msg.text))

    def check(self, name):
        page = self.page
        assert page.evaluate("document.documentElement.lang").lower().startswith(self.lang.split("-")[0])
        assert axe_violations(page) == [], f"{name} ({self.lang})"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} ({self.lang}) scrolls sideways by {overflow}px on a phone"
        if SCREENSHOT_DIR:
            Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=Path(SCREENSHOT_DIR) / f"sign-in-{name}-{self.lang}-phone.png", full_page=True)
        self.checked.append(name)


def sign_in(page, site, lang, password):
    page.goto(f"{site}/{lang}/accounts/login/?next=/admin/")
    page.fill("#id_login", "mei")
    page.fill("#id_password", password)
    page.click("form.account-form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))


def give_code(page, code):
    page.fill("#id_code", code)
    with page.expect_navigation():  # a wrong code comes back to the same address, so wait for the answer
        page.click("form.account-form button[type=submit]")


def sign_out(page, site):
    """With the admin's own "Log out" button, as on every admin page."""
    page.goto(f"{site}/admin/")
    page.click("#logout-form button[type=submit]")
    page.wait_for_url(f"{site}/admin/logout/")
    assert "/accounts/login/" in page.goto(f"{site}/admin/").url


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_new_editor_sets_up_totp_signs_in_with_a_code_and_uses_a_recovery_code_once(editable_site, page, lang):
    site = editable_site
    page.set_viewport_size(PHONE)
    look = Checker(page, lang)
    out = io.StringIO()
    call_command("createeditor", "mei", stdout=out)
    password = out.getvalue().splitlines()[1]

    # First sign-in: the password, then straight to setting up the authenticator app.
    page.goto(f"{site}/{lang}/accounts/login/?next=/admin/")
    look.check("password")
    secret = enrol_in_browser(
        page, site, "mei", password, lang=lang, on_set_up_page=lambda: look.check("set-up"), keep_one_time_password=True
    )
    look.check("recovery-codes")
    recovery = [code.strip() for code in page.locator(".recovery-codes code").all_inner_texts()]
    assert len(recovery) == 10
    page.click("a[href='/admin/']")
    # createeditor's password is one-time: changed before any other staff page opens.
    page.wait_for_url(re.compile(r"/accounts/password/change/$"))
    look.check("change-password")
    password = change_one_time_password(page, password)
    page.goto(f"{site}/admin/")
    page.wait_for_load_state()
    assert page.url == f"{site}/admin/" and page.locator("#user-tools").count() == 1

    # Signing out, and in again: password, then the app's code.
    sign_out(page, site)
    sign_in(page, site, lang, password)
    look.check("code")
    give_code(page, TOTP(secret).now())
    page.wait_for_url(f"{site}/admin/")
    sign_out(page, site)

    # A recovery code instead of the app: once.
    sign_in(page, site, lang, password)
    give_code(page, recovery[0])
    page.wait_for_url(f"{site}/admin/")
    sign_out(page, site)
    sign_in(page, site, lang, password)
    give_code(page, recovery[0])
    assert "/accounts/2fa/authenticate/" in page.url and page.locator(".errorlist").count() == 1
    look.check("code-error")
    assert "/accounts/" in page.goto(f"{site}/admin/").url, "still not in the admin"

    assert look.csp_errors == []
    assert look.checked == ["password", "set-up", "recovery-codes", "change-password", "code", "code-error"]
    kinds = list(AuthEvent.objects.filter(username="mei").order_by("id").values_list("kind", flat=True))
    assert kinds[0] == AuthEvent.Kind.SIGNED_IN_TO_SET_UP and AuthEvent.Kind.PASSWORD_CHANGED in kinds
    assert kinds.count(AuthEvent.Kind.SIGNED_IN) == 2 and kinds.count(AuthEvent.Kind.RECOVERY_CODE_USED) == 1
    assert kinds[-1] == AuthEvent.Kind.CODE_FAILED


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_passkey_added_after_the_app_signs_in_instead_of_a_code(editable_site, page, settings, lang):
    """Chromium's virtual authenticator stands in for a phone's passkey (WebAuthn over plain http://localhost)."""
    site = editable_site
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    page.set_viewport_size(PHONE)
    look = Checker(page, lang)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    out = io.StringIO()
    call_command("createeditor", "mei", stdout=out)
    password = out.getvalue().splitlines()[1]
    enrol_in_browser(page, site, "mei", password, lang=lang, keep_one_time_password=True)
    page.goto(f"{site}/admin/")  # createeditor's password is one-time: changed first
    password = change_one_time_password(page, password)
    page.goto(f"{site}/{lang}/accounts/2fa/recovery-codes/")

    page.click(f"a[href='/{lang}/accounts/2fa/webauthn/add/']")
    page.wait_for_url(re.compile(r"/accounts/2fa/webauthn/add/"))
    look.check("passkey-add")
    page.click("#mfa_webauthn_add")
    page.wait_for_url(re.compile(r"/accounts/2fa/$"))
    look.check("two-factor-overview")
    assert len(cdp.send("WebAuthn.getCredentials", authenticator)["credentials"]) == 1

    sign_out(page, site)
    sign_in(page, site, lang, password)
    look.check("code-or-passkey")
    page.click("#mfa_webauthn_authenticate")
    page.wait_for_url(f"{site}/admin/")
    assert look.csp_errors == []
    added = AuthEvent.objects.filter(username="mei", kind=AuthEvent.Kind.SECOND_FACTOR_ADDED)
    assert added.count() == 3 and added.filter(detail="webauthn").exists()  # app, recovery codes, passkey
    assert AuthEvent.objects.filter(username="mei", kind=AuthEvent.Kind.SIGNED_IN).count() == 1  # and one to set up
