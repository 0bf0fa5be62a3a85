"""Which records translation files carry, and the names units give them.

A unit's id is `<app_label>.<model>:<key>:<field>`, e.g. `modes.company:5d1f…-…:description`: the record's stable
key (content.models.Publishable.key), which never changes and is never given to another record. Whatever editors
rename, delete or add after an export, a unit finds the record it was exported from, or none: a deleted record's
units are warnings, whichever record holds its old slug now. (Files once named records by slug, which an editor may
change and another record may then take; such files are refused, xliff.checks.) Translators still see the slug:
in each unit's resource name (XLIFF resname/name) and notes, which nothing reads back.
"""

import uuid

from modeltranslation.utils import build_localized_fieldname

from content.registry import content_models
from redirects.lookup import record_formerly_at


def unit_id(record, field):
    return f"{record._meta.label_lower}:{record.key}:{field}"


def readable_name(record, field):
    """What translators read as the unit's name: `modes.company:tmall:description`. Never read back."""
    return f"{record._meta.label_lower}:{record.slug}:{field}"


def _parts(value):
    """(model, middle, field) for `<label>:<middle>:<field>` with a content model's label, else None."""
    label, _colon, rest = (value or "").partition(":")
    middle, _colon, field = rest.rpartition(":")
    model = {model._meta.label_lower: model for model in content_models()}.get(label)
    if model is None or not middle or not field:
        return None
    return model, middle, field


def as_key(text):
    """The UUID `text` spells in the canonical form ids are written in, else None."""
    try:
        key = uuid.UUID(text)
    except ValueError:
        return None
    return key if str(key) == text.lower() else None


def split_unit_id(value):
    """(model, key, field) for a unit id naming a content record by its key; None for any other id."""
    parts = _parts(value)
    if parts is None or as_key(parts[1]) is None:
        return None
    model, middle, field = parts
    return model, as_key(middle), field


def names_record_by_slug(value):
    """True for an id in the old form, `<app_label>.<model>:<slug>:<field>`: it cannot tell which record it meant."""
    parts = _parts(value)
    return parts is not None and as_key(parts[1]) is None


def find_records(model, keys):
    """{key: record} for those of `keys` whose record still exists, drafts included."""
    return {record.key: record for record in model._default_manager.filter(key__in=set(keys))}


def last_slugs(model, keys):
    """{key: slug} of deleted records, from their history (a record's every version keeps its key): to name them."""
    history = getattr(model, "history", None)
    if history is None or not keys:
        return {}
    return dict(history.filter(key__in=set(keys)).order_by("history_date").values_list("key", "slug"))


def record_named(model, name):
    """The record a person names on the command line, by its key, its current slug or an old one (the redirects
    table: a renamed record's old address, or an editor's redirect to a record); None if there is none."""
    key = as_key(name)
    if key is not None:
        return model._default_manager.filter(key=key).first()
    return model._default_manager.filter(slug=name).first() or record_formerly_at(model, name)


def localized(field, lang):
    return build_localized_fieldname(field, lang)
