from django.db import migrations


def record_earlier_deliveries(apps, schema_editor):
    from content.seeding import record_earlier_deliveries as record

    record(apps)


class Migration(migrations.Migration):
    """Databases seeded before SeedRecords existed: remember what was delivered, so that a record an
    editor renamed or deleted is neither duplicated nor brought back. No record is changed."""

    dependencies = [
        ("content", "0001_seed_records"),
        ("article", "0001_article_paragraphs"),
        ("modes", "0004_field_bounds_as_validators"),
        ("trends", "0004_field_bounds_as_validators"),
    ]

    operations = [migrations.RunPython(record_earlier_deliveries, migrations.RunPython.noop)]
