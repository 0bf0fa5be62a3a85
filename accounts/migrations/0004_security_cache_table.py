"""The table of Django's default cache, which holds sign-in's security state (ecomkb.settings, CACHES).

Made whatever the settings of the process that migrates say (tests keep that state in memory, the servers
they start do not): the name is the one ecomkb.settings gives.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "accounts_security_cache"


def create_cache_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_seal_second_factor_secrets")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
