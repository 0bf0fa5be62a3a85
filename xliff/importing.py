"""Importing a translator's file: first a plan to preview, then applying it in one transaction.

The rules (docs/translators.md):
- the source is read from the database, not from the file: a field whose source changed after
  the export gets the translation but stays flagged "may be out of date"; otherwise the two
  languages are in step once saved (the translation was made from today's source);
- a unit finds its record by the record's stable key (xliff.records), never by a slug that another record may
  have taken since the export; a unit whose record (deleted) or field is unknown is a warning; an empty target
  changes nothing;
- each record is saved through its model (history as the importing user with the file's name
  as the reason, translation flags, search text, page cache), and keeps its status;
- three-way, as version control merges: each unit ecomkb exports carries a digest of its target as the database
  held it then (its *base*, xliff.units.BASE_NOTE). A target the translator left as exported changes nothing, even
  where the database has changed since (the file is simply old); a target changed in the file over a field
  changed in the database since is a *conflict*, shown side by side and applied only when the importing editor
  takes the file's text for that field. A unit without a base (an older export, another tool's file) cannot be
  checked so: the preview says so, and a target equal to an older version of the field (its history) is stale,
  skipped with a warning;
- a unit whose state says it is not done (XLIFF new/needs-*/initial, PO fuzzy) brings its text as unreviewed: it
  is stored, and the field stays flagged "may be out of date" until an editor confirms it. A target still equal to
  its source (a file exported with the source copied into its targets) is untranslated.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bilingual.chinese import has_chinese
from content.hygiene import field_errors
from content.signals import ChangeRefused

from .records import find_records, last_slugs, localized, split_unit_id
from .units import same_text, same_words, text_digest

HISTORY_LOOKBACK = 200  # versions of a record searched for a text (as exported, or stale)


@dataclass
class FieldChange:
    field: str
    label: str
    current: str
    incoming: str
    exported_source: str  # the source the translator saw
    current_source: str  # the source in the database now
    confirms: bool = False  # the same text, which the translator confirmed is still right for the new source
    unreviewed: bool = False  # the file's state says it is not done: stored, but the field stays flagged
    unit_id: str = ""
    exported: str | None = None  # for a conflict: the target when the file was made (None: not in the history)

    @property
    def source_changed(self):
        return not same_words(self.exported_source, self.current_source)


@dataclass
class RecordChanges:
    record: object
    version: int
    changes: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)  # FieldChanges applied only when taken (ImportPlan.take)

    @property
    def opts(self):
        return self.record._meta

    @property
    def kind(self):
        return self.record._meta.verbose_name


@dataclass
class ImportPlan:
    direction: object
    records: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    unchanged: int = 0
    untranslated: int = 0
    unchecked: int = 0  # units with a target but without a base: a file that cannot be checked for newer work
    kept: int = 0  # targets left as exported over a field changed since: the newer text stays

    @property
    def change_count(self):
        return sum(len(item.changes) for item in self.records)

    @property
    def changed_record_count(self):
        return sum(bool(item.changes) for item in self.records)

    @property
    def conflict_count(self):
        return sum(len(item.conflicts) for item in self.records)

    @property
    def unreviewed_count(self):
        return sum(change.unreviewed for item in self.records for change in item.changes)

    def take(self, unit_ids):
        """Apply the file's text over the database's for these conflicts, as the importing editor chose."""
        chosen = set(unit_ids)
        for item in self.records:
            taken = [change for change in item.conflicts if change.unit_id in chosen]
            item.conflicts = [change for change in item.conflicts if change.unit_id not in chosen]
            item.changes += taken

    def digest(self):
        """Fingerprint of what applying would do; a stale preview is not applied blindly."""
        facts = [
            [
                item.record._meta.label_lower,
                item.record.pk,
                item.version,
                [[change.field, change.incoming, change.current_source, change.unreviewed] for change in item.changes],
                [[change.field, change.incoming, change.current] for change in item.conflicts],
            ]
            for item in self.records
        ]
        return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()


class ImportRefused(Exception):
    """Applying the file was refused as a whole; the message says why, in the user's language."""

    def __init__(self, message, *, status):
        super().__init__(message)
        self.message, self.status = message, status


class PreviewOutdated(Exception):
    """The database changed between the preview and "Apply"."""


def plan_import(delivery, user=None):
    """What importing `delivery` would change, with a warning for each unit it cannot use."""
    plan = ImportPlan(delivery.direction, warnings=list(delivery.warnings))  # what the reader skipped, and why
    planned, history = {}, _History(delivery.direction)
    for unit, record, field_name, last_slug in _locate(delivery.units, plan):
        problem = _unusable(unit, record, field_name, user, last_slug) or _refused_text(
            unit, record, field_name, delivery.direction
        )
        if problem:
            plan.warnings.append(problem)
            continue
        if not unit.target.strip() or (not unit.confirmed and same_text(unit.target, unit.source)):
            plan.untranslated += 1  # empty, or the source copied into the target and not translated
            continue
        change = _field_change(unit, record, field_name, delivery.direction)
        if change is None:
            plan.unchanged += 1
            continue
        if same_text(unit.target, unit.source) and (
            change.current.strip() or in_the_other_language(unit.target, delivery.direction.target)
        ):
            # Marked done but still the source (a tool's "confirm all" over copied sources): it would replace a
            # translation with the other language's text.
            plan.warnings.append(
                _(
                    "Unit “%(id)s”: its translation is the same as its source text, in the other language; the "
                    "%(field)s is left as it is."
                )
                % {"id": unit.id, "field": change.label}
            )
            continue
        conflict = False
        if change.confirms:
            pass  # the text in the database now, confirmed: nothing newer to lose
        elif unit.base:
            if text_digest(unit.target) == unit.base:  # left as exported; the database has newer text
                plan.kept += 1
                continue
            conflict = text_digest(change.current) != unit.base  # both changed since the export
            if conflict:
                change.exported = history.text(record, field_name, unit.base)
        else:
            plan.unchecked += 1
            if history.is_older_version(record, field_name, unit.target):
                plan.warnings.append(
                    _(
                        "Unit “%(id)s”: its translation is an older version of the %(field)s, replaced since; "
                        "skipped (the file is older than the record's text)."
                    )
                    % {"id": unit.id, "field": change.label}
                )
                continue
        item = planned.setdefault((type(record), record.pk), RecordChanges(record, record.version))
        if any(other.field == field_name for other in (*item.changes, *item.conflicts)):
            plan.warnings.append(
                _("Unit “%(id)s”: another unit of this file already translates this field; skipped.") % {"id": unit.id}
            )
            continue
        (item.conflicts if conflict else item.changes).append(change)
    plan.records = list(planned.values())
    return plan


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def in_the_other_language(text, target):
    """Whether `text`, offered as a translation into `target`, plainly reads as the other language: Chinese into
    English, or English sentences (three words or more, no Chinese) into Chinese. Names and codes (B2B, JD.com)
    read the same in both and pass."""
    if target == "en":
        return has_chinese(text)
    return not has_chinese(text) and len(_LATIN_WORD.findall(text)) >= 3


class _History:
    """The texts a record's field had in the target language, newest first, read once per record."""

    def __init__(self, direction):
        self.direction, self.texts = direction, {}

    def versions(self, record, field_name):
        key = (type(record), record.pk)
        if key not in self.texts:
            history = getattr(record, "history", None)
            columns = [localized(name, self.direction.target) for name in record.translated_field_names()]
            rows = [] if history is None else history.order_by("-history_date").values(*columns)[:HISTORY_LOOKBACK]
            self.texts[key] = list(rows)
        column = localized(field_name, self.direction.target)
        return [row[column] or "" for row in self.texts[key]]

    def text(self, record, field_name, digest):
        """The version of the field whose digest is `digest`, else None."""
        return next((text for text in self.versions(record, field_name) if text_digest(text) == digest), None)

    def is_older_version(self, record, field_name, text):
        current = getattr(record, localized(field_name, self.direction.target)) or ""
        return any(
            same_text(text, old) and not same_text(old, current) for old in self.versions(record, field_name) if old
        )


def _locate(units, plan):
    """(unit, record or None, field, last slug) for each unit naming a content record; a warning for the others.

    A unit finds the record holding its key, never one that took its old slug since. For a record that no longer
    exists, the slug it last had (from its history, if kept) names it in the warning.
    """
    located = []
    for unit in units:
        parts = split_unit_id(unit.id)
        if parts is None:
            plan.warnings.append(_("Unit “%(id)s” names no ecomkb record; skipped.") % {"id": unit.id})
        else:
            located.append((unit, *parts))
    records, gone = {}, {}
    for model in {model for _unit, model, _key, _field in located}:
        wanted = {key for _unit, unit_model, key, _field in located if unit_model is model}
        found = find_records(model, wanted)
        records.update({(model, key): record for key, record in found.items()})
        gone.update({(model, key): slug for key, slug in last_slugs(model, wanted - set(found)).items()})
    return [
        (unit, records.get((model, key)), field, gone.get((model, key), str(key)))
        for unit, model, key, field in located
    ]


def _unusable(unit, record, field_name, user, last_slug):
    """Why this unit cannot be imported, or None."""
    if record is None:
        model, _key, _field = split_unit_id(unit.id)
        return _("Unit “%(id)s”: the %(model)s “%(slug)s” no longer exists; skipped.") % {
            "id": unit.id,
            "model": model._meta.verbose_name,
            "slug": last_slug,
        }
    opts = record._meta
    if field_name not in record.translated_field_names():
        return _("Unit “%(id)s”: %(model)s has no translated field “%(field)s”; skipped.") % {
            "id": unit.id,
            "model": opts.verbose_name,
            "field": field_name,
        }
    if user is not None and not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return _("Unit “%(id)s”: you may not change %(models)s; skipped.") % {
            "id": unit.id,
            "models": opts.verbose_name_plural,
        }
    max_length = opts.get_field(field_name).max_length
    if max_length and len(unit.target.strip()) > max_length:
        return _(
            "Unit “%(id)s”: the translation is %(length)s characters long; this field holds at most %(max)s. Skipped."
        ) % {"id": unit.id, "length": len(unit.target.strip()), "max": max_length}
    return None


def _refused_text(unit, record, field_name, direction):
    """A target the text rules every path keeps (content.hygiene) refuse: skipped, saying which characters."""
    target = unit.target.strip()
    if not target and not unit.target:
        return None
    field = record._meta.get_field(localized(field_name, direction.target))
    problems = field_errors(field, target or unit.target)
    if not problems:
        return None
    return _("Unit “%(id)s”: %(problem)s Skipped.") % {
        "id": unit.id,
        "problem": " ".join(message for problem in problems for message in problem.messages),
    }


def _field_change(unit, record, field_name, direction):
    """The change this unit brings, or None when it brings nothing new."""
    current = getattr(record, localized(field_name, direction.target)) or ""
    current_source = getattr(record, localized(field_name, direction.source)) or ""
    confirms = False
    if same_text(unit.target, current):
        # The same text is news only when it confirms an outdated translation against today's source.
        outdated = any(
            item.field == field_name and item.stale_language == direction.target
            for item in record.outdated_translations()
        )
        if not (unit.confirmed and outdated and same_words(unit.source, current_source)):
            return None
        confirms = True
    return FieldChange(
        field=field_name,
        label=str(record._meta.get_field(field_name).verbose_name),
        current=current,
        incoming=unit.target.strip(),
        exported_source=unit.source,
        current_source=current_source,
        confirms=confirms,
        unreviewed=unit.unreviewed and not confirms,
        unit_id=unit.id,
    )


def apply_import(plan, *, user, reason):
    """Save every planned change in one transaction; each record once, as `user`, because of `reason`."""
    direction = plan.direction
    with transaction.atomic():
        for item in plan.records:
            if not item.changes:
                continue  # only conflicts, none taken: the record stays as it is
            model = type(item.record)
            record = model._default_manager.select_for_update().get(pk=item.record.pk)
            if record.version != item.version:
                raise PreviewOutdated(record)
            for change in item.changes:
                setattr(record, localized(change.field, direction.target), change.incoming)
                # The translation was made from the source the translator saw: with today's source the
                # pair is in step (the flag clears, nor is the source flagged as behind its translation);
                # with an older one the field stays flagged, measured against what the translator saw.
                seen = change.exported_source if change.source_changed else change.current_source
                if change.unreviewed and not change.source_changed:
                    # Not reviewed yet: in step with no source, so flagged "may be out of date" until confirmed.
                    seen = ""
                record.translated_from(change.field, direction.source, seen)
            record._history_user = user
            record._change_reason = reason[:100]
            try:
                record.save()
            except ChangeRefused as refused:  # the page cache cannot follow: nothing at all is imported
                raise ImportRefused(str(refused), status=503) from refused
            except ValidationError as invalid:  # a rule the preview did not know of yet (a record's other field)
                raise ImportRefused(
                    _("Nothing was imported: %(record)s cannot be saved (%(errors)s).")
                    % {"record": record, "errors": "; ".join(invalid.messages)},
                    status=422,
                ) from invalid
    return plan.change_count
