"""Stable keys for a kind of content, for the migrations that gave every record one (modes, trends, article).

Used by migrations only, with the historical models they pass: change it only together with a new migration.
"""

import functools
import uuid

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def seeded_key(label, fixture_key):
    """The key `seed` gives a fixture record (fixtures/ hold it): the same on every installation."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:ecomkb:{label}:{fixture_key}")


def _give_keys(app, model_names, apps, schema_editor):
    """Every record a key for good: a seeded record (content.SeedRecord) the one seeding gives it, any other a random
    one. Its history rows get the same key, and so do a deleted record's (one per record), so that a file naming a
    deleted record says which record it was."""
    SeedRecord = apps.get_model("content", "SeedRecord")
    for name in model_names:
        model = apps.get_model(app, name)
        history = apps.get_model(app, f"Historical{name}")
        label = f"{app}.{name.lower()}"
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


def key_operations(app, model_names):
    """Add the key (nullable), give every record and history row its key, then make it unique and required."""
    names = tuple(model_names)
    return [
        *(
            migrations.AddField(model_name=model_name, name="key", field=models.UUIDField(editable=False, null=True))
            for name in names
            for model_name in (name.lower(), f"historical{name.lower()}")
        ),
        migrations.RunPython(functools.partial(_give_keys, app, names), migrations.RunPython.noop),
        *(
            migrations.AlterField(
                model_name=name.lower(),
                name="key",
                field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="stable key"),
            )
            for name in names
        ),
        *(
            migrations.AlterField(
                model_name=f"historical{name.lower()}",
                name="key",
                field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, verbose_name="stable key"),
            )
            for name in names
        ),
    ]
