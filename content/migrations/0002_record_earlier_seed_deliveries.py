from django.db import migrations


class Migration(migrations.Migration):
    """Once filled SeedRecords for databases seeded before they existed, from the fixtures and the live registry.

    That job is seeding's now (content.seeding: a kind with records but no SeedRecord yet has them recorded
    as delivered before anything is added), so that this migration reads neither and depends on no app above.
    Kept, empty, so that databases that applied it and those that did not share one history."""

    dependencies = [("content", "0001_seed_records")]

    operations = []
