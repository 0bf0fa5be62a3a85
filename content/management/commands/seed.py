"""Add the article's records, and links between them, from fixtures/ that were never delivered, and bring texts that
still read as seeded to the fixtures' corrected text (content.seeding)."""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from content.seeding import seed
from content.signals import ChangeRefused


class Command(BaseCommand):
    help = (
        "Add the fixture records, and links between them, never delivered before; correct a text the fixtures "
        "corrected where it still reads as seeded (with a version in its history); never change an editor's text, "
        "re-add or duplicate an editor's records, nor re-add a link an editor removed."
    )

    def handle(self, *args, **options):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                "seed: the database lacks migrations this code needs; run `manage.py migrate` first "
                "(`make run` and `manage.py prepare` do)"
            )
        try:
            with transaction.atomic():
                report = seed()
                # Records that predate history (an older database) get their first version, so there is one to restore.
                call_command("populate_history", auto=True, stdout=StringIO(), stderr=StringIO())
        except ChangeRefused as refusal:
            raise CommandError(f"seed: {refusal}") from None
        for line in report.lines():
            self.stdout.write(line)
