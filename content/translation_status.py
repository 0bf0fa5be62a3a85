"""The one place for the rules about a record's two languages: missing, and possibly out of date.

A record keeps, per translated field, the text of both languages at the moment they were last
known to say the same thing: its *baseline*. When the text changes in only one language after
that, the other language may no longer match, so the field is flagged. Changing the other
language too, or an editor confirming the pair, makes the current texts the new baseline.

The functions work on plain dicts ({field: {language: text}}) so they are easy to test;
`content.tracking.TranslationTracked` applies them to records.
"""

from dataclasses import dataclass

from django.conf import settings

# The languages people write content in (settings.LANGUAGES adds Simplified Chinese, which is derived).
CONTENT_LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


@dataclass(frozen=True)
class OutdatedField:
    """A field whose text changed in `changed_language` after the other language was written."""

    field: str
    changed_language: str
    stale_language: str
    old_text: str
    new_text: str


def missing(texts):
    """[(field, language)] for every translated field that is empty in a language."""
    return [(field, lang) for field, pair in texts.items() for lang in CONTENT_LANGUAGES if not pair.get(lang)]


def _changed_languages(baseline_pair, pair):
    return [lang for lang in CONTENT_LANGUAGES if pair.get(lang) != baseline_pair.get(lang)]


def outdated(baseline, texts):
    """The fields changed in exactly one language since both were last in step."""
    flagged = []
    for field, pair in texts.items():
        old = baseline.get(field)
        if old is None or not all(pair.get(lang) for lang in CONTENT_LANGUAGES):
            continue  # never in step yet, or a language is missing: "untranslated", not "outdated"
        changed = _changed_languages(old, pair)
        if len(changed) == 1:
            (lang,) = changed
            (other,) = [code for code in CONTENT_LANGUAGES if code != lang]
            flagged.append(OutdatedField(field, lang, other, old.get(lang, ""), pair[lang]))
    return flagged


def next_baseline(baseline, texts, confirmed=()):
    """The baseline to keep after saving `texts`; `confirmed` fields are declared in step."""
    kept = {}
    for field, pair in texts.items():
        if not all(pair.get(lang) for lang in CONTENT_LANGUAGES):
            continue  # a missing language: start afresh once both are written
        old = baseline.get(field)
        if old is not None and field not in confirmed and len(_changed_languages(old, pair)) == 1:
            kept[field] = old  # still flagged: keep the texts the change is measured against
        else:
            kept[field] = {lang: pair[lang] for lang in CONTENT_LANGUAGES}
    return kept
