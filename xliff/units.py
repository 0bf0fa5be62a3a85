"""What a translation file says, whatever its format: one unit per translated field per record.

The writers (xliff.formats) turn these units into XLIFF 1.2, XLIFF 2.0 or PO; the readers turn
a translator's file back into `IncomingUnit`s for xliff.importing.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import translation

from content.registry import content_models, is_markdown
from content.translation_status import CONTENT_LANGUAGES as LANGUAGES

from .records import localized, readable_name, unit_id

NEEDS_TRANSLATION = "needs-translation"
NEEDS_REVIEW = "needs-review-translation"  # the source changed after the translation was written
TRANSLATED = "translated"
STATES = (NEEDS_TRANSLATION, NEEDS_REVIEW, TRANSLATED)

# Each unit carries, in a note, a digest of its target as the database held it when the file was made: the
# *base* of a three-way import (xliff.importing), which tells a target the translator left alone from new work,
# and new work from work that crosses a newer edit. A note, because every tool keeps notes (XLIFF <note>, PO "#."
# comments, which xliff2po and po2xliff carry across). It names the unit again, for tools that lose ids (po2xliff).
BASE_NOTE = (
    "ecomkb unit {id}; translation when exported: {digest} "
    "(ecomkb compares it on import to keep newer work; keep this note)"
)
# Tools wrap notes (polib a PO comment at 78 columns) at any space or after any hyphen.
BASE_ID = re.compile(r"ecomkb\s+unit\s+(\S+);")
BASE_DIGEST = re.compile(r"translation\s+when\s+exported:\s+(sha256:[0-9a-f]{16})\b")

# Language tags in files (BCP 47, as XLIFF wants); PO files use zh_Hant, read the same way.
FILE_LANGUAGE = {"en": "en", "zh-hant": "zh-Hant"}
LANGUAGE_ALIASES = {
    "en": "en",
    "en-us": "en",
    "en-gb": "en",
    "zh-hant": "zh-hant",
    "zh-tw": "zh-hant",
    "zh-hk": "zh-hant",
    "zh-hant-tw": "zh-hant",
    "zh-hant-hk": "zh-hant",
}


def content_language(tag):
    """'zh_Hant', 'zh-TW', 'zh-Hant' → 'zh-hant'; None for a language the site is not written in."""
    return LANGUAGE_ALIASES.get((tag or "").strip().replace("_", "-").lower())


@dataclass(frozen=True)
class Direction:
    source: str
    target: str

    @classmethod
    def into(cls, target):
        (source,) = [lang for lang in LANGUAGES if lang != target]
        return cls(source, target)

    @property
    def source_tag(self):
        return FILE_LANGUAGE[self.source]

    @property
    def target_tag(self):
        return FILE_LANGUAGE[self.target]

    def __str__(self):
        names = dict(settings.LANGUAGES)
        return f"{names[self.source]} → {names[self.target]}"


@dataclass(frozen=True)
class Unit:
    """One translated field of one record, as exported."""

    id: str  # names the record by its stable key (xliff.records)
    name: str  # the same with the record's slug, for translators to read; never read back
    source: str
    target: str
    state: str
    notes: tuple = ()
    max_length: int | None = None
    previous_source: str = ""  # for NEEDS_REVIEW: the source the current target was written from
    base: str = ""  # text_digest() of the target in the database when the file was made (BASE_NOTE)
    existing: str = ""  # that target (`target` holds the source instead when the source is copied to it)


@dataclass(frozen=True)
class IncomingUnit:
    """One unit of a translator's file: its id, source and target, and whether its state says "done"."""

    id: str
    source: str
    target: str
    confirmed: bool = False  # XLIFF state translated/reviewed/final, or a PO entry no longer fuzzy
    unreviewed: bool = False  # a state saying the translation is not done: XLIFF new/needs-*/initial, PO fuzzy
    base: str = ""  # the digest of BASE_NOTE, when the unit carries it (files exported by ecomkb)


@dataclass
class Delivery:
    """A translator's file, read and checked (xliff.formats.read_file), with a warning for each part of it that
    cannot be imported (a plural PO entry, an XLIFF unit translated in part…), saying why."""

    format: str
    direction: Direction
    units: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def same_text(a, b):
    """Equal once line endings and surrounding blanks are ignored (XML turns CRLF into LF)."""
    return normalise(a) == normalise(b)


def same_words(a, b):
    """Equal but for whitespace: a tool that drops xml:space="preserve" reflows the source it returns."""
    return (a or "").split() == (b or "").split()


def normalise(text):
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def text_digest(text):
    """A short fingerprint of a text as same_text() compares it."""
    return "sha256:" + hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def base_in(*notes):
    """(unit id, digest) of the BASE_NOTE among a unit's notes or comments, else ("", "")."""
    for note in notes:
        note = (note or "").replace("-\n", "-")
        digest, noted_id = BASE_DIGEST.search(note), BASE_ID.search(note)
        if digest:
            return (noted_id.group(1) if noted_id else ""), digest.group(1)
    return "", ""


def unit_state(record, field_name, direction, outdated):
    texts = record.translated_texts()[field_name]
    if not texts[direction.target]:
        return NEEDS_TRANSLATION
    flagged = outdated.get(field_name)
    if flagged and flagged.stale_language == direction.target:
        return NEEDS_REVIEW
    return TRANSLATED


def record_units(record, direction, *, only_needed=False, site_url="", copy_source=False):
    """The units of one record; a field with no source text has nothing to translate.

    With `copy_source`, every target holds the source text (state needs-translation), for tools that translate the
    text of a target, as OmegaT does; the import reads a target still equal to its source as untranslated."""
    outdated = {item.field: item for item in record.outdated_translations()}
    texts = record.translated_texts()
    for field_name in record.translated_field_names():
        source = texts[field_name][direction.source]
        if not source:
            continue
        state = unit_state(record, field_name, direction, outdated)
        if only_needed and state == TRANSLATED:
            continue
        model_field = record._meta.get_field(field_name)
        max_length = model_field.max_length if isinstance(model_field, models.CharField) else None
        previous = outdated[field_name].old_text if state == NEEDS_REVIEW else ""
        target = getattr(record, localized(field_name, direction.target)) or ""
        base = text_digest(target)
        notes = (
            *unit_notes(record, field_name, direction, max_length, previous, site_url),
            BASE_NOTE.format(id=unit_id(record, field_name), digest=base),
        )
        yield Unit(
            id=unit_id(record, field_name),
            name=readable_name(record, field_name),
            source=source,
            target=source if copy_source else target,
            state=NEEDS_TRANSLATION if copy_source and state == TRANSLATED else state,
            notes=notes,
            max_length=max_length,
            previous_source=previous,
            base=base,
            existing=target,
        )


def unit_notes(record, field_name, direction, max_length, previous, site_url):
    """Plain English notes for the translator, whatever the exporting editor's language, so files compare."""
    with translation.override("en"):
        kind = str(record._meta.verbose_name)
    with translation.override(direction.source):
        name = str(record)  # as the translator reads it, in the source language
    yield f"Field: {field_name} of the {kind} “{name}”"
    yield f"Record: {record._meta.label_lower} “{record.slug}”"
    with translation.override(direction.target):
        url = site_url.rstrip("/") + record.get_absolute_url()
    yield f"Page: {url}" if record.is_published else f"Draft, not yet published (page will be {url})"
    if max_length:
        yield f"Maximum length: {max_length} characters"
    if previous:
        yield f"The source changed after this translation was written. Source then: {previous}"
    if is_markdown(record, field_name):  # its kind declares it (content.registry, markdown_fields)
        yield "Markdown: keep **bold**, [links](https://…), lists and blank lines between paragraphs."


def export_units(direction, *, records=None, only_needed=False, site_url="", copy_source=False):
    """Units for `records` (default: every record), in the order files list them."""
    if records is None:
        records = [record for model in content_models() for record in model._default_manager.all()]
    return [
        unit
        for record in records
        for unit in record_units(record, direction, only_needed=only_needed, site_url=site_url, copy_source=copy_source)
    ]
