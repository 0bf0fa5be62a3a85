"""Hostile values at the sign-in and code forms: a form error or 429, never a 5xx, never a session."""

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accounts.models import AuthEvent

from .conftest import PASSWORD

pytestmark = pytest.mark.long_running

# Values known to break code and name fields: each is tried on every run (explicit examples), not only when
# hypothesis happens to draw it among its random ones.
HOSTILE_CODES = [
    "١٢٣٤٥٦",  # Arabic-Indic digits
    "１２３４５６",  # full-width digits
    "۱۲۳۴۵۶",  # Persian digits
    "𝟏𝟐𝟑𝟒𝟓𝟔",  # mathematical bold digits
    "12345\x00",
    "000000",
    " 123 456 ",
    "1" * 10000,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "💥" * 6,
]
HOSTILE_NAMES = ["mei", "MEI", "mei\x00", " mei", "ｍｅｉ", "x" * 5000, "", "admin'--", "mei\r\nX-Header: 1"]
CODES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789", min_size=0, max_size=12),  # wrong lengths
    st.sampled_from(HOSTILE_CODES),
)
NAMES = st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_NAMES))


def with_examples(cases):
    """Hypothesis's @example once for each of `cases` (dicts of arguments)."""

    def decorate(test):
        for case in reversed(cases):
            test = example(**case)(test)
        return test

    return decorate


def signed_in(client):
    return "_auth_user_id" in client.session


def fresh_start():
    AccessAttempt.objects.all().delete()  # each example starts below the limits...
    AuthEvent.objects.all().delete()  # ...the per-account ceiling's too (it counts the audit trail's failures)...
    cache.clear()  # ...and allauth's own rate counters


@pytest.fixture
def mei(staff):
    return staff


# Random values on top of the hostile ones above, which every run tries (each example is a sign-in, 20-40 ms).
hypothesis_settings = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
LANGS = ["en", "zh-hant"]


@hypothesis_settings
@given(
    name=NAMES, password=st.one_of(st.text(max_size=40), st.just("x" * 5000)), lang=st.sampled_from(["en", "zh-hant"])
)
@example(name="mei\x00", password=PASSWORD, lang="en")
@example(name="mei", password=PASSWORD + "\x00", lang="zh-hant")
@with_examples([dict(name=name, password="x" * 5000, lang=LANGS[i % 2]) for i, name in enumerate(HOSTILE_NAMES)])
def test_the_password_form_never_fails_and_never_signs_in_with_a_wrong_password(mei, name, password, lang):
    fresh_start()
    client = Client(raise_request_exception=False)
    response = client.post(
        f"/{lang}/accounts/login/", {"login": name, "password": password}, REMOTE_ADDR="198.51.100.66"
    )
    assert response.status_code in (200, 429), response.status_code
    assert not signed_in(client)
    if response.status_code == 200:
        assert response.context["form"].errors


@hypothesis_settings
@given(code=CODES, lang=st.sampled_from(["en", "zh-hant"]))
@example(code="used", lang="en")  # a replay of the code that just signed in elsewhere
@with_examples([dict(code=code, lang=LANGS[i % 2]) for i, code in enumerate(HOSTILE_CODES)])
def test_the_code_form_never_fails_and_never_signs_in_with_a_wrong_code(mei, code, lang):
    fresh_start()
    if code == "used":
        code = mei.totp.now()
        first = Client()
        first.post("/en/accounts/login/", {"login": "mei", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
        assert (
            first.post("/en/accounts/2fa/authenticate/", {"code": code}, REMOTE_ADDR="203.0.113.9").status_code == 302
        )
    elif mei.totp.verify(code) or code in mei.recovery_codes:
        return  # hypothesis will not guess one, but a right code is not hostile
    client = Client(raise_request_exception=False)
    client.post(f"/{lang}/accounts/login/", {"login": "mei", "password": PASSWORD}, REMOTE_ADDR="198.51.100.66")
    response = client.post(f"/{lang}/accounts/2fa/authenticate/", {"code": code}, REMOTE_ADDR="198.51.100.66")
    assert response.status_code in (200, 429), response.status_code
    assert not signed_in(client)
    if response.status_code == 200:
        assert response.context["form"].errors


@hypothesis_settings
@given(code=CODES)
@with_examples([dict(code=code) for code in HOSTILE_CODES])
def test_the_set_up_form_never_fails_and_never_sets_up_with_a_wrong_code(new_staff, code):
    fresh_start()
    client = Client(raise_request_exception=False)
    client.post("/en/accounts/login/", {"login": "newbie", "password": PASSWORD}, REMOTE_ADDR="198.51.100.66")
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": code}, REMOTE_ADDR="198.51.100.66")
    assert response.status_code == 200 and response.context["form"].errors
    assert client.get("/admin/", REMOTE_ADDR="198.51.100.66")["Location"] == "/en/accounts/2fa/totp/activate/"
