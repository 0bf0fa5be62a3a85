"""No staff page without a second factor: set-up on the first sign-in, then password + code every time."""

import io

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from accounts.models import AuthEvent

from .conftest import PASSWORD, AuthenticatorApp

ADMIN_PAGES = ["/admin/", "/admin/trends/trend/", "/admin/password_change/", "/admin/accounts/authevent/"]
ACCOUNT_PAGES = ["/en/accounts/password/change/", "/en/accounts/2fa/", "/en/accounts/2fa/recovery-codes/generate/"]


def test_a_password_alone_does_not_sign_in_an_account_with_a_second_factor(staff, browser):
    mei = browser("203.0.113.9")
    response = mei.password("mei", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/en/accounts/2fa/authenticate/"
    assert mei.signed_in_as() is None
    assert mei.get("/admin/").status_code == 302
    response = mei.code(staff.totp.now())
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert mei.signed_in_as() == str(staff.pk)
    assert mei.get("/admin/").status_code == 200


@pytest.mark.parametrize("path", ADMIN_PAGES + ACCOUNT_PAGES)
def test_a_new_staff_account_must_set_up_a_second_factor_before_any_admin_page(new_staff, browser, path):
    newbie = browser("203.0.113.9")
    assert newbie.password("newbie", PASSWORD).status_code == 302
    assert newbie.signed_in_as() == str(new_staff.pk), "the first sign-in is let in, to set one up"
    response = newbie.get(path)
    assert response.status_code == 302 and response["Location"] == "/en/accounts/2fa/totp/activate/"


def test_setting_up_the_authenticator_app_opens_the_admin(transactional_db, new_staff, browser):
    """(Real transactions: allauth announces the set-up once its transaction has committed.)"""
    newbie = browser("203.0.113.9")
    newbie.password("newbie", PASSWORD)
    page = newbie.get("/zh-hant/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    html = page.content.decode()
    assert f'id="totp-secret">{secret}<' in html and 'src="data:image/svg+xml;base64,' in html, "QR drawn locally"
    response = newbie.client.post("/zh-hant/accounts/2fa/totp/activate/", {"code": "123456"}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200 and response.context["form"].errors
    response = newbie.client.post(
        "/zh-hant/accounts/2fa/totp/activate/", {"code": AuthenticatorApp(secret).now()}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 302 and response["Location"] == "/zh-hant/accounts/2fa/recovery-codes/"
    page = newbie.get("/zh-hant/accounts/2fa/recovery-codes/")
    assert page.status_code == 200, page.get("Location")
    codes = page.context["unused_codes"]
    assert len(codes) == 10
    assert newbie.get("/admin/").status_code == 200
    assert set(Authenticator.objects.filter(user=new_staff).values_list("type", flat=True)) == {
        "totp",
        "recovery_codes",
    }
    assert AuthEvent.objects.filter(user=new_staff, kind=AuthEvent.Kind.SECOND_FACTOR_ADDED).count() == 2


def test_a_recovery_code_signs_in_once(staff, browser):
    mei = browser("203.0.113.9")
    code = staff.recovery_codes[0]
    mei.password("mei", PASSWORD)
    assert mei.code(code).status_code == 302 and mei.signed_in_as() == str(staff.pk)
    mei.client.post("/en/accounts/logout/")
    mei.password("mei", PASSWORD)
    response = mei.code(code)
    assert response.status_code == 200 and response.context["form"].errors["code"]
    assert mei.signed_in_as() is None


def test_an_authenticator_code_cannot_be_replayed(staff, browser):
    mei, eavesdropper = browser("203.0.113.9"), browser("198.51.100.66")
    code = staff.totp.now()
    mei.password("mei", PASSWORD)
    assert mei.code(code).status_code == 302
    eavesdropper.password("mei", PASSWORD)
    response = eavesdropper.code(code)
    assert response.status_code == 200 and eavesdropper.signed_in_as() is None


def test_a_session_that_skipped_the_second_factor_is_ended(staff, client):
    client.force_login(staff)  # as if signed in by some path that asked for the password only
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_a_reset_from_the_command_line_ends_the_users_sessions_and_asks_for_a_new_set_up(staff, browser):
    mei = browser("203.0.113.9")
    mei.password("mei", PASSWORD)
    mei.code(staff.totp.now())
    assert mei.get("/admin/").status_code == 200
    out = io.StringIO()
    call_command("resetsecondfactor", "mei", stdout=out)
    assert "reset" in out.getvalue() and not Authenticator.objects.filter(user=staff).exists()
    assert mei.get("/admin/").status_code == 302 and mei.signed_in_as() is None, "the session ended"
    event = AuthEvent.objects.get(kind=AuthEvent.Kind.SECOND_FACTOR_RESET)
    assert event.user == staff and "command line" in event.detail
    mei.password("mei", PASSWORD)
    assert mei.get("/admin/")["Location"] == "/en/accounts/2fa/totp/activate/"


def test_resetting_an_unknown_user_changes_nothing(db):
    with pytest.raises(CommandError, match="No user called 'ghost'"):
        call_command("resetsecondfactor", "ghost", stdout=io.StringIO())
    assert not AuthEvent.objects.exists()


def test_a_non_staff_account_gets_nowhere_in_the_admin(db, browser):
    from django.contrib.auth.models import User

    User.objects.create_user("reader", password=PASSWORD)
    reader = browser("203.0.113.9")
    reader.password("reader", PASSWORD)
    assert reader.signed_in_as() is not None
    response = reader.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")
    assert reader.signed_in_as() is None, "signed out at the door"
    for path in ["/en/accounts/2fa/", "/en/accounts/2fa/totp/activate/", "/en/accounts/password/change/"]:
        reader.password("reader", PASSWORD)
        assert reader.get(path)["Location"].startswith("/en/accounts/login/"), path


def test_sign_up_and_password_reset_by_email_are_not_offered(db, client):
    for path in ["/en/accounts/signup/", "/en/accounts/password/reset/", "/en/accounts/email/"]:
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"email": "x@example.org"}).status_code == 404, path


def test_the_test_clients_login_still_works_and_meets_the_same_rule(new_staff, client, sign_in_verified):
    assert client.login(username="newbie", password=PASSWORD)
    assert client.get("/admin/")["Location"] == "/en/accounts/2fa/totp/activate/"
    assert sign_in_verified(client, new_staff).get("/admin/").status_code == 200


def test_the_admin_and_the_set_up_follow_the_language_signed_in_with(new_staff, staff, browser):
    newbie = browser("203.0.113.9")
    newbie.password("newbie", PASSWORD, lang="zh-hant")
    assert newbie.get("/admin/")["Location"] == "/zh-hant/accounts/2fa/totp/activate/"
    mei = browser("198.51.100.7")
    mei.password("mei", PASSWORD, lang="zh-hant")
    mei.code(staff.totp.now(), lang="zh-hant")
    assert '<html lang="zh-hant"' in mei.get("/admin/").content.decode()
