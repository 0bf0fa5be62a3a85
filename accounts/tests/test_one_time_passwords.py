"""A password someone else set (createeditor, an administrator) expires, and must be changed at first sign-in."""

import io
import re
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.models import AuthEvent, OneTimePassword
from accounts.testing import sign_in_verified

from .conftest import AuthenticatorApp

NEW_PASSWORD = "a-new-password-of-my-own"


def _create_editor(name="kai"):
    out = io.StringIO()
    call_command("createeditor", name, stdout=out)
    password = out.getvalue().splitlines()[1].strip()
    assert "expires in 72 hours" in out.getvalue()
    return User.objects.get(username=name), password


def _enrol(client, username, password):
    """Sign in and set up the app (real transactions: allauth announces the set-up once its request commits)."""
    client.post("/en/accounts/login/", {"login": username, "password": password}, REMOTE_ADDR="203.0.113.9")
    secret = client.get("/en/accounts/2fa/totp/activate/").context["form"].secret
    client.post("/en/accounts/2fa/totp/activate/", {"code": AuthenticatorApp(secret).now()}, REMOTE_ADDR="203.0.113.9")


def test_createeditors_password_must_be_changed_before_any_other_staff_page(transactional_db):
    kai, password = _create_editor()
    assert OneTimePassword.objects.filter(user=kai).exists()
    client = Client()
    _enrol(client, "kai", password)
    for path in ["/admin/", "/admin/translation-files/export/", "/en/accounts/2fa/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/en/accounts/password/change/", path
    assert "set by someone else" in client.get("/en/accounts/password/change/").content.decode(), "says why"
    response = client.post(
        "/en/accounts/password/change/",
        {"oldpassword": password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert not OneTimePassword.objects.filter(user=kai).exists()
    assert client.get("/admin/").status_code == 200


def test_a_one_time_password_past_its_expiry_no_longer_signs_in(db):
    kai, password = _create_editor()
    OneTimePassword.objects.filter(user=kai).update(expires_at=timezone.now() - timedelta(minutes=1))
    client = Client()
    response = client.post("/en/accounts/login/", {"login": "kai", "password": password}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert AuthEvent.objects.filter(user=kai, kind=AuthEvent.Kind.PASSWORD_EXPIRED).count() == 1


def test_a_password_an_administrator_sets_for_someone_else_is_one_time_too(db, admin_client):
    mei = User.objects.create_user("mei", password="an-old-long-password", is_staff=True)
    assert not OneTimePassword.objects.filter(user=mei).exists(), "an account's own password is not one-time"
    response = admin_client.post(
        f"/admin/auth/user/{mei.pk}/password/",
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert OneTimePassword.objects.filter(user=mei).exists()
    mei.refresh_from_db()  # the new password (its hash signs the session)
    own = sign_in_verified(Client(), mei)
    assert own.get("/admin/")["Location"] == "/en/accounts/password/change/"
    assert re.search(r"password", own.get("/en/accounts/password/change/").content.decode())


def test_the_one_time_password_cannot_be_kept_as_the_new_one(transactional_db):
    kai, password = _create_editor()
    client = Client()
    _enrol(client, "kai", password)
    response = client.post(
        "/zh-hant/accounts/password/change/",
        {"oldpassword": password, "password1": password, "password2": password},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 200 and "請改設您自己的密碼" in response.content.decode()
    assert OneTimePassword.objects.filter(user=kai).exists()
