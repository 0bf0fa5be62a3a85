from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pagecache.models import PendingPurge
from pagecache.purges import drain_all, failed_purges


class Command(BaseCommand):
    help = (
        "Send the purges queued for the shared caches (DJANGO_PURGE_URLS) that are due now, and report what is "
        "left. Exits non-zero while any purge has failed repeatedly (a deploy check or a cron job can watch it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="send every queued purge now, even those waiting")

    def handle(self, *args, now=False, **options):
        if not settings.PURGE_URLS:
            self.stdout.write("No shared caches configured (DJANGO_PURGE_URLS): nothing to purge.")
            return
        if now:
            PendingPurge.objects.update(next_attempt_at=timezone.now())
        drain_all()
        pending, failed = PendingPurge.objects.count(), failed_purges()
        self.stdout.write(f"{pending} purge(s) still queued.")
        if failed.exists():
            latest = failed.order_by("-id").first()
            raise CommandError(f"{failed.count()} purge(s) keep failing; the latest error: {latest.last_error}")
