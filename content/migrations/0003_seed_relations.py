import json

from django.conf import settings
from django.db import migrations, models


def record_earlier_links(apps, schema_editor):
    """A database seeded before seeding remembered links: every link the fixtures name between two records seeding
    delivered (content.SeedRecord) counts as delivered, present or not. Seeding made it with them (or gave a record
    that cited no paragraph the fixture's), so where one is missing an editor removed it, and it must stay removed.
    Changes no record and no link. Standalone: reads the fixtures and the models as they are at this migration."""
    SeedRecord, SeedRelation = apps.get_model("content", "SeedRecord"), apps.get_model("content", "SeedRelation")
    delivered = set(SeedRecord.objects.values_list("model", "key"))
    if not delivered:
        return  # a new database: seeding records each link as it delivers it
    links = []
    for path in sorted((settings.BASE_DIR / "fixtures").glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            label, fields = entry["model"], entry["fields"]
            if (label, fields["slug"]) not in delivered:
                continue
            relations = {field.name: field for field in apps.get_model(label)._meta.many_to_many}
            for name, value in fields.items():
                if name not in relations:
                    continue
                related = relations[name].related_model._meta.label_lower
                links.extend(
                    SeedRelation(model=label, key=fields["slug"], field=name, target_key=target)
                    for (target,) in value
                    if (related, target) in delivered
                )
    SeedRelation.objects.bulk_create(links, ignore_conflicts=True)


class Migration(migrations.Migration):
    """Seeding remembers each link between fixture records it delivers (SeedRelation), as it does each record."""

    dependencies = [
        ("content", "0002_record_earlier_seed_deliveries"),
        ("modes", "0004_background_and_source_paragraphs"),
        ("trends", "0004_background_and_source_paragraphs"),
    ]

    operations = [
        migrations.CreateModel(
            name="SeedRelation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("model", models.CharField(max_length=100, verbose_name="kind of record")),
                ("key", models.CharField(max_length=100, verbose_name="fixture key")),
                ("field", models.CharField(max_length=100, verbose_name="relation")),
                ("target_key", models.CharField(max_length=100, verbose_name="fixture key of the linked record")),
                ("delivered_at", models.DateTimeField(auto_now_add=True, verbose_name="delivered at")),
            ],
            options={
                "verbose_name": "seeded link",
                "verbose_name_plural": "seeded links",
                "ordering": ["model", "key", "field", "target_key"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("model", "key", "field", "target_key"), name="one_delivery_per_fixture_relation"
                    )
                ],
            },
        ),
        migrations.RunPython(record_earlier_links, migrations.RunPython.noop),
    ]
