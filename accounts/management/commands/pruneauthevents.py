"""Forget old audit lines about names that are no account (docs/operations.md: the audit trail)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import AuthEvent


class Command(BaseCommand):
    help = (
        "Delete failed sign-ins for user names that are no account, older than ACCOUNTS_ANONYMOUS_EVENT_DAYS "
        "(30 by default); every line about a real account is kept. Run it daily (cron, a systemd timer)."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.ACCOUNTS_ANONYMOUS_EVENT_DAYS)
        deleted, _ = AuthEvent.objects.anonymous_failures().filter(time__lt=cutoff).delete()
        self.stdout.write(f"{deleted} audit line(s) about no account, older than {cutoff:%Y-%m-%d}, deleted.")
