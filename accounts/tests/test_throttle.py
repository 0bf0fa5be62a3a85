"""Sign-in throttling: by the right client address, keyed on (user name, address) plus a per-address limit.

The first three tests are the defects reported in issue 10; each failed on the code before it.
"""

import pytest
from axes.models import AccessAttempt
from django.conf import settings

from .conftest import PASSWORD

PAIR_LIMIT = 5
ADDRESS_LIMIT = 20


@pytest.fixture(autouse=True)
def policy(settings):
    """The documented defaults (docs/operations.md, "Sign-in throttling"), whatever the environment says."""
    settings.AXES_FAILURE_LIMIT = PAIR_LIMIT
    settings.ACCOUNTS_ADDRESS_FAILURE_LIMIT = ADDRESS_LIMIT


@pytest.fixture
def behind_one_proxy(settings):
    """The TLS proxy on the same machine (conftest.PROXY) is the one trusted proxy: DJANGO_TRUSTED_PROXIES' default."""
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]


def test_behind_the_proxy_an_attackers_failures_do_not_lock_out_every_editor(staff, browser, behind_one_proxy):
    """Observed: 5 bad logins with made-up names and their own X-Forwarded-For locked out everyone (429)."""
    attacker = browser("198.51.100.66", behind_proxy=True)
    for i in range(PAIR_LIMIT):
        attacker.password(f"made-up-{i}", "wrong", spoofed=f"192.0.2.{i}")
    mei = browser("203.0.113.9", behind_proxy=True)
    response = mei.password("mei", PASSWORD)
    assert response.status_code == 302 and response["Location"].endswith("/accounts/2fa/authenticate/")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}, (
        "the address the proxy saw, not the proxy's own nor the one the attacker wrote"
    )


def test_a_success_does_not_clear_failures_against_another_account(staff, new_staff, browser):
    """Observed: rounds of [4 wrong passwords for the victim, then one's own login] guessed without limit."""
    attacker = browser("198.51.100.66")
    for _round in range(3):
        for _ in range(PAIR_LIMIT - 1):
            attacker.password("mei", "guess")
        attacker.password("newbie", PASSWORD)  # the attacker's own account
        attacker.client.logout()
    assert attacker.password("mei", PASSWORD).status_code == 429, "the victim's pair locked after 5 guesses"


def test_nobody_can_lock_a_named_editor_out_from_elsewhere(staff, browser):
    """Observed: 5 requests from anywhere locked editor mei out for an hour."""
    attacker = browser("198.51.100.66")
    for _ in range(PAIR_LIMIT):
        attacker.password("mei", "wrong")
    assert attacker.password("mei", PASSWORD).status_code == 429
    mei = browser("203.0.113.9")
    assert mei.password("mei", PASSWORD).status_code == 302


def test_the_pair_is_locked_at_its_limit_and_no_sooner(staff, browser):
    mei = browser("203.0.113.9")
    for _ in range(PAIR_LIMIT - 1):
        assert mei.password("mei", "wrong").status_code == 200  # the form again, with an error
    assert mei.password("mei", "wrong").status_code == 429
    assert mei.password("mei", PASSWORD).status_code == 429, "even the right password, from that address"


def test_one_address_trying_many_names_is_stopped_for_every_name(staff, browser):
    sprayer = browser("198.51.100.66")
    for i in range(ADDRESS_LIMIT - 1):
        assert sprayer.password(f"user{i}", "Summer2026!").status_code == 200
    assert sprayer.password("user-last", "Summer2026!").status_code == 429
    assert sprayer.password("mei", PASSWORD).status_code == 429, "the address is paused for every name"
    assert browser("203.0.113.9").password("mei", PASSWORD).status_code == 302


def test_a_success_clears_its_own_pairs_failures_only(staff, new_staff, browser):
    office = browser("203.0.113.9")
    for _ in range(PAIR_LIMIT - 1):
        office.password("newbie", "typo")
    office.password("mei", "typo")
    assert office.password("newbie", PASSWORD).status_code == 302
    left = dict(AccessAttempt.objects.values_list("username", "failures_since_start"))
    assert left == {"mei": 1}


def test_from_a_peer_that_is_no_trusted_proxy_the_forwarded_header_is_ignored(staff, browser, settings):
    assert "198.51.100.66" not in settings.TRUSTED_PROXIES
    attacker = browser("198.51.100.66")
    for i in range(PAIR_LIMIT):
        attacker.client.post(
            "/en/accounts/login/",
            {"login": "mei", "password": "x"},
            REMOTE_ADDR="198.51.100.66",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
    assert attacker.password("mei", PASSWORD).status_code == 429, "rotating a header does not dodge the limit"


def test_wrong_second_factor_codes_count_against_the_pair(staff, browser):
    mei = browser("203.0.113.9")
    assert mei.password("mei", PASSWORD).status_code == 302
    for _ in range(PAIR_LIMIT - 1):
        assert mei.code("000000").status_code == 200  # form error
    assert mei.code("000000").status_code == 429
    assert mei.code(staff.totp.now()).status_code == 429, "no more tries, even with the right code"
    assert mei.signed_in_as() is None


def test_the_lockout_page_is_in_the_readers_language(staff, browser):
    mei = browser("203.0.113.9")
    for _ in range(PAIR_LIMIT):
        response = mei.password("mei", "wrong", lang="zh-hant")
    assert response.status_code == 429
    assert "登入失敗次數過多" in response.content.decode()


def test_axes_reset_lifts_a_lockout(staff, browser):
    from django.core.management import call_command

    mei = browser("203.0.113.9")
    for _ in range(PAIR_LIMIT):
        mei.password("mei", "wrong")
    call_command("axes_reset", verbosity=0)
    assert mei.password("mei", PASSWORD).status_code == 302


def test_the_settings_follow_DJANGO_TRUSTED_PROXIES():
    import os
    import subprocess
    import sys

    code = "from django.conf import settings as s; print(s.TRUSTED_PROXIES)"
    env = {
        **os.environ,
        "DJANGO_TRUSTED_PROXIES": " 10.0.0.0/8, 2001:db8::7,",
        "DJANGO_SETTINGS_MODULE": "ecomkb.settings_test",
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip() == "['10.0.0.0/8', '2001:db8::7']", out.stderr
