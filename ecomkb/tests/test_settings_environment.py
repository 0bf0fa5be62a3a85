"""Settings read the environment through one door (settings.env), so a bad value is one line and exit status 2."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

SETTINGS = Path(__file__).resolve().parent.parent / "settings.py"
ROOT = SETTINGS.parent.parent
GOOD = {  # a production environment the settings accept
    "DJANGO_SECRET_KEY": "k" * 50,
    "DJANGO_MFA_KEYS": "dGVzdC1rZXktbm90LWZvci1wcm9kdWN0aW9uLTMyYiE=",
    "DJANGO_ALLOWED_HOSTS": "kb.example.com",
}


def load_settings(tmp_path, **variables):
    """Import the settings in a fresh process with only these variables (and GOOD's) set."""
    env = {"PATH": os.environ["PATH"], "ECOMKB_VAR_DIR": str(tmp_path), **GOOD, **variables}
    return subprocess.run(
        [sys.executable, "-c", "import ecomkb.settings"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_the_settings_load_with_good_values(tmp_path):
    result = load_settings(tmp_path, DJANGO_SESSION_IDLE_MINUTES="30", AXES_COOLOFF_HOURS="0.5")
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize(
    "name, value, must_be",
    [
        ("DJANGO_SESSION_IDLE_MINUTES", "abc", "a whole number"),
        ("DJANGO_SESSION_IDLE_MINUTES", "0", "a whole number of at least 1"),
        ("AXES_COOLOFF_HOURS", "abc", "a number above 0"),
        ("AXES_COOLOFF_HOURS", "nan", "a number above 0"),
        ("DATABASE_URL", "", "a database URL"),
        ("DATABASE_URL", "mongodb://nowhere/kb", "a database URL"),
        ("DJANGO_CONN_MAX_AGE", "forever", "a whole number"),
        ("DJANGO_DEBUG", "maybe", "1 or 0"),
        ("DJANGO_LOG_LEVEL", "LOUD", "one of CRITICAL"),
        ("PAGE_CACHE_SECONDS", "-5", "a whole number of at least 0"),
    ],
)
def test_a_bad_value_stops_start_up_with_one_line_naming_it(tmp_path, name, value, must_be):
    result = load_settings(tmp_path, **{name: value})
    assert result.returncode == 2
    assert result.stderr.startswith(f"ecomkb configuration error: {name} must be {must_be}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_only_the_one_door_reads_the_environment():
    """Any other read (os.environ, os.getenv, a library's own such as dj_database_url.config) could slip past."""
    tree = ast.parse(SETTINGS.read_text())
    door = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "env")
    inside = {id(node) for node in ast.walk(door)}
    readers = [
        node.lineno
        for node in ast.walk(tree)
        if id(node) not in inside
        and (
            (isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "environb"})
            or (
                isinstance(node, ast.Attribute)
                and node.attr == "config"
                and getattr(node.value, "id", "") == "dj_database_url"
            )
        )
    ]
    assert readers == [], f"settings.py reads the environment outside env() at lines {readers}"
