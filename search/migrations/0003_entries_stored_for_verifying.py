"""How search entries are stored (search.backends.storage_sql, as at this migration): on PostgreSQL, whole rows in
the page and lz4; nothing to do on SQLite.

Rows written before keep their old form until rewritten: `manage.py reindexsearch` rewrites them all.
"""

from django.db import DatabaseError, migrations, transaction

TEXT_COLUMNS = ("title", "head", "text")
TERM_COLUMNS = ("title_terms", "head_terms", "terms")
STORAGE = {  # vendor: (apply, revert)
    "postgresql": (
        [
            "ALTER TABLE search_searchentry SET (toast_tuple_target = 8160)",
            *(f"ALTER TABLE search_searchentry ALTER COLUMN {name} SET COMPRESSION lz4" for name in TEXT_COLUMNS),
            *(f"ALTER TABLE search_searchentry ALTER COLUMN {name} SET STATISTICS 1000" for name in TERM_COLUMNS),
        ],
        [
            "ALTER TABLE search_searchentry RESET (toast_tuple_target)",
            *(f"ALTER TABLE search_searchentry ALTER COLUMN {name} SET COMPRESSION default" for name in TEXT_COLUMNS),
            *(f"ALTER TABLE search_searchentry ALTER COLUMN {name} SET STATISTICS -1" for name in TERM_COLUMNS),
        ],
    ),
}


def _run(statements, schema_editor):
    for statement in statements:
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute(statement)
        except DatabaseError:
            if "COMPRESSION" not in statement:
                raise
            # A PostgreSQL built without lz4: pglz stays, and verifying is slower, not wrong.


def apply_storage(apps, schema_editor):
    _run(STORAGE.get(schema_editor.connection.vendor, ([], []))[0], schema_editor)


def revert_storage(apps, schema_editor):
    _run(STORAGE.get(schema_editor.connection.vendor, ([], []))[1], schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fill_search_entries")]

    operations = [migrations.RunPython(apply_storage, revert_storage)]
