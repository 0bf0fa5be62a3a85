"""Which records translation files carry, and the names units give them.

A unit's id is `<app_label>.<model>:<slug>:<field>`, e.g. `trends.trend:going-global:body`.
Not the database id: a file must still mean the same record after a database is rebuilt
from the fixtures, and translators can read the slug. A slug renamed after the export still
finds its record through the record's history; a deleted record's units are warnings.
"""

from modeltranslation.utils import build_localized_fieldname

from content.registry import content_models


def record_identity(record):
    return f"{record._meta.label_lower}:{record.slug}"


def unit_id(record, field):
    return f"{record_identity(record)}:{field}"


def split_unit_id(value):
    """(model, slug, field) for a unit id, or None when it names no content model."""
    label, _colon, rest = (value or "").partition(":")
    slug, _colon, field = rest.rpartition(":")
    models = {model._meta.label_lower: model for model in content_models()}
    if label not in models or not slug or not field:
        return None
    return models[label], slug, field


def find_records(model, slugs):
    """{slug: record} for those of `slugs` that still exist, drafts included.

    A slug an editor has since renamed still finds its record, through the record's history
    (every version keeps its slug): a file exported before the rename still applies.
    """
    wanted = set(slugs)
    found = {record.slug: record for record in model._default_manager.filter(slug__in=wanted)}
    renamed = wanted - set(found)
    history = getattr(model, "history", None)
    if renamed and history is not None:
        last_had = {}  # old slug -> the record that had it most recently
        for slug, pk in history.filter(slug__in=renamed).order_by("history_date").values_list("slug", "id"):
            last_had[slug] = pk
        current = model._default_manager.in_bulk(set(last_had.values()))
        found.update({slug: current[pk] for slug, pk in last_had.items() if pk in current})
    return found


def localized(field, lang):
    return build_localized_fieldname(field, lang)
