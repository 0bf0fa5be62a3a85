"""How search entries are stored (search.backends.storage_sql): on PostgreSQL, whole rows in the page and lz4.

Rows written before keep their old form until rewritten: `manage.py reindexsearch` rewrites them all.
"""

from django.db import DatabaseError, migrations, transaction

from search.backends import backend_for


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
    _run(backend_for(schema_editor.connection.vendor).storage_sql()[0], schema_editor)


def revert_storage(apps, schema_editor):
    _run(backend_for(schema_editor.connection.vendor).storage_sql()[1], schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fill_search_entries")]

    operations = [migrations.RunPython(apply_storage, revert_storage)]
