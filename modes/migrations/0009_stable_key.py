from django.db import migrations

from content.stable_keys import key_operations


class Migration(migrations.Migration):
    """A stable key for every record, which translation files name it by (a slug can change and pass to another)."""

    dependencies = [
        ("content", "0002_record_earlier_seed_deliveries"),
        ("modes", "0008_indexes_for_growth_and_translation_flags"),
    ]

    operations = key_operations("modes", ("OperationMode", "Company"))
