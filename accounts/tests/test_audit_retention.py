"""The audit trail keeps every line about an account, and anonymous failures for a stated period only."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from accounts.models import AuthEvent
from accounts.tests.conftest import PASSWORD


def test_pruning_forgets_old_failures_for_no_account_and_keeps_everything_about_accounts(staff, browser):
    guesser = browser("198.51.100.66")
    guesser.password("nobody-here", "guess")
    guesser.password("mei", "wrong password")
    mei = browser("203.0.113.9")
    mei.password("mei", PASSWORD)
    mei.code(staff.totp.now())
    AuthEvent.objects.update(time=timezone.now() - timedelta(days=31))
    guesser.password("nobody-either", "guess")  # recent: kept
    out = io.StringIO()
    call_command("pruneauthevents", stdout=out)
    assert out.getvalue().startswith("1 audit line(s)")
    left = set(AuthEvent.objects.values_list("username", "kind"))
    assert ("nobody-here", AuthEvent.Kind.SIGN_IN_FAILED) not in left
    assert {("nobody-either", "sign-in-failed"), ("mei", "sign-in-failed"), ("mei", "signed-in")} <= left


def test_a_sign_in_with_both_factors_is_one_audit_line(staff, browser):
    mei = browser("203.0.113.9")
    mei.password("mei", PASSWORD)
    mei.code(staff.totp.now())
    mei.get("/admin/")
    assert list(AuthEvent.objects.values_list("kind", flat=True)) == [AuthEvent.Kind.SIGNED_IN]
