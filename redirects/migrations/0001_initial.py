import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Redirect",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "old_path",
                    models.CharField(
                        help_text="The address readers may still have, e.g. /modes/c2b/, for every language at once.",
                        max_length=255,
                        unique=True,
                        verbose_name="old address",
                    ),
                ),
                ("record_key", models.UUIDField(blank=True, null=True, verbose_name="record's stable key")),
                (
                    "target_path",
                    models.CharField(
                        blank=True,
                        help_text="Another address of the site, when the redirect leads to no record.",
                        max_length=255,
                        verbose_name="new address",
                    ),
                ),
                ("automatic", models.BooleanField(default=False, verbose_name="left by a rename")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "content_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="contenttypes.contenttype",
                        verbose_name="kind of record",
                    ),
                ),
            ],
            options={
                "verbose_name": "redirect",
                "verbose_name_plural": "redirects",
                "ordering": ["old_path"],
                "indexes": [models.Index(fields=["content_type", "record_key"], name="redirect_record")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("content_type__isnull", False), ("record_key__isnull", False), ("target_path", "")
                            ),
                            models.Q(
                                ("content_type__isnull", True),
                                ("record_key__isnull", True),
                                models.Q(("target_path", ""), _negated=True),
                            ),
                            _connector="OR",
                        ),
                        name="redirect_to_a_record_or_an_address",
                    )
                ],
            },
        ),
    ]
