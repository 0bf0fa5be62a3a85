import uuid

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

APP = "modes"
MODEL_NAMES = ("OperationMode", "Company")


def seeded_key(label, fixture_key):
    """The key `seed` gives a fixture record: the same on every installation (a frozen copy, as at this migration)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:ecomkb:{label}:{fixture_key}")


def give_keys(apps, schema_editor):
    """Every record a key for good: a seeded record (content.SeedRecord) the one seeding gives it, any other a random
    one. Its history rows get the same key, and so do a deleted record's (one per record), so that a file naming a
    deleted record says which record it was."""
    SeedRecord = apps.get_model("content", "SeedRecord")
    for name in MODEL_NAMES:
        model = apps.get_model(APP, name)
        history = apps.get_model(APP, f"Historical{name}")
        label = f"{APP}.{name.lower()}"
        seeded = {}
        for fixture_key, pk in (
            SeedRecord.objects.filter(model=label, object_id__isnull=False)
            .order_by("-delivered_at", "-pk")  # two fixture records adopted one record: the first delivered wins
            .values_list("key", "object_id")
        ):
            seeded[pk] = seeded_key(label, fixture_key)
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))  # read first: SQLite reads and writes
        for start in range(0, len(pks), 2000):  # in one connection without isolation between them
            chunk = pks[start : start + 2000]
            model.objects.bulk_update([model(pk=pk, key=seeded.get(pk) or uuid.uuid4()) for pk in chunk], ["key"])
        history.objects.update(key=Subquery(model.objects.filter(pk=OuterRef("id")).values("key")[:1]))
        for pk in history.objects.filter(key__isnull=True).order_by().values_list("id", flat=True).distinct():
            history.objects.filter(id=pk).update(key=seeded.get(pk) or uuid.uuid4())


class Migration(migrations.Migration):
    """A stable key for every record, which translation files name it by (a slug can change and pass to another).

    Add the key (nullable), give every record and history row its key, then make it unique and required. Uses
    historical models only: it must run the same whatever the code around it becomes."""

    dependencies = [
        ("content", "0002_record_earlier_seed_deliveries"),
        ("modes", "0008_indexes_for_growth_and_translation_flags"),
    ]

    operations = [
        migrations.AddField(model_name="operationmode", name="key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(
            model_name="historicaloperationmode", name="key", field=models.UUIDField(editable=False, null=True)
        ),
        migrations.AddField(model_name="company", name="key", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(
            model_name="historicalcompany", name="key", field=models.UUIDField(editable=False, null=True)
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="operationmode",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="stable key"),
        ),
        migrations.AlterField(
            model_name="company",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="stable key"),
        ),
        migrations.AlterField(
            model_name="historicaloperationmode",
            name="key",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, verbose_name="stable key"),
        ),
        migrations.AlterField(
            model_name="historicalcompany",
            name="key",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, verbose_name="stable key"),
        ),
    ]
