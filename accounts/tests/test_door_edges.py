"""What a hostile tester found at the staff door's edges, each now held."""

import io
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.models import AuthEvent, OneTimePassword

from .conftest import PASSWORD


def test_the_admins_own_login_form_signs_nobody_in_even_for_a_staff_session(new_staff, staff, browser):
    newbie = browser("203.0.113.9")
    newbie.password("newbie", PASSWORD)  # password only: may set up a second factor, nothing else
    for method in ("get", "head", "post"):
        response = getattr(newbie.client, method)(
            "/admin/login/?next=/admin/", {"username": "mei", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
        )
        assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/"), method
    assert newbie.signed_in_as() == str(new_staff.pk), "not switched to mei by a password alone"
    assert not AuthEvent.objects.filter(user=staff, kind=AuthEvent.Kind.SIGNED_IN).exists()


def test_a_password_set_with_changepassword_is_one_time_and_audited(staff, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "an-operators-new-password")
    call_command("changepassword", "mei", stdout=io.StringIO())
    assert OneTimePassword.objects.filter(user=staff).exists(), "the operator knows it: mei must choose her own"
    event = AuthEvent.objects.get(kind=AuthEvent.Kind.PASSWORD_CHANGED)
    assert event.user == staff and "outside the site" in event.detail


def test_the_one_time_password_with_spaces_around_it_is_not_a_password_of_ones_own(db, admin_client):
    kai = User.objects.create_user("kai", is_staff=True)
    kai.set_password("given-by-the-admin-123")
    kai.password_is_one_time = True
    kai.save()
    from accounts.testing import sign_in_verified

    client = sign_in_verified(Client(), User.objects.get(username="kai"))
    response = client.post(
        "/admin/password_change/",
        {
            "old_password": "given-by-the-admin-123",
            "new_password1": "given-by-the-admin-123 ",
            "new_password2": "given-by-the-admin-123 ",
        },
    )
    assert response.status_code == 200 and OneTimePassword.objects.filter(user=kai).exists()


def test_an_expired_one_time_password_is_one_audit_line_and_ends_open_sessions_silently(db):
    out = io.StringIO()
    call_command("createeditor", "kai", stdout=out)
    password = out.getvalue().splitlines()[1].strip()
    open_session = Client()
    open_session.post("/en/accounts/login/", {"login": "kai", "password": password}, REMOTE_ADDR="203.0.113.9")
    OneTimePassword.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    before = AuthEvent.objects.count()
    for _ in range(3):
        assert open_session.get("/admin/")["Location"].startswith("/en/accounts/login/")
    Client().post("/en/accounts/login/", {"login": "kai", "password": password}, REMOTE_ADDR="203.0.113.9")
    new = list(AuthEvent.objects.order_by("id").values_list("kind", flat=True))[before:]
    assert new == [AuthEvent.Kind.PASSWORD_EXPIRED]


def test_an_attempt_while_locked_out_is_one_line_and_counts_toward_the_account(staff, browser, settings):
    intruder = browser("198.51.100.66")
    for _ in range(8):
        intruder.password("mei", "wrong password")
    kinds = list(AuthEvent.objects.filter(username="mei").values_list("kind", flat=True))
    assert len(kinds) == 8
    assert kinds.count(AuthEvent.Kind.SIGN_IN_FAILED) == settings.AXES_FAILURE_LIMIT - 1
    from accounts.throttle import account_failures

    assert account_failures("mei") == 8


def test_a_non_staff_sign_in_is_not_recorded_as_one_to_set_up_a_second_factor(db, browser):
    User.objects.create_user("reader", password=PASSWORD)
    browser("203.0.113.9").password("reader", PASSWORD)
    assert list(AuthEvent.objects.values_list("kind", flat=True)) == [AuthEvent.Kind.SIGNED_IN]
