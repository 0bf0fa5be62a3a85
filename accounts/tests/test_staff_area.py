"""One door for staff: every URL pattern Django knows is either declared public or behind both factors.

The patterns come from Django's resolver, not from a list: a page added tomorrow is walked too.
"""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import resolve

from accounts import services
from accounts.staff_area import SET_UP_PAGES, is_public
from accounts.testing import every_url_pattern, sign_in_verified

from .conftest import PASSWORD

STAFF_PREFIXES = ("/admin/", "/en/accounts/")
# The door itself: the pages anyone may open to sign in (and the 404 for what this site does not offer).
SIGN_IN_DOOR = {"login", "account_login", "account_logout", "account_inactive", "mfa_authenticate"}
SIGN_IN = "/en/accounts/login/?next="
SET_UP = "/en/accounts/2fa/totp/activate/"

PATTERNS = list(every_url_pattern())
STAFF_PATTERNS = [(path, pattern) for path, pattern in PATTERNS if not is_public(resolve(path).func)]


def _id(item):
    return item[0]


def test_the_walk_finds_the_staff_pages_added_after_the_first_list():
    paths = {path for path, _ in STAFF_PATTERNS}
    assert {"/admin/translation-files/export/", "/admin/translation-files/import/apply/"} <= paths
    assert "/en/accounts/2fa/recovery-codes/" in paths and "/admin/mfa/authenticator/1/change/" in paths
    assert len(STAFF_PATTERNS) > 90


@pytest.mark.parametrize(("path", "pattern"), PATTERNS, ids=[p for p, _ in PATTERNS])
def test_a_public_pattern_is_a_readers_page_or_the_sign_in_door(path, pattern, db):
    served = resolve(path)
    if not is_public(served.func):
        return  # guarded: the tests below
    if path.startswith(STAFF_PREFIXES):
        assert served.url_name in SIGN_IN_DOOR or served.url_name is None, (
            f"{path} ({served.url_name}) is marked public inside the staff area"
        )
        if served.url_name is None:  # the sign-up and reset-by-mail pages this site does not offer
            assert Client().get(path).status_code == 404


@pytest.fixture
def sessions(db, staff, new_staff):
    """A client for each session that must not pass the door, and where each must be sent."""
    anonymous = Client()
    reader = Client()
    reader.force_login(User.objects.create_user("reader", password=PASSWORD))
    # A staff account with a second factor, signed in by something that asked for the password only.
    password_only = Client()
    password_only.force_login(staff)
    # A new account (no second factor yet) after its password: may only set one up.
    newbie = Client()
    newbie.post("/en/accounts/login/", {"login": "newbie", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
    assert newbie.session.get("_auth_user_id") == str(new_staff.pk)
    # Both factors proved, and then an administrator reset the second factor (a stolen session, say).
    before_reset = sign_in_verified(Client(), staff)
    assert before_reset.get("/admin/").status_code == 200
    call_command("resetsecondfactor", "mei", stdout=io.StringIO())
    # Both factors proved, and then the password was changed elsewhere.
    other = User.objects.create_user("ada", password=PASSWORD, is_staff=True, is_superuser=True)
    before_password_change = sign_in_verified(Client(), other)
    other.set_password("another-long-password")
    other.save()
    return {
        "anonymous": (anonymous, SIGN_IN),
        "non-staff": (reader, SIGN_IN),
        "password only": (password_only, SIGN_IN),
        "new account": (newbie, SET_UP),
        "before a reset": (before_reset, SIGN_IN),
        "before a password change": (before_password_change, SIGN_IN),
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_no_staff_page_answers_a_session_without_both_factors_proved_in_it(sessions, method):
    """GET and POST to every guarded pattern, from every kind of session that has not earned the staff area."""
    let_through = []
    for name, (client, expected) in sessions.items():
        for path, _ in STAFF_PATTERNS:
            if name == "new account" and resolve(path).url_name in SET_UP_PAGES:
                continue  # setting up the second factor is what this session is for
            response = getattr(client, method)(path, {"title": "changed"})
            if not (response.status_code == 302 and response["Location"].startswith(expected)):
                let_through.append((name, path, response.status_code, response.get("Location")))
    assert let_through == []
    signed_in = {name for name, (client, _) in sessions.items() if client.session.get("_auth_user_id")}
    assert signed_in == {"new account"}, "every other session was ended at the door"


def test_a_session_ended_at_the_door_is_recorded_as_such_not_as_a_sign_out(sessions, staff):
    from accounts.models import AuthEvent

    kinds = list(AuthEvent.objects.filter(user=staff).values_list("kind", flat=True))
    client, _ = sessions["before a reset"]
    client.get("/admin/translation-files/export/")
    new = list(AuthEvent.objects.filter(user=staff).values_list("kind", flat=True))[: -len(kinds) or None]
    assert new == [AuthEvent.Kind.SESSION_ENDED]


def test_a_verified_session_reaches_every_staff_page_without_being_signed_out(admin_client):
    """The other side: both factors open the area (no pattern sends a verified superuser back to the door)."""
    sent_back = []
    for path, _ in STAFF_PATTERNS:
        if resolve(path).url_name == "logout" or "logout" in path:
            continue
        response = admin_client.get(path)
        if response.status_code == 302 and response["Location"].startswith((SIGN_IN, SET_UP)):
            sent_back.append(path)
    assert sent_back == []
    assert services.SESSION_VERIFIED in admin_client.session
