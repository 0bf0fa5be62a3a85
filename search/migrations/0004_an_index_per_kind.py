"""On PostgreSQL the term columns' GIN indexes become one per kind (partial: `WHERE position = n`), so that a word
common in one kind is cheap to rule out in another (search.backends.PostgresBackend). Which kinds there are is the
registry's to say, not a migration's: after migrate, search.signals makes the index of every registered kind that
lacks one. This migration removes the indexes for all kinds at once. Nothing to do on SQLite (FTS5).
"""

from django.db import migrations

TERM_COLUMNS = ("title_terms", "head_terms", "terms")


def drop_indexes_for_all_kinds(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in TERM_COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS search_entry_{name}_gin")


def make_indexes_for_all_kinds(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchentry' AND indexname LIKE %s",
                ["search\\_entry\\_%\\_gin\\_%"],
            )
            kinds_indexes = [name for (name,) in cursor.fetchall()]
        for name in kinds_indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        for name in TERM_COLUMNS:
            schema_editor.execute(f"CREATE INDEX search_entry_{name}_gin ON search_searchentry USING gin ({name})")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entries_stored_for_verifying")]

    operations = [migrations.RunPython(drop_indexes_for_all_kinds, make_indexes_for_all_kinds)]
