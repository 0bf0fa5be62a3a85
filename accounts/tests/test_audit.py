"""The audit trail: sign-ins, failures, lockouts, second-factor set-ups and resets; never a secret."""

import io

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core.management import call_command

from accounts.models import AuthEvent

from .conftest import PASSWORD

Kind = AuthEvent.Kind


def trail():
    return [(e.kind, e.username, e.ip_address) for e in AuthEvent.objects.order_by("id")]


def test_a_sign_in_with_a_wrong_password_then_a_wrong_code_then_the_right_one(staff, browser):
    mei = browser("203.0.113.9")
    mei.password("mei", "Wrong-Secret-1")
    mei.password("mei", PASSWORD)
    mei.code("999999")
    mei.code(staff.totp.now())
    mei.client.post("/en/accounts/logout/", REMOTE_ADDR="203.0.113.9")
    ip = "203.0.113.9"
    assert trail() == [
        (Kind.SIGN_IN_FAILED, "mei", ip),
        (Kind.CODE_FAILED, "mei", ip),
        (Kind.SIGNED_IN, "mei", ip),
        (Kind.SIGNED_OUT, "mei", ip),
    ]
    assert set(AuthEvent.objects.values_list("user", flat=True)) == {staff.pk}


def test_a_lockout_is_recorded_with_the_name_tried_and_the_address(staff, browser, settings):
    attacker = browser("198.51.100.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.password("mei", "guess")
    assert (Kind.LOCKED_OUT, "mei", "198.51.100.66") in trail()


def test_a_user_name_that_does_not_exist_is_recorded_as_typed(db, browser):
    browser("198.51.100.66").password("no-such-editor", "x")
    assert trail() == [(Kind.SIGN_IN_FAILED, "no-such-editor", "198.51.100.66")]
    assert AuthEvent.objects.get().user is None


def test_no_password_or_code_is_ever_stored(staff, browser):
    secret_password, wrong_code = "Hunter2-Secret-Password", "424242"
    mei = browser("203.0.113.9")
    mei.password("mei", secret_password)
    mei.password("mei", PASSWORD)
    mei.code(wrong_code)
    stored = [
        *AuthEvent.objects.values_list("username", "detail"),
        *AccessAttempt.objects.values_list("get_data", "post_data"),
        *AccessFailureLog.objects.values_list("username", "path_info"),
    ]
    text = repr(stored)
    assert AuthEvent.objects.count() == 2 and AccessAttempt.objects.exists()
    for secret in [secret_password, PASSWORD, wrong_code]:
        assert secret not in text


def test_a_recovery_code_use_and_a_reset_are_recorded(staff, browser):
    mei = browser("203.0.113.9")
    mei.password("mei", PASSWORD)
    mei.code(staff.recovery_codes[3])
    call_command("resetsecondfactor", "mei", stdout=io.StringIO())
    kinds = [kind for kind, _name, _ip in trail()]
    assert kinds == [Kind.RECOVERY_CODE_USED, Kind.SIGNED_IN, Kind.SECOND_FACTOR_RESET]


def test_an_administrator_reads_the_trail_in_the_admin_in_both_languages(staff, browser, admin_client):
    browser("198.51.100.66").password("mei", "guess")
    html = admin_client.get("/admin/accounts/authevent/").content.decode()
    assert "198.51.100.66" in html and "Wrong user name or password" in html
    html = admin_client.get("/admin/accounts/authevent/", headers={"Accept-Language": "zh-Hant"}).content.decode()
    assert "使用者名稱或密碼錯誤" in html
    event = AuthEvent.objects.get(kind=Kind.SIGN_IN_FAILED)
    assert admin_client.get(f"/admin/accounts/authevent/{event.pk}/change/").status_code == 200  # read-only view
    assert admin_client.post(f"/admin/accounts/authevent/{event.pk}/delete/").status_code == 403
    assert admin_client.get("/admin/accounts/authevent/add/").status_code == 403


@pytest.mark.parametrize("path", ["/admin/accounts/authevent/", "/admin/axes/accessattempt/"])
def test_an_editor_cannot_read_the_trail(db, client, sign_in_verified, path):
    from django.contrib.auth.models import Group, User

    from editors.roles import EDITOR_GROUP

    editor = User.objects.create_user("erin", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    assert sign_in_verified(client, editor).get(path).status_code == 403
