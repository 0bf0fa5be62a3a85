"""The search index: a table of its own (one entry per published record), and what the database needs to
look its terms up (GIN indexes on PostgreSQL, an FTS5 table and its triggers on SQLite).

The SQL is written out as search.backends gave it at this migration: a migration must run the same whatever
the code around it becomes. A later change to the structures is a new migration."""

from django.db import migrations, models

import search.models

COLUMNS = "title_terms, head_terms, terms"
FTS_INSERT = "INSERT INTO search_searchentry_fts(rowid, title_terms, head_terms, terms) VALUES (new.id, {new});"
FTS_DELETE = (
    "INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title_terms, head_terms, terms) "
    "VALUES ('delete', old.id, {old});"
)
NEW = FTS_INSERT.format(new="new.title_terms, new.head_terms, new.terms")
OLD = FTS_DELETE.format(old="old.title_terms, old.head_terms, old.terms")
INDEX_STRUCTURES = {  # vendor: (create, drop)
    "postgresql": (
        [
            f"CREATE INDEX search_entry_{name}_gin ON search_searchentry USING gin ({name})"
            for name in COLUMNS.split(", ")
        ],
        [f"DROP INDEX IF EXISTS search_entry_{name}_gin" for name in COLUMNS.split(", ")],
    ),
    "sqlite": (
        [
            f"CREATE VIRTUAL TABLE search_searchentry_fts USING fts5({COLUMNS}, content='search_searchentry', "
            "content_rowid='id', tokenize='ascii', detail='column')",
            f"CREATE TRIGGER search_entry_inserted AFTER INSERT ON search_searchentry BEGIN {NEW} END",
            f"CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_searchentry BEGIN {OLD} END",
            f"CREATE TRIGGER search_entry_updated AFTER UPDATE ON search_searchentry BEGIN {OLD} {NEW} END",
            "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')",
        ],
        [
            "DROP TRIGGER IF EXISTS search_entry_inserted",
            "DROP TRIGGER IF EXISTS search_entry_deleted",
            "DROP TRIGGER IF EXISTS search_entry_updated",
            "DROP TABLE IF EXISTS search_searchentry_fts",
        ],
    ),
}


def structures(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in INDEX_STRUCTURES:
        raise NotImplementedError(f"search has no backend for {vendor}")
    return INDEX_STRUCTURES[vendor]


def create_index_structures(apps, schema_editor):
    for statement in structures(schema_editor)[0]:
        schema_editor.execute(statement)


def drop_index_structures(apps, schema_editor):
    for statement in structures(schema_editor)[1]:
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
