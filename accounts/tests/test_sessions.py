"""Staff sessions: idle expiry, browser close, ended by a password change, sign-out from every admin page."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from .conftest import PASSWORD

ADMIN_PAGES = [
    "/admin/",
    "/admin/trends/trend/",
    "/admin/trends/trend/{pk}/change/",
    "/admin/trends/trend/{pk}/history/",
    "/admin/password_change/",
    "/admin/accounts/authevent/",
    "/admin/auth/user/",
]


@pytest.fixture
def signed_in(staff, browser):
    mei = browser("203.0.113.9")
    mei.password("mei", PASSWORD)
    assert mei.code(staff.totp.now()).status_code == 302
    return mei


def test_the_session_cookie_ends_with_the_browser(staff, browser):
    mei = browser("203.0.113.9")
    mei.password("mei", PASSWORD)
    response = mei.code(staff.totp.now())
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"], "no expiry date: a session cookie"


def test_an_idle_session_expires_and_each_request_restarts_the_clock(signed_in, settings):
    session = Session.objects.get()
    assert session.expire_date - timezone.now() > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))
    assert signed_in.get("/admin/").status_code == 200
    assert Session.objects.get().expire_date - timezone.now() > timedelta(minutes=55), "activity restarts it"
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))  # an hour without a request
    response = signed_in.get("/admin/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_changing_the_password_ends_the_users_other_sessions(staff, signed_in, browser):
    phone = browser("198.51.100.7")
    phone.password("mei", PASSWORD)
    phone.code(staff.recovery_codes[0])  # the app's current code was just used by the first session
    assert phone.get("/admin/").status_code == 200
    new = "another-long-password-2026"
    response = signed_in.client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    assert signed_in.get("/admin/").status_code == 200, "the session that changed it goes on"
    assert phone.get("/admin/").status_code == 302, "the other one has ended"


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_signing_out_works_from_every_admin_page(db, client, admin_user, sign_in_verified, path):
    from trends.models import Trend

    sign_in_verified(client, admin_user)
    page = client.get(path.format(pk=Trend.objects.first().pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<form id="logout-form" method="post" action="/admin/logout/">' in html
    assert client.post("/admin/logout/").status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_signing_out_works_from_the_account_pages(signed_in):
    page = signed_in.get("/en/accounts/2fa/recovery-codes/")
    assert '<form class="account-bar" method="post" action="/en/accounts/logout/">' in page.content.decode()
    assert signed_in.client.post("/en/accounts/logout/", REMOTE_ADDR="203.0.113.9").status_code == 302
    assert signed_in.signed_in_as() is None


def test_turning_off_the_app_ends_the_users_other_sessions_and_asks_this_one_for_a_new_set_up(
    staff, signed_in, browser
):
    phone = browser("198.51.100.7")
    phone.password("mei", PASSWORD)
    phone.code(staff.recovery_codes[1])
    assert phone.get("/admin/").status_code == 200
    response = signed_in.client.post("/en/accounts/2fa/totp/deactivate/", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert signed_in.get("/admin/")["Location"] == "/en/accounts/2fa/totp/activate/", "no second factor left"
    assert phone.get("/admin/").status_code == 302 and phone.signed_in_as() is None, "the other session ended"
