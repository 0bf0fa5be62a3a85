"""A fresh database migrates and seeds with any subset of the kinds of content installed (each kind with the kinds
its records link to): no migration leans on a kind that is not there, and seeding delivers what is installed. The
kinds left out can be installed later: they migrate, and seeding delivers them beside what is there.

Each site is a process of its own (INSTALLED_APPS is fixed at start-up) on a fresh SQLite file, with the settings of
content/tests/settings_without_apps.py."""

import itertools
import os
import subprocess
import sys

import pytest
from django.conf import settings

from content.registry import content_kinds

SCRIPT = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
call_command("seed")
"""


def kind_apps():
    """{app of a kind of content: the apps of the kinds its records link to}."""
    apps_of = {kind.model: kind.model._meta.app_config.name for kind in content_kinds()}
    needs = {app: set() for app in apps_of.values()}
    for model, app in apps_of.items():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model in apps_of:
                needs[app].add(apps_of[field.related_model])
    return {app: needed - {app} for app, needed in needs.items()}


def proper_subsets():
    """Every proper subset of the kinds' apps that holds the kinds its records link to (the whole set is the test
    database every other test uses)."""
    needs = kind_apps()
    apps = sorted(needs)
    for size in range(len(apps)):
        for subset in itertools.combinations(apps, size):
            if all(needs[app] <= set(subset) for app in subset):
                yield subset


def migrate_and_seed(database, installed):
    """Migrate and seed `database` (a file) in a site of its own with only these kinds' apps; its seed report."""
    left_out = sorted(set(kind_apps()) - set(installed))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CACHE_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "content.tests.settings_without_apps",
        "ECOMKB_WITHOUT_APPS": ",".join(left_out),
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def kinds_added(report):
    return {
        line.split(".")[0]
        for line in report.splitlines()
        if " added, " in line and not line.split(":")[1].startswith(" 0 added")
    }


@pytest.mark.long_running
@pytest.mark.parametrize("installed", list(proper_subsets()), ids=lambda subset: "+".join(subset) or "none")
def test_a_fresh_database_migrates_and_seeds_with_only_these_kinds(installed, tmp_path):
    assert kinds_added(migrate_and_seed(tmp_path / "site.sqlite3", installed)) == set(installed)


@pytest.mark.long_running
def test_a_kind_installed_later_migrates_and_is_seeded_beside_the_records_already_there(tmp_path):
    fewer = min((subset for subset in proper_subsets() if subset), key=len)  # the kinds every other kind needs
    everything = tuple(kind_apps())
    database = tmp_path / "site.sqlite3"
    migrate_and_seed(database, fewer)
    assert kinds_added(migrate_and_seed(database, everything)) == set(everything) - set(fewer)
