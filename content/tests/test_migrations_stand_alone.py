"""Every migration stands alone: historical models only, nothing of the project imported, no fixture or registry read,
and no dependency on an app in a higher layer (ecomkb.layers, the layers import-linter checks). A migration written
today must still run when the code around it has changed, and with any subset of the kinds of content installed."""

import ast
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

from ecomkb.layers import layers as app_layers

ROOT = Path(settings.BASE_DIR)
# Reading files or the live app registry: a migration sees the project only through the `apps` it is given.
FORBIDDEN_MODULES = {"django.apps"}
FORBIDDEN_NAMES = {"BASE_DIR", "open", "read_text", "read_bytes", "loads", "load", "glob"}


def is_project_module(name):
    top = name.split(".")[0]
    return (ROOT / top / "__init__.py").is_file() or (ROOT / f"{top}.py").is_file()


def layers():
    """{app package: its layer's depth, 0 the highest}, as import-linter's layers contract has them."""
    return {package: depth for depth, (_name, members) in enumerate(app_layers()) for package in members}


def problems(package, source, dependencies, layer_of):
    """What keeps a migration of `package` (its source, its dependencies as (app package, name)) from standing alone.

    It may name its own app's models module, for the field classes and validators makemigrations writes there
    (Django needs those importable as long as a migration names them); nothing else of the project."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or "."] if node.level == 0 else ["(relative import)"]
        else:
            if isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name in FORBIDDEN_NAMES:
                    found.append(f"reads files or settings paths ({name}, line {node.lineno})")
            continue
        for module in modules:
            if module == f"{package}.models":
                continue
            if module == "(relative import)" or is_project_module(module) or module in FORBIDDEN_MODULES:
                found.append(f"imports {module} (line {node.lineno})")
    for dependency, _name in dependencies:
        if dependency in layer_of and package in layer_of and layer_of[dependency] < layer_of[package]:
            found.append(f"depends on {dependency}, a higher layer")
    return found


def project_migrations():
    """(app package, migration name, source, dependencies as (package, name)) of every migration on disk of every
    app of this project, as Django's loader finds them."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    package_of = {config.label: config.name for config in apps.get_app_configs()}
    for (label, name), migration in sorted(loader.disk_migrations.items()):
        package = package_of[label]
        if not is_project_module(package):
            continue
        source = Path(sys.modules[migration.__module__].__file__).read_text(encoding="utf-8")
        dependencies = [(package_of.get(app, app), dep) for app, dep in migration.dependencies]
        yield package, name, source, dependencies


def test_every_migration_uses_historical_models_only_and_depends_on_no_higher_layer():
    layer_of = layers()
    found = {
        f"{package}/migrations/{name}": problems(package, source, dependencies, layer_of)
        for package, name, source, dependencies in project_migrations()
    }
    assert {migration: listed for migration, listed in found.items() if listed} == {}
    assert len(found) >= 40  # the scan saw the migrations (the project had 43 when this test was written)


@pytest.mark.parametrize(
    "source,dependencies,expected",
    [
        ("from content.seeding import seed\n", [], ["imports content.seeding (line 1)"]),
        ("def run(apps, editor):\n    from search.index import reindex\n", [], ["imports search.index (line 2)"]),
        ("from django.apps import apps as current\n", [], ["imports django.apps (line 1)"]),
        ("from . import helpers\n", [], ["imports (relative import) (line 1)"]),
        ("x = settings.BASE_DIR / 'fixtures'\n", [], ["reads files or settings paths (BASE_DIR, line 1)"]),
        ("import modes.models\n", [], []),  # its own models module: field classes and validators
        ("import uuid\nfrom django.db import migrations\n", [("content", "0001"), ("modes", "0001")], []),
        ("", [("pages", "0001_initial")], ["depends on pages, a higher layer"]),
    ],
)
def test_the_scan_tells_a_migration_that_leans_on_the_project(source, dependencies, expected):
    assert problems("modes", source, dependencies, layers()) == expected
