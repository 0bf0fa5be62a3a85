"""Search: the one place that decides what a query matches and how a match is shown.

Every record keeps a `search_text` column (search.models.Searchable): its name, summary and
body in both languages, *folded* when it is saved. A query is folded the same way and matched
with a plain substring test (SQL LIKE), which behaves alike on SQLite and PostgreSQL and needs
no word splitting — Chinese has no spaces between words, so 物流 must match inside 物流公司.

Folding (search.folding) makes width, case and Chinese script differences disappear.
A query word is also tried in the other script's *phrasing* (OpenCC s2twp / tw2sp), so a mainland
reader's 互联网 finds the Taiwan text's 網際網路.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from operator import and_, or_

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from bilingual.chinese import to_simplified, to_traditional
from bilingual.languages import html_lang
from bilingual.reading import reader_text
from content.registry import content_kinds

from .folding import fold, fold_with_positions

MAX_QUERY_LENGTH = 100  # characters searched; a longer query is cut here, and the reader told
MAX_TERMS = 8  # words; each is one more LIKE condition
RESULTS_SHOWN_PER_KIND = 10
SNIPPET_BEFORE, SNIPPET_AFTER = 40, 110  # characters around the first match

_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # controls (PostgreSQL refuses NUL), lone surrogates


@dataclass
class Query:
    """A reader's query, cleaned up: what is shown back to them and what is matched."""

    text: str = ""  # as typed, trimmed and cut to MAX_QUERY_LENGTH: shown back (escaped) to the reader
    terms: list = field(default_factory=list)  # one tuple of folded alternatives per word
    shortened: bool = False

    @classmethod
    def parse(cls, raw):
        text = _UNSAFE.sub(" ", unicodedata.normalize("NFKC", raw or "")).strip()
        shortened = len(text) > MAX_QUERY_LENGTH
        text = text[:MAX_QUERY_LENGTH].strip()
        terms = []
        for word in text.split()[:MAX_TERMS]:
            variants = (word, to_traditional(word), to_simplified(word))
            alternatives = dict.fromkeys(fold(variant) for variant in variants)
            terms.append(tuple(a for a in alternatives if a))
        return cls(text=text, terms=[t for t in terms if t], shortened=shortened)

    def __bool__(self):
        return bool(self.terms)

    @property
    def lang(self):
        """The query's language as far as its script tells (for its lang attribute where it is shown)."""
        return "zh" if _CHINESE.search(self.text) else "en"

    def condition(self):
        """Every word must occur (in any of its forms) somewhere in the record's search text."""
        return reduce(
            and_,
            (reduce(or_, (Q(search_text__contains=alternative) for alternative in term)) for term in self.terms),
        )

    def needles(self):
        return {alternative for term in self.terms for alternative in term}


def _match_spans(text, needles):
    """(start, end) spans of `text` where any needle matches its folded form, merged and sorted."""
    folded, origin = fold_with_positions(text)
    spans = []
    for needle in needles:
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            spans.append((start, end) if origin is None else (origin[start], origin[end - 1] + 1))
            start = folded.find(needle, end)
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, needles, spans=None):
    """`text` escaped, with every match wrapped in <mark>."""
    spans = _match_spans(text, needles) if spans is None else spans
    parts, position = [], 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LINE_MARKER = re.compile(r"^[ \t]{0,3}(?:#+|>|[-+*]|\d+\.)[ \t]+", re.M)
_EMPHASIS = str.maketrans("", "", "*_`")


@lru_cache(maxsize=4096)
def plain_text(markdown_text):
    """Markdown reduced to its words, for a snippet (the snippet is escaped, so this needn't be exact)."""
    text = _LINE_MARKER.sub("", _LINK.sub(r"\1", markdown_text or "")).translate(_EMPHASIS)
    return " ".join(text.split())


def snippet(text, needles):
    """The part of `text` around its first match, highlighted; None if it does not match."""
    folded = fold(text)
    if not any(needle in folded for needle in needles):
        return None
    text = plain_text(text)
    spans = _match_spans(text, needles)
    if not spans:
        return None
    start = max(0, spans[0][0] - SNIPPET_BEFORE)
    end = min(len(text), spans[0][0] + SNIPPET_AFTER)
    window = text[start:end]
    html = highlight(window, needles)
    return mark_safe(("…" if start else "") + html + ("…" if end < len(text) else ""))


def leading_text(text, length=SNIPPET_BEFORE + SNIPPET_AFTER):
    text = plain_text(text)
    return text if len(text) <= length else text[:length].rstrip() + "…"


@dataclass
class Hit:
    record: object
    title_html: str  # escaped, matches highlighted, in the reader's language
    title_lang: str  # its BCP 47 language (another than the page's for untranslated text)
    snippet_html: str  # escaped, matches highlighted, in the reader's language
    snippet_lang: str
    found_in_other_language: bool  # nothing of the reader's text matched: the other language's did


@dataclass
class Group:
    model: type
    count: int
    hits: list

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    @property
    def anchor(self):
        return self.model._meta.model_name


def _hit(record, kind, query):
    needles = query.needles()
    title = reader_text(record, kind.title_field)
    title_spans = _match_spans(title.text, needles)
    title_html = highlight(title.text, needles, title_spans)
    for name in kind.text_fields:
        text = reader_text(record, name)
        found = snippet(text.text, needles)
        if found:
            return Hit(record, title_html, html_lang(title.lang), found, html_lang(text.lang), False)
    summary = reader_text(record, kind.text_fields[0])
    return Hit(
        record=record,
        title_html=title_html,
        title_lang=html_lang(title.lang),
        snippet_html=escape(leading_text(summary.text)),
        snippet_lang=html_lang(summary.lang),
        found_in_other_language=not title_spans,
    )


def search_published(query):
    """Published records of every kind of content matching `query`, grouped by kind: a count and the first
    few hits of each."""
    groups = []
    for kind in content_kinds():
        # One scan of the table per kind: the matching keys in order, then the few records shown.
        matching = kind.model.objects.published().filter(query.condition())
        keys = list(matching.values_list("pk", flat=True))
        shown = kind.model.objects.defer("search_text").in_bulk(keys[:RESULTS_SHOWN_PER_KIND])
        hits = [_hit(shown[key], kind, query) for key in keys[:RESULTS_SHOWN_PER_KIND]]
        groups.append(Group(model=kind.model, count=len(keys), hits=hits))
    return groups
