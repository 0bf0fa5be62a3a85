"""Traditional ↔ Simplified Chinese: OpenCC as the engine, a conversion table and per-text markers on top.

Editors write Traditional Chinese (Taiwan usage). Readers of /zh-hans/ get it converted on the fly, as Chinese
Wikipedia's LanguageConverter does:

1. **Per-text markers** (MediaWiki's `-{…}-`): `-{噹噹}-` stays exactly as written in every script;
   `-{zh-hant:哈潑時尚;zh-hans:时尚芭莎}-` says what each script reads. Readers never see the marker.
   A zh-hans variant is shown in Simplified characters (converted one character at a time, no phrases).
2. **The site's conversion table** (conversion.ConversionRule, editors' to keep in the admin): each phrase
   in it is protected from OpenCC, so OpenCC cannot split it, and becomes the table's Simplified phrase.
3. **OpenCC's `tw2sp`** converts the rest: characters *and* Taiwan phrasing (網際網路 → 互联网).

This module holds the table in the process (install_table); the conversion app loads it from the database and
keeps every process's copy current. Conversions are cached, so a page in Simplified Chinese costs about what the
same page in Traditional Chinese costs; installing a table empties that cache.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import opencc
from django.conf import settings
from django.utils.translation import get_language

SIMPLIFIED = "zh-hans"
TRADITIONAL = "zh-hant"

# OpenCC converters are thread-safe once built; build each configuration once per process.
_converters = {}


def converter(config):
    if config not in _converters:
        _converters[config] = opencc.OpenCC(config)
    return _converters[config]


# -{text}- or -{zh-hans:简;zh-hant:繁}-. Non-greedy and on one line, so two markers in a paragraph stay two.
MARKER = re.compile(r"-\{(.+?)\}-")
_VARIANT = re.compile(r"^\s*(zh-hans|zh-hant)\s*:(.*)$", re.S)
# Placeholders for protected text while OpenCC runs: Supplementary Private Use Area-A, which OpenCC passes
# through untouched and which no editor types.
_PLACEHOLDER_BASE = 0xF0000
_PLACEHOLDER = re.compile("[\U000f0000-\U000ffffd]")


def _variants(inner):
    """A marker's text per script: {"zh-hans": …, "zh-hant": …}, or None for text kept as written."""
    parts = [_VARIANT.match(part) for part in inner.split(";")]
    if not all(parts):
        return None
    return {match.group(1): match.group(2) for match in parts}


def _marker_text(match, script):
    variants = _variants(match.group(1))
    if variants is None:
        return match.group(1)
    return variants.get(script, variants.get(TRADITIONAL, ""))


def _marker_for_simplified(match):
    """`-{噹噹}-` exactly as written; a zh-hans variant in Simplified characters (editors may write it in
    Traditional ones: `-{zh-hant:哈潑時尚;zh-hans:時尚芭莎}-`), converted one character at a time, no phrases."""
    variants = _variants(match.group(1))
    if variants is None:
        return match.group(1)
    return converter("t2s.json").convert(variants.get(SIMPLIFIED, variants.get(TRADITIONAL, "")))


def as_written(text, script=TRADITIONAL):
    """The text with its markers resolved for `script` (zh-hant, or English around Chinese), not converted."""
    if not text or "-{" not in text:
        return text
    return MARKER.sub(lambda match: _marker_text(match, script), text)


def marker_texts(text):
    """Every text the markers hold (both variants), for search to find whichever a reader copied."""
    found = []
    for match in MARKER.finditer(text or ""):
        variants = _variants(match.group(1))
        found.extend(variants.values() if variants else [match.group(1)])
    return found


@dataclass(frozen=True)
class PhraseTable:
    """Traditional phrase → Simplified phrase, applied before OpenCC (which never sees these phrases)."""

    phrases: dict = field(default_factory=dict)
    stamp: str = ""  # which version of the table this is (conversion.table)

    @cached_property
    def digest(self):
        """What the table converts, as a digest: equal tables (in any process) convert alike. Part of the key
        of every rendered fragment (content.templatetags.fragments)."""
        content = repr((opencc.__version__, sorted(self.phrases.items())))
        return hashlib.blake2b(content.encode(), digest_size=16).hexdigest()

    @property
    def pattern(self):
        return _phrase_pattern(tuple(sorted(self.phrases, key=len, reverse=True)))

    @property
    def reverse(self):
        """Simplified phrase → its Traditional phrases (several may share one: 當當 and 噹噹 are both 当当)."""
        found = {}
        for traditional, simplified in self.phrases.items():
            found.setdefault(simplified, []).append(traditional)
        return found


@lru_cache(maxsize=8)
def _phrase_pattern(phrases):
    """Longest phrase first, so 線上購物 in the table wins over 線上 where both match."""
    return re.compile("|".join(re.escape(phrase) for phrase in phrases)) if phrases else None


_table = PhraseTable()


def install_table(phrases, stamp=""):
    """Make `phrases` ({traditional: simplified}) the table every conversion in this process uses."""
    global _table
    _table = PhraseTable(dict(phrases), stamp)
    to_simplified_cached.cache_clear()
    _reverse_pattern.cache_clear()


def current_table():
    return _table


def shipped_table():
    """The table as the site ships it (fixtures/conversion.json), for what is built without a database."""
    with open(settings.BASE_DIR / "fixtures" / "conversion.json", encoding="utf-8") as fixture:
        return {entry["fields"]["traditional"]: entry["fields"]["simplified"] for entry in json.load(fixture)}


def to_simplified(text):
    """Traditional (Taiwan) text as a mainland reader writes it: markers, the site's table, then OpenCC.

    Used as is for text readers type, which must not push the site's own text out of the cache.
    """
    if not text:
        return text
    protected = []

    def protect(replacement):
        protected.append(replacement)
        return chr(_PLACEHOLDER_BASE + len(protected) - 1)

    if _PLACEHOLDER.search(text):  # such a character would be taken for a placeholder: convert without the table
        return converter("tw2sp.json").convert(MARKER.sub(_marker_for_simplified, text))
    text = MARKER.sub(lambda match: protect(_marker_for_simplified(match)), text)
    pattern = _table.pattern
    if pattern is not None:
        text = pattern.sub(lambda match: protect(_table.phrases[match.group(0)]), text)
    converted = converter("tw2sp.json").convert(text)
    return _PLACEHOLDER.sub(lambda match: protected[ord(match.group(0)) - _PLACEHOLDER_BASE], converted)


# The site's own text: the same few thousand strings on every page, converted once per process.
to_simplified_cached = lru_cache(maxsize=4096)(to_simplified)


def to_traditional(text):
    """Simplified (mainland) text in Taiwan characters and phrasing, for matching a search."""
    return converter("s2twp.json").convert(text) if text else text


@lru_cache(maxsize=1)
def _reverse_pattern():
    reverse = _table.reverse
    return _phrase_pattern(tuple(sorted(reverse, key=len, reverse=True))), reverse


def table_traditional_forms(text):
    """`text` with each Simplified phrase of the site's table put back as each Traditional phrase it comes from:
    what a search must also look for, since a zh-hans reader copies 运营 where the stored text says 營運."""
    pattern, reverse = _reverse_pattern()
    if pattern is None or not text:
        return []
    forms = [text]
    for match in reversed(list(pattern.finditer(text))):
        start, end = match.span()
        forms = [form[:start] + traditional + form[end:] for form in forms for traditional in reverse[match.group(0)]]
        forms = forms[:8]  # a query word names few phrases; never let their combinations grow
    return [form for form in forms if form != text]


@lru_cache(maxsize=65536)
def simplified_character(char):
    """One character in its Simplified form, without phrase context (for search normalisation)."""
    return converter("t2s.json").convert(char)


def reading_simplified():
    return get_language() == SIMPLIFIED


def for_reader(text, lang):
    """Text in `lang` ("en" or "zh-hant") as the current reader should see it, and its language.

    Traditional text is converted when the reader reads Simplified Chinese, and so are the Chinese words quoted
    in English text; markers (`-{…}-`) are resolved in every language, so no reader ever sees one.
    """
    if not text:
        return text, lang
    if reading_simplified() and (lang == TRADITIONAL or (lang == "en" and has_chinese(text))):
        return to_simplified_cached(text), (SIMPLIFIED if lang == TRADITIONAL else lang)
    return as_written(text), lang


CHINESE_CHARACTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # a Han character, in either script


def has_chinese(text):
    return CHINESE_CHARACTER.search(text) is not None
