"""`manage.py check` refuses a declaration of a kind of content (content.registry) that cannot work, naming
what to change, before a seed or a search fails on it (as django-modelsearch checks its search_fields)."""

import sys
from collections import defaultdict

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.questioner import MigrationQuestioner
from django.db.migrations.state import ProjectState
from django.urls import NoReverseMatch, reverse
from modeltranslation.translator import NotRegistered, translator

from .registry import content_kinds

MAX_POSITION = 127  # search.index keeps a kind's position in 7 bits of each entry's id


def _error(kind, message, hint, number):
    return checks.Error(f"{kind.label}: {message}", hint=hint, obj=kind.model, id=f"content.E{number:03}")


@checks.register(checks.Tags.models)
def kinds_are_declared_once_each(app_configs=None, **kwargs):
    """No two kinds share a position (the order of search results and the sitemap), a fixture or a list page."""
    errors = []
    for attribute, number in (("position", 1), ("fixture", 2), ("list_url_name", 3)):
        sharing = defaultdict(list)
        for kind in content_kinds():
            sharing[getattr(kind, attribute)].append(kind)
        for value, kinds in sharing.items():
            for kind in kinds[1:]:
                others = ", ".join(other.label for other in kinds if other is not kind)
                errors.append(_error(kind, f"{attribute} {value!r} is also {others}'s.", "Declare another.", number))
    for kind in content_kinds():
        if not 1 <= kind.position <= MAX_POSITION:
            errors.append(_error(kind, f"position {kind.position} is not within 1-{MAX_POSITION}.", None, 4))
    return errors


@checks.register(checks.Tags.models)
def kinds_declare_translated_fields(app_configs=None, **kwargs):
    """The declared fields exist and are translated (modeltranslation: each app's translation.py, which also says
    what translation files carry); Markdown fields are among the texts."""
    errors = []
    for kind in content_kinds():
        try:
            translated = set(translator.get_options_for_model(kind.model).fields)
        except NotRegistered:
            translated = set()
        for name in kind.reading_fields:
            try:
                kind.model._meta.get_field(name)
            except FieldDoesNotExist:
                errors.append(_error(kind, f"declares a field {name!r} it does not have.", None, 10))
                continue
            if name not in translated:
                where = f"{kind.model._meta.app_label}/translation.py"
                hint = f"Add {name!r} to the fields of its TranslationOptions ({where})."
                errors.append(_error(kind, f"field {name!r} is not translated.", hint, 11))
        for name in kind.markdown_fields:
            if name not in kind.text_fields:
                errors.append(_error(kind, f"Markdown field {name!r} is not one of its text_fields.", None, 13))
    return errors


@checks.register(checks.Tags.models)
def kinds_have_a_fixture_and_a_list_page(app_configs=None, **kwargs):
    errors = []
    for kind in content_kinds():
        if not kind.fixture_path.is_file():
            hint = f'In {kind.model._meta.app_label}/fixtures/: a JSON list of its seed records, possibly empty ("[]").'
            errors.append(_error(kind, f"its fixture {kind.fixture!r} does not exist.", hint, 20))
        try:
            reverse(kind.list_url_name)
        except NoReverseMatch:
            hint = "Name its list page in its urls.py and include them in ecomkb/urls.py."
            errors.append(_error(kind, f"its list page {kind.list_url_name!r} has no URL.", hint, 21))
    return errors


@checks.register(checks.Tags.models)
def kinds_have_their_migrations(app_configs=None, **kwargs):
    """What `makemigrations --check` would say, for the apps of the kinds only: a kind's table must exist.
    Not while `manage.py makemigrations` itself runs (it runs every check first), which this would block."""
    if sys.argv[1:2] == ["makemigrations"]:
        return []
    labels = {kind.model._meta.app_label for kind in content_kinds()}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    # An app with no migrations at all counts too, as `makemigrations <app>` counts it (specified, converted).
    questioner = MigrationQuestioner(specified_apps=labels)
    autodetector = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps), questioner)
    changes = autodetector.changes(graph=loader.graph, trim_to_apps=labels, convert_apps=labels)
    return [
        checks.Error(
            f"{label}: its models have changes that no migration makes.",
            hint=f"manage.py makemigrations {label}",
            obj=apps.get_app_config(label),
            id="content.E030",
        )
        for label in sorted(labels & set(changes))
    ]
