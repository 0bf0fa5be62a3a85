"""`manage.py prepare`, `make serve`'s first step: the database migrated and seeded, the static files collected."""

import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from content.models import SeedRecord
from pages.tests.helpers import manage


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


def test_servers_started_at_once_prepare_a_new_database_in_turn_and_all_start(tmp_path):
    """Two `make serve` at once on a database never migrated (a deploy, a scale-out): both migrated together and
    one stopped with "table already exists". Now the second waits for the first, and finds nothing left to do."""
    (tmp_path / "prepare_settings.py").write_text(
        f"from ecomkb.settings import *  # noqa: F403\nSTATIC_ROOT = {str(tmp_path / 'static')!r}\n"
    )
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "CACHE_"))},
        "DJANGO_SETTINGS_MODULE": "prepare_settings",  # the real settings, static files collected into tmp_path
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SECRET_KEY": "prepare-test-" + os.urandom(8).hex(),
        "DJANGO_MFA_KEYS": settings.MFA_ENCRYPTION_KEYS[0],
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}",
        "CACHE_URL": "locmem://",
    }
    servers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "prepare"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [server.communicate(timeout=120)[0] for server in servers]
    assert [server.returncode for server in servers] == [0, 0], "\n".join(outputs)
    assert sorted("trends.trend: 10 added" in output for output in outputs) == [False, True], "seeded once"
    with sqlite3.connect(tmp_path / "new.sqlite3") as database:
        assert database.execute("SELECT count(*) FROM trends_trend").fetchone() == (10,)


def test_with_debug_on_prepare_migrates_and_seeds_but_collects_nothing(db, settings, tmp_path):
    """`make run` prepares too (so that it takes its turn with other servers), and runserver serves static/."""
    settings.DEBUG = True
    settings.STATIC_ROOT = tmp_path
    output = io.StringIO()
    call_command("prepare", stdout=output)
    assert "No migrations to apply" in output.getvalue() and "trends.trend:" in output.getvalue()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "database_url",
    [
        "sqlite:////no-such-folder/db.sqlite3",
        "postgres://postgres@127.0.0.1:9/ecomkb",  # the discard port: nothing listens there
    ],
    ids=["sqlite-folder-missing", "postgresql-not-listening"],
)
def test_a_database_out_of_reach_stops_prepare_with_one_line_not_a_traceback(database_url):
    result = manage("prepare", DJANGO_DEBUG="1", DATABASE_URL=database_url)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2, result.stderr
    assert "cannot reach the database" in result.stderr or "cannot write beside the database" in result.stderr
