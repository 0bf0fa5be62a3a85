"""`manage.py prepare`, `make serve`'s first step: the database migrated and seeded, the static files collected."""

import io
import json

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from content.models import SeedRecord


def test_prepare_migrates_seeds_and_collects_the_hash_named_static_files(db, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},  # as in production
    }
    SeedRecord.objects.filter(model="trends.trend").delete()  # as if the trends had never been delivered
    output = io.StringIO()
    call_command("prepare", stdout=output)
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert "No migrations to apply" in output.getvalue()
    assert "trends.trend: 0 added, 0 delivered before (kept, renamed or deleted by editors), 10 already present" in (
        output.getvalue()
    )
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    stylesheet = tmp_path / manifest["css/site.css"]
    assert stylesheet.name != "site.css" and stylesheet.with_name(stylesheet.name + ".gz").is_file()
