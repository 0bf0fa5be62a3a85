"""A new kind of content is its app and its entry in INSTALLED_APPS and the URLs: nothing else is edited, and it
is checked, placed on its layer, given the editors' workflow, its permissions, search, the sitemap and translation
files, and migrated into an empty database. The app is written to a temporary directory (ecomkb/tests/throwaway.py)
and run in its own processes against a fresh SQLite file."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

from .throwaway import PROBE, write_app

pytestmark = pytest.mark.long_running


@pytest.fixture(scope="module")
def throwaway(tmp_path_factory):
    directory = tmp_path_factory.mktemp("throwaway")
    write_app(directory)
    (directory / "probe.py").write_text(PROBE, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(directory), str(settings.BASE_DIR)]),
        "DJANGO_SETTINGS_MODULE": "throwaway_settings",
        "THROWAWAY_DATABASE": str(directory / "db.sqlite3"),
    }
    env.pop("DATABASE_URL", None)

    def run(*args):
        return subprocess.run(
            [sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300
        )

    run.directory = directory
    return run


def test_a_new_kind_without_its_migration_fails_the_check_and_passes_once_it_has_one(throwaway):
    before = throwaway("manage.py", "check")
    assert before.returncode == 1 and "content.E030" in before.stderr and "makemigrations throwaway" in before.stderr
    made = throwaway("manage.py", "makemigrations", "throwaway")
    assert made.returncode == 0, made.stderr
    after = throwaway("manage.py", "check")
    assert after.returncode == 0, after.stderr


def test_a_new_kind_joins_the_kinds_layer_and_its_imports_are_checked(throwaway):
    checked = throwaway("-m", "ecomkb.layers")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "throwaway" in checked.stdout.split("> article")[0]  # a kind: on the layer above the article
    # A kind that imports another kind breaks the contract that keeps kinds apart.
    models = throwaway.directory / "throwaway" / "urls.py"
    models.write_text(models.read_text() + "\nfrom modes.models import OperationMode  # noqa\n")
    try:
        broken = throwaway("-m", "ecomkb.layers")
    finally:
        models.write_text(models.read_text().replace("\nfrom modes.models import OperationMode  # noqa\n", ""))
    assert broken.returncode == 1 and "throwaway.urls -> modes.models" in broken.stdout


def test_a_new_kinds_tests_are_collected_without_naming_them(throwaway):
    # pytest's own discovery, with this project's pytest.ini, over the project's layout (each app with a test),
    # the throwaway app, and places whose tests are not ours.
    tree = throwaway.directory / "layout"
    apps = [path.parent.name for path in settings.BASE_DIR.glob("*/tests") if path.is_dir()]
    for name in [*apps, ".venv/lib/package", "tools/lighthouse/node_modules/package"]:
        (tree / name / "tests").mkdir(parents=True)
        for package in (tree / name, tree / name / "tests"):
            (package / "__init__.py").touch()
        (tree / name / "tests" / "test_stub.py").write_text("def test_stub():\n    pass\n")
    shutil.copytree(throwaway.directory / "throwaway", tree / "throwaway")
    shutil.copy(settings.BASE_DIR / "pytest.ini", tree)
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:django", "-p", "no:cacheprovider"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
    )
    files = {line.split("::")[0] for line in collected.stdout.splitlines() if "::" in line}
    assert files == {f"{name}/tests/test_stub.py" for name in apps} | {"throwaway/tests/test_notes.py"}


def test_a_new_kind_migrates_from_an_empty_database_seeds_and_appears_everywhere(throwaway):
    if not list((throwaway.directory / "throwaway").glob("migrations/0001_*.py")):
        assert throwaway("manage.py", "makemigrations", "throwaway").returncode == 0
    migrated = throwaway("manage.py", "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    seeded = throwaway("manage.py", "seed")
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    probed = throwaway(str(throwaway.directory / "probe.py"))
    assert probed.returncode == 0, probed.stderr[-3000:]
    facts = json.loads(probed.stdout.strip().splitlines()[-1])
    assert facts["editorial_admin"]
    assert facts["publish_permission"]
    assert facts["editor_role"] == ["add_note", "change_note", "publish_note", "view_note"]
    assert facts["found"] == [["throwaway.note", facts["note_pk"]]]
    assert facts["found_as_kind"] == [["throwaway.note", facts["note_pk"]]]
    assert facts["in_sitemap"]
    assert facts["units"] == ["name", "note markdown"]
    assert any(name == "kinds" and "throwaway" in members for name, members in facts["layers"])
