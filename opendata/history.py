"""Published versions of published records, as readers may see them (django-simple-history's rows).

A version is public when it was saved published and its record is published now: a draft version is never shown,
and a record taken back to draft (or deleted) takes its history with it. Every read here is bounded: a page of
changes reads at most PAGE_SIZE + 1 rows of each kind, and one previous version per row shown.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from content.models import Publishable
from content.registry import content_kinds

PAGE_SIZE = 25  # changes on a page of recent changes, a feed, a page of one record's history
LANGUAGES = {"en": _("English"), "zh_hant": _("Chinese")}
NOT_COMPARED = {"id", "status", "updated_at", "key"}  # every public version is published; the others are bookkeeping
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CURSOR = re.compile(r"^(\d{1,19})\.([a-z0-9_]{1,100})\.(\d{1,19})$")  # microseconds.kind.history id


class BadCursor(ValueError):
    pass


def kind_named(label):
    """The ContentKind whose model is called `label` (its model_name); None for any other name."""
    return next((kind for kind in content_kinds() if kind.model._meta.model_name == label), None)


@dataclass(frozen=True)
class Field:
    """A field readers can see change: its name, and its language ("en", "zh_hant") if it is translated."""

    name: str  # the column: name_en, website
    base: str  # the field's own name: name, website
    language: str | None
    verbose_name: str

    @property
    def label(self):
        if self.language is None:
            return str(self.verbose_name)
        return gettext("%(field)s (%(language)s)") % {"field": self.verbose_name, "language": LANGUAGES[self.language]}


def compared_fields(model):
    """The fields of a kind whose changes readers see: each translated field per language, and the others."""
    history = model.history.model
    kept = {field.name for field in history._meta.fields}
    fields = []
    translated = {field.name for field in model._meta.concrete_fields if getattr(field, "translated_field", None)}
    bases = {model._meta.get_field(name).translated_field.name for name in translated}
    for field in model._meta.concrete_fields:
        if field.name in NOT_COMPARED or field.name in bases or field.name not in kept or field.primary_key:
            continue
        base = getattr(field, "translated_field", None)
        if base is not None:
            fields.append(Field(field.name, base.name, field.language.replace("-", "_"), base.verbose_name))
        else:
            fields.append(Field(field.name, field.name, None, field.verbose_name))
    return fields


def public_versions(model):
    """Every public version of a kind's records (a queryset of its historical rows)."""
    published = Publishable.Status.PUBLISHED
    return model.history.filter(status=published, id__in=model.objects.published().values("pk"))


@dataclass
class Change:
    """One public version, and what it changed since the record's previous public version."""

    kind: object  # content.registry.ContentKind
    record: object  # the record as it is now
    version: object  # the historical row
    previous: object | None  # the public version before it; None: the first

    @property
    def date(self):
        return self.version.history_date

    @property
    def reason(self):
        return self.version.history_change_reason or ""

    @property
    def by_editor(self):
        """Whether an editor saved it (seeding and migrations save as nobody). Never who: no user name is public."""
        return self.version.history_user_id is not None

    @property
    def is_new(self):
        return self.previous is None

    @cached_property
    def changed(self):
        fields = compared_fields(self.kind.model)
        if self.previous is None:
            return [field for field in fields if getattr(self.version, field.name) not in (None, "")]
        return [f for f in fields if getattr(self.version, f.name) != getattr(self.previous, f.name)]

    @property
    def languages(self):
        """The languages whose text changed (en, zh_hant), and None for a field in neither."""
        return sorted({field.language for field in self.changed if field.language})

    @property
    def cursor(self):
        micros = (self.date - EPOCH) // timedelta(microseconds=1)  # exact, unlike a float timestamp
        return f"{micros}.{self.kind.model._meta.model_name}.{self.version.history_id}"


def previous_version(model, version):
    """The public version of the same record before `version`, or None."""
    earlier = Q(history_date__lt=version.history_date) | Q(
        history_date=version.history_date, history_id__lt=version.history_id
    )
    return (
        model.history.filter(id=version.id, status=Publishable.Status.PUBLISHED)
        .filter(earlier)
        .order_by("-history_date", "-history_id")
        .first()
    )


def parse_cursor(text):
    """(date, kind label, history id) from a cursor; BadCursor for anything else."""
    match = CURSOR.match(text or "")
    if not match or kind_named(match.group(2)) is None:
        raise BadCursor(text)
    try:
        date = EPOCH + timedelta(microseconds=int(match.group(1)))
    except (OverflowError, OSError, ValueError):
        raise BadCursor(text) from None
    return date, match.group(2), int(match.group(3))


def _after(label, cursor):
    """The rows of kind `label` that come after `cursor` in the order (date, kind label, history id), newest first."""
    if cursor is None:
        return Q()
    date, cursor_label, history_id = cursor
    if label < cursor_label:
        return Q(history_date__lte=date)
    if label == cursor_label:
        return Q(history_date__lt=date) | Q(history_date=date, history_id__lt=history_id)
    return Q(history_date__lt=date)


def recent_changes(*, kinds=None, cursor=None, limit=PAGE_SIZE):
    """The newest public versions after `cursor` (parse_cursor's), newest first: ([Change], more)."""
    rows = []
    for kind in kinds or content_kinds():
        label = kind.model._meta.model_name
        versions = public_versions(kind.model).filter(_after(label, cursor))
        versions = versions.order_by("-history_date", "-history_id")[: limit + 1]
        rows += [(version.history_date, label, version.history_id, kind, version) for version in versions]
    rows.sort(key=lambda row: row[:3], reverse=True)
    return _changes([(kind, version) for *_key, kind, version in rows[:limit]]), len(rows) > limit


def record_versions(kind, record, *, before=None, limit=PAGE_SIZE):
    """One record's public versions, newest first, older than history id `before`: ([Change], more)."""
    versions = public_versions(kind.model).filter(id=record.pk)
    if before is not None:
        versions = versions.filter(history_id__lt=before)
    versions = list(versions.order_by("-history_date", "-history_id")[: limit + 1])
    return _changes([(kind, version) for version in versions[:limit]], records={record.pk: record}), len(
        versions
    ) > limit


def _changes(rows, records=None):
    """Changes for (kind, version) rows: the current records read once per kind, one previous version per row."""
    current = {}
    for kind in {kind for kind, _version in rows}:
        ids = {version.id for k, version in rows if k is kind}
        found = records or kind.model.objects.published().in_bulk(ids)
        current[kind] = found
    return [
        Change(kind, current[kind][version.id], version, previous_version(kind.model, version))
        for kind, version in rows
        if version.id in current[kind]
    ]
