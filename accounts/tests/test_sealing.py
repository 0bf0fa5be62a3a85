"""Second-factor secrets sealed at rest, and the admin that shows no secret and changes no one's factor."""

import importlib
import io

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP as AllauthTOTP
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from accounts import sealing
from accounts.models import AuthEvent
from accounts.testing import sign_in_verified

from .conftest import PASSWORD, AuthenticatorApp


def _every_stored_text():
    """Every value of every column of every table, read with raw SQL (what a dump or a backup holds)."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                yield from (str(value) for value in row if value is not None)


def test_no_totp_secret_or_recovery_seed_is_stored_in_any_column_after_enrolment(new_staff):
    client = Client()
    client.post("/en/accounts/login/", {"login": "newbie", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
    secret = client.get("/en/accounts/2fa/totp/activate/").context["form"].secret
    response = client.post(
        "/en/accounts/2fa/totp/activate/", {"code": AuthenticatorApp(secret).now()}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 302
    seed = sealing.unseal(Authenticator.objects.get(user=new_staff, type="recovery_codes").data["seed"])
    stored = "\n".join(_every_stored_text())
    assert secret not in stored and seed not in stored
    assert AllauthTOTP(Authenticator.objects.get(user=new_staff, type="totp")).validate_code(
        AuthenticatorApp(secret).now()
    )


def test_rotating_the_key_re_seals_every_secret_so_the_old_key_can_go(staff, settings):
    old_key = settings.MFA_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.MFA_ENCRYPTION_KEYS = [new_key, old_key]
    out = io.StringIO()
    call_command("rotatemfakeys", stdout=out)
    assert "2 authenticator(s) re-sealed" in out.getvalue()
    settings.MFA_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    totp = AllauthTOTP(Authenticator.objects.get(user=staff, type="totp"))
    assert totp.validate_code(staff.totp.now())
    assert RecoveryCodes(Authenticator.objects.get(user=staff, type="recovery_codes")).generate_codes() == (
        staff.recovery_codes
    )


def test_rotating_without_the_key_a_secret_was_sealed_with_changes_nothing(staff, settings):
    before = list(Authenticator.objects.values_list("data", flat=True))
    settings.MFA_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match="opens with none of DJANGO_MFA_KEYS"):
        call_command("rotatemfakeys", stdout=io.StringIO())
    assert list(Authenticator.objects.values_list("data", flat=True)) == before


def test_the_migration_seals_secrets_stored_in_plain_text_before_it(staff):
    Authenticator.objects.filter(user=staff).delete()
    plain = Authenticator.objects.create(user=staff, type="totp", data={"secret": "JBSWY3DPEHPK3PXP"})
    migration = importlib.import_module("accounts.migrations.0003_seal_second_factor_secrets")
    migration.seal_plain_secrets(apps, None)
    migration.seal_plain_secrets(apps, None)  # twice: what is sealed stays as it is
    plain.refresh_from_db()
    assert plain.data["secret"] != "JBSWY3DPEHPK3PXP"
    assert sealing.unseal(plain.data["secret"]) == "JBSWY3DPEHPK3PXP"


@pytest.fixture
def superuser_client(db):
    from django.contrib.auth.models import User

    boss = User.objects.create_superuser("boss", password=PASSWORD)
    return sign_in_verified(Client(), boss)


def test_the_authenticator_admin_shows_no_secret_and_cannot_add_or_change_a_factor(staff, superuser_client):
    totp = Authenticator.objects.get(user=staff, type="totp")
    page = superuser_client.get(f"/admin/mfa/authenticator/{totp.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200 and "mei" in html
    assert totp.data["secret"] not in html and "secret" not in html.lower()
    planted = {"user": staff.pk, "type": "totp", "data": '{"secret": "JBSWY3DPEHPK3PXP"}'}
    assert superuser_client.post(f"/admin/mfa/authenticator/{totp.pk}/change/", planted).status_code == 403
    assert superuser_client.post("/admin/mfa/authenticator/add/", planted).status_code == 403
    totp.refresh_from_db()
    assert sealing.unseal(totp.data["secret"]) != "JBSWY3DPEHPK3PXP"


def test_removing_a_factor_in_the_admin_is_audited_and_ends_the_owners_sessions(staff, superuser_client):
    mei = sign_in_verified(Client(), staff)
    assert mei.get("/admin/").status_code == 200
    totp = Authenticator.objects.get(user=staff, type="totp")
    response = superuser_client.post(f"/admin/mfa/authenticator/{totp.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(pk=totp.pk).exists()
    event = AuthEvent.objects.get(kind=AuthEvent.Kind.SECOND_FACTOR_REMOVED)
    assert event.user == staff and event.detail == "totp, recovery_codes by boss (admin)" and event.ip_address
    assert not Authenticator.objects.filter(user=staff).exists(), "recovery codes alone would lock mei out"
    assert mei.get("/admin/")["Location"].startswith("/en/accounts/login/"), "mei's session ended"
    # Signing in again sets up a new app, as after a reset (not a session ended at once, over and over).
    mei.post("/en/accounts/login/", {"login": "mei", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
    assert mei.get("/admin/")["Location"] == "/en/accounts/2fa/totp/activate/"


def test_the_admins_bulk_removal_takes_the_same_path(staff, superuser_client):
    codes = Authenticator.objects.get(user=staff, type="recovery_codes")
    superuser_client.post(
        "/admin/mfa/authenticator/", {"action": "delete_selected", "_selected_action": [codes.pk], "post": "yes"}
    )
    event = AuthEvent.objects.get(kind=AuthEvent.Kind.SECOND_FACTOR_REMOVED)
    assert event.detail == "recovery_codes by boss (admin)"
    assert Authenticator.objects.filter(user=staff, type="totp").exists(), "the app stays: it is a second factor"
