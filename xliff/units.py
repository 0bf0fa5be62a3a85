"""What a translation file says, whatever its format: one unit per translated field per record.

The writers (xliff.formats) turn these units into XLIFF 1.2, XLIFF 2.0 or PO; the readers turn
a translator's file back into `IncomingUnit`s for xliff.importing.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import translation

from content.registry import content_models
from content.translation_status import CONTENT_LANGUAGES as LANGUAGES

from .records import localized, readable_name, unit_id

NEEDS_TRANSLATION = "needs-translation"
NEEDS_REVIEW = "needs-review-translation"  # the source changed after the translation was written
TRANSLATED = "translated"
STATES = (NEEDS_TRANSLATION, NEEDS_REVIEW, TRANSLATED)

# Fields readers see rendered from Markdown (the detail pages' {% tr … markdown=True %}).
MARKDOWN_FIELDS = ("body", "description")

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


@dataclass(frozen=True)
class IncomingUnit:
    """One unit of a translator's file: its id, source and target, and whether its state says "done"."""

    id: str
    source: str
    target: str
    confirmed: bool = False  # XLIFF state translated/reviewed/final, or a PO entry no longer fuzzy


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


def unit_state(record, field_name, direction, outdated):
    texts = record.translated_texts()[field_name]
    if not texts[direction.target]:
        return NEEDS_TRANSLATION
    flagged = outdated.get(field_name)
    if flagged and flagged.stale_language == direction.target:
        return NEEDS_REVIEW
    return TRANSLATED


def record_units(record, direction, *, only_needed=False, site_url=""):
    """The units of one record; a field with no source text has nothing to translate."""
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
        yield Unit(
            id=unit_id(record, field_name),
            name=readable_name(record, field_name),
            source=source,
            target=getattr(record, localized(field_name, direction.target)) or "",
            state=state,
            notes=tuple(unit_notes(record, field_name, direction, max_length, previous, site_url)),
            max_length=max_length,
            previous_source=previous,
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
    if field_name in MARKDOWN_FIELDS:
        yield "Markdown: keep **bold**, [links](https://…), lists and blank lines between paragraphs."


def export_units(direction, *, records=None, only_needed=False, site_url=""):
    """Units for `records` (default: every record), in the order files list them."""
    if records is None:
        records = [record for model in content_models() for record in model._default_manager.all()]
    return [
        unit
        for record in records
        for unit in record_units(record, direction, only_needed=only_needed, site_url=site_url)
    ]
