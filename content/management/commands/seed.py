"""Add the article's records from fixtures/ without touching what is already there.

Plain `loaddata` overwrites rows with the same primary key, which would undo an
editor's work on every `make run`. The fixtures use natural keys (slugs): a record
whose slug exists is left exactly as it is, and only missing records are added.
"""

from collections import Counter
from io import StringIO

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

FIXTURES = ["modes.json", "companies.json", "trends.json"]  # in dependency order


class Command(BaseCommand):
    help = "Add the seed records that are missing; never change existing ones."

    def handle(self, *args, **options):
        added, kept = Counter(), Counter()
        with transaction.atomic():
            for name in FIXTURES:
                with open(settings.BASE_DIR / "fixtures" / name, encoding="utf-8") as fixture:
                    for item in serializers.deserialize("json", fixture):
                        label = item.object._meta.label_lower
                        if item.object.pk is not None:  # natural key matched an existing row
                            kept[label] += 1
                            continue
                        # A normal save (not loaddata's raw one): timestamps and history are recorded.
                        item.object.save()
                        for field, values in (item.m2m_data or {}).items():
                            getattr(item.object, field).set(values)
                        added[label] += 1
            # Records that predate history (an older database) get their first version, so there is one to restore.
            call_command("populate_history", auto=True, stdout=StringIO(), stderr=StringIO())
        for label in sorted(added | kept):
            self.stdout.write(f"{label}: {added[label]} added, {kept[label]} already present (kept)")
