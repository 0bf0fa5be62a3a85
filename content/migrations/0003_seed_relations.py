from django.db import migrations, models


class Migration(migrations.Migration):
    """Seeding remembers each link between fixture records it delivers (SeedRelation), as it does each record.

    A database seeded before it did has its links recorded as delivered by seeding itself (content.seeding),
    which once was done here from the fixtures."""

    dependencies = [("content", "0002_record_earlier_seed_deliveries")]

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
    ]
