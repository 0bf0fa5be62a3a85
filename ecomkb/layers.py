"""The layers of the code, checked by import-linter: a higher layer may import a lower one, never the reverse,
and apps on one layer are independent of each other. Tests may assemble the whole site.

    ecomkb                                  the project: settings, URLs (not an app)
    pages | accounts | xliff                the site's own pages, editors' accounts, translation files
    modes | trends | glossary | …           the kinds of content (any app that declares one: content.registry)
    article                                 the source article, which every kind cites
    editors                                 the editors' workflow: the base admin every kind's admin subclasses
    search | pagecache | conversion | …     search index, page cache, the Simplified table, redirects
    content                                 what every kind shares: publishing, translation tracking, the registry
    bilingual                               languages and scripts

The contracts are built here from INSTALLED_APPS each time they are checked (`make lint`, i.e.
`python -m ecomkb.layers`, and ecomkb/tests/test_layers.py): an app that declares a kind of content joins the
kinds layer by that declaration alone; any other app of the project must be named in LAYERS, or the check fails
saying so.
"""

import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from importlinter import configuration
from importlinter.application import use_cases
from importlinter.application.app_config import settings as linter_settings
from importlinter.application.user_options import UserOptions

from content.registry import content_app_labels

PROJECT = "ecomkb"
KINDS = "kinds"

# Top to bottom; None: every app that declares a kind of content (content.registry) and is named nowhere else.
LAYERS = [
    ("site", ["pages", "accounts", "xliff", "opendata"]),
    (KINDS, None),
    ("sources", ["article"]),
    ("workflow", ["editors"]),
    ("services", ["search", "pagecache", "conversion", "redirects"]),
    ("content", ["content"]),
    ("language", ["bilingual"]),
]
TESTS_MAY_IMPORT_ANYTHING = "**.tests.** -> **"


class UnplacedApp(Exception):
    pass


def project_apps():
    """The installed apps that are this project's own (in its directory, not in .venv)."""
    base = Path(settings.BASE_DIR).resolve()
    own = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and not path.relative_to(base).parts[0].startswith("."):
            own.append(config.name)
    return own


def layers():
    """[(layer name, [app names])], top to bottom: every project app on one layer. Raises UnplacedApp."""
    installed = project_apps()
    named = {app for _name, members in LAYERS for app in members or ()}
    kinds = [apps.get_app_config(label).name for label in content_app_labels()]
    placed = [
        (name, [app for app in members if app in installed] if members else [app for app in kinds if app not in named])
        for name, members in LAYERS
    ]
    unplaced = sorted(set(installed) - {app for _name, members in placed for app in members})
    if unplaced:
        raise UnplacedApp(
            f"{', '.join(unplaced)}: on no layer. An app that declares a kind of content (content.registry) is on "
            "the kinds layer by that alone; name any other app on its layer in ecomkb.layers.LAYERS."
        )
    return [(name, members) for name, members in placed if members]


def contracts():
    """import-linter's options (as its configuration file would give them), built from INSTALLED_APPS."""
    placed = layers()
    kind_apps = sorted({apps.get_app_config(label).name for label in content_app_labels()})
    tests = [TESTS_MAY_IMPORT_ANYTHING]
    layer_names = [PROJECT, *(" | ".join(members) for _name, members in placed)]
    contracts = [
        {
            "id": "layers",
            "name": "Layers: " + " > ".join(layer_names),
            "type": "layers",
            "layers": layer_names,  # "a | b": a and b independent
            "ignore_imports": tests,
        },
        {
            "id": "xliff-through-registry",
            "name": "Translation files reach the kinds of content only through content.registry",
            "type": "forbidden",
            "source_modules": ["xliff"],
            "forbidden_modules": kind_apps,
            "ignore_imports": ["xliff.tests.** -> **"],
        },
        {
            "id": "pagecache-through-signals",
            "name": "The page cache learns of content only through content.signals",
            "type": "forbidden",
            "source_modules": ["pagecache"],
            "forbidden_modules": ["content.models", "content.registry", "content.tracking"],
            "allow_indirect_imports": "true",  # content.signals itself asks the registry
            "ignore_imports": ["pagecache.tests.** -> **"],
        },
    ]
    session = {"root_packages": [PROJECT, *(app for _name, members in placed for app in members)]}
    return session, contracts


def check_imports(cache_dir=None):
    """Run import-linter on the contracts above; True when every one is kept. Prints its report."""

    class FromInstalledApps:  # in place of its configuration file
        def read_options(self, config_filename=None):
            session, contract_options = contracts()
            return UserOptions(session_options=session, contracts_options=contract_options)

    configuration.configure()
    linter_settings.configure(USER_OPTION_READERS={"installed_apps": FromInstalledApps()})
    return use_cases.lint_imports(cache_dir=cache_dir, no_logo=True)


if __name__ == "__main__":  # make lint
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecomkb.settings_test")  # a key and hosts; nothing is served
    django.setup()
    sys.exit(0 if check_imports(cache_dir=".import_linter_cache") else 1)
