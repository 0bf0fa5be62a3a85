"""The search index: a table of its own (one entry per published record), and what the database needs to
look its terms up (search.backends: GIN indexes on PostgreSQL, an FTS5 table and its triggers on SQLite)."""

from django.db import migrations, models

import search.models
from search.backends import backend_for


def create_index_structures(apps, schema_editor):
    create, _drop = backend_for(schema_editor.connection.vendor).schema_sql()
    for statement in create:
        schema_editor.execute(statement)


def drop_index_structures(apps, schema_editor):
    _create, drop = backend_for(schema_editor.connection.vendor).schema_sql()
    for statement in drop:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("kind", models.CharField(max_length=100, verbose_name="kind of record")),
                ("object_id", models.BigIntegerField(verbose_name="record id")),
                ("position", models.PositiveSmallIntegerField(verbose_name="kind's position")),
                ("title", models.TextField(verbose_name="folded title")),
                ("head", models.TextField(verbose_name="folded title and summary")),
                ("text", models.TextField(verbose_name="folded text")),
                ("title_terms", search.models.TermsField()),
                ("head_terms", search.models.TermsField()),
                ("terms", search.models.TermsField()),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "ordering": ["id"],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="one_search_entry_per_record")
                ],
            },
        ),
        migrations.RunPython(create_index_structures, drop_index_structures),
    ]
