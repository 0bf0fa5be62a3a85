"""Search: the one place that decides what a query matches and how a match is shown.

Every record keeps a `search_text` column (search.models.Searchable): its name, summary and
body in both languages, *folded* when it is saved. A query is folded the same way and matched
with a plain substring test (SQL LIKE), which behaves alike on SQLite and PostgreSQL and needs
no word splitting — Chinese has no spaces between words, so 物流 must match inside 物流公司.

Folding (search.folding) makes width, case and Chinese script differences disappear.
A query word is also tried in the other script's *phrasing* (OpenCC s2twp / tw2sp), so a mainland
reader's 互联网 finds the Taiwan text's 網際網路, and with the site's conversion table read backwards
(bilingual.chinese.table_traditional_forms), so 运营 finds 營運: whatever /zh-hans/ shows can be searched for.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from bilingual.chinese import table_traditional_forms, to_simplified, to_traditional
from bilingual.languages import html_lang
from bilingual.reading import reader_text
from content.registry import content_kinds

from .backends import current_backend
from .folding import fold, fold_with_positions
from .index import kind_ids
from .models import SearchEntry
from .terms import hashed, lookup_terms

MAX_QUERY_LENGTH = 100  # characters searched; a longer query is cut here, and the reader told
MAX_TERMS = 8  # words; each is one more LIKE condition
RESULTS_PER_PAGE = 20
MAX_RESULTS = 200  # counted and reachable (ten pages); past it the count reads "200+" (add a word to narrow)
RANKS = ("title", "head", "text")  # SearchEntry's folded parts, best match first
MAX_SCAN_WINDOW = 2000  # entries read in id order at a time (Rank)
SAMPLE_WINDOW = 400  # entries of a kind read first, to see how common the query is in that kind (Rank)
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
            # As typed, in the other script's phrasing (OpenCC), and with the conversion table's phrases put back
            # as editors write them: what a zh-hans reader copies (运营, 通过) finds the stored text (營運, 透過).
            variants = (word, to_traditional(word), to_simplified(word), *table_traditional_forms(word))
            alternatives = dict.fromkeys(fold(variant) for variant in variants)
            terms.append(tuple(a for a in alternatives if a))
        return cls(text=text, terms=[t for t in terms if t], shortened=shortened)

    def __bool__(self):
        return bool(self.terms)

    @property
    def lang(self):
        """The query's language as far as its script tells (for its lang attribute where it is shown)."""
        return "zh" if _CHINESE.search(self.text) else "en"

    def condition(self, column="search_text"):
        """Every word must occur (in any of its forms) in the folded text `column`: a content record's
        search_text (the plain scan, scan_published), or a part of a SearchEntry (search.query.ranks)."""
        return reduce(
            and_,
            (reduce(or_, (Q(**{f"{column}__contains": alternative}) for alternative in term)) for term in self.terms),
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
    kind_label: str  # what kind of page it is ("trend"), in the reader's language
    title_html: str  # escaped, matches highlighted, in the reader's language
    title_lang: str  # its BCP 47 language (another than the page's for untranslated text)
    snippet_html: str  # escaped, matches highlighted, in the reader's language
    snippet_lang: str
    found_in_other_language: bool  # nothing of the reader's text matched: the other language's did


@dataclass
class Results:
    """One page of a search's results, best first, and how many there are (counted up to MAX_RESULTS)."""

    hits: list
    count: int  # at most MAX_RESULTS
    more: bool  # there are more than MAX_RESULTS: the count reads "200+" (MAX_RESULTS and a plus)
    page: int
    pages: int

    @property
    def first_number(self):
        return (self.page - 1) * RESULTS_PER_PAGE + 1


class PageNotFound(Exception):
    """A results page that does not exist (past the last page)."""


def _hit(record, kind, query):
    needles = query.needles()
    kind_label = kind.model._meta.verbose_name
    title = reader_text(record, kind.title_field)
    title_spans = _match_spans(title.text, needles)
    title_html = highlight(title.text, needles, title_spans)
    for name in kind.text_fields:
        text = reader_text(record, name)
        found = snippet(text.text, needles)
        if found:
            return Hit(record, kind_label, title_html, html_lang(title.lang), found, html_lang(text.lang), False)
    summary = reader_text(record, kind.text_fields[0])
    return Hit(
        record=record,
        kind_label=kind_label,
        title_html=title_html,
        title_lang=html_lang(title.lang),
        snippet_html=escape(leading_text(summary.text)),
        snippet_lang=html_lang(summary.lang),
        found_in_other_language=not title_spans,
    )


@dataclass
class KindRange:
    """The entries of one kind, a range of ids (search.index.entry_id), and the index's candidates among them."""

    after: int  # its entries' ids are > after (the first is after + 1)
    end: int  # and < end (the last is end - 1): a window of ids past it holds the kind's last entries
    entries: int  # about how many it has (0: unknown)
    candidates: object  # a Q, as Rank.candidates


@dataclass
class Rank:
    """One rank's matches, (kind, record id) in id order.

    An index returns its candidates in no order, so all are verified and sorted before the first are kept:
    for a word in 10 % of a million entries, 100,000 checks. Read in id order instead, the 201st match is
    about the 2,000th entry. So where the backend estimates that many entries match, the entries are read
    in id order, a window at a time, for as long as what has been read says that costs less than the
    index's candidates from there on; then the index takes over for the rest.

    A word can be common in one kind and absent from another (`阿里巴巴 京东`: in 6 % of the companies, in no
    mode), and the kinds come one after the other in id order. So with `kinds`, each kind is read on its own,
    in order: a small window first, to see how common the query is there, then on in id order or through that
    kind's index (search.backends), whichever what was read says is cheaper.
    """

    matches: object  # QuerySet of SearchEntry values: the exact rule alone
    candidates: object  # a Q narrowing it to the index's candidates, or None when the index cannot help
    share: float = 0.0  # the backend's estimate of the share of entries that may match; 0: use the index
    entries: int = 0  # entries in the index, as of that estimate
    after: int | None = None  # where reading in id order starts (after this id); None: at the first entry
    kinds: tuple = ()  # KindRange of each kind, in id order: read one kind at a time (when share is not 0)

    def indexed(self):
        return self.matches if self.candidates is None else self.matches.filter(self.candidates)

    def first(self, count):
        if not (self.kinds and self.candidates is not None and self.share * self.entries > SAMPLE_WINDOW):
            # (fewer candidates than a kind's first window holds entries: the index, in one query)
            return self._first(
                self.matches, self.candidates, self.share, self.entries, self.after, None, count, MAX_SCAN_WINDOW
            )
        found = []
        for kind in self.kinds:
            # As common in the kind as it can be: the table's candidates, all of them the kind's (the first window
            # tells). Taking the table's share instead, a word in 30 % of the trends and 1 % of the table went
            # through the trends' index, 10,000 candidates.
            density = min(1.0, self.share * self.entries / kind.entries) if kind.entries else self.share
            matches = self.matches.filter(id__lt=kind.end)
            wanted = count - len(found)
            found += self._first(
                matches, kind.candidates, density, kind.entries, kind.after, kind.end, wanted, SAMPLE_WINDOW
            )
            if len(found) >= count:
                break
        return found

    def _first(self, matches, candidates, density, entries, after, end, count, first_window):
        """The first `count` of `matches` after id `after` (below `end`: one kind's, read by windows of ids), where
        about `density` of the `entries` may match."""
        found, read, largest = [], 0, first_window
        while candidates is not None and density and len(found) < count:
            wanted = count - len(found)
            window = min(largest, math.ceil(1.5 * wanted / density))
            largest = MAX_SCAN_WINDOW
            if window >= density * (entries - read):
                break  # fewer candidates are left in the index than entries to read
            boundary = self.window_end(after, window) if end is None else after + window
            rest = matches if after is None else matches.filter(id__gt=after)
            if boundary is None or (end is not None and boundary >= end - 1):
                return found + list(rest[:wanted])  # fewer entries are left than the window
            found += rest.filter(id__lte=boundary)[:wanted]
            after, read = boundary, read + window
            density = max(len(found), 1) / read  # what reading has shown
        if len(found) < count:
            indexed = matches if candidates is None else matches.filter(candidates)
            rest = indexed if after is None else indexed.filter(id__gt=after)
            found += rest[: count - len(found)]
        return found

    @staticmethod
    def window_end(after, size):
        """The id of the `size`-th entry after id `after` (from the first when None); None past the last."""
        entries = SearchEntry.objects.order_by("id").values_list("id", flat=True)
        if after is not None:
            entries = entries.filter(id__gt=after)
        return entries[size - 1 :][:1].first()


def ranks(query, kind=None):
    """One Rank per part (RANKS), best first, each without the matches of the ranks before. The substring
    test (the same LIKE the plain scan uses) decides what matches; the backend's index only narrows the
    entries it is tried on. Within a rank: by kind (content.registry position), then record id — the order
    of SearchEntry ids. With `kind` (content.registry), that kind's records only."""
    words = [[hashed(lookup_terms(alternative)) for alternative in term] for term in query.terms]
    of_kind, after = Q(), None
    if kind is not None:  # a kind's entries are one range of ids (search.index.entry_id)
        first, end = kind_ids(kind)
        after = first - 1
        of_kind = Q(id__gt=after, id__lt=end)
    backend = current_backend()
    entries, shares, kind_entries = backend.shares(words)
    ranges = sorted((*kind_ids(each), each.position) for each in ([kind] if kind else content_kinds()))
    positions = sorted({position for *_, position in ranges})
    # Kind by kind only where reading may pay (Rank.first): more candidates than a first window holds entries.
    bounds = kind_bounds(ranges) if max(shares.values(), default=0) * entries > SAMPLE_WINDOW else []
    found, better = [], None
    for part in RANKS:
        in_part = query.condition(part)
        matches = SearchEntry.objects.filter(of_kind, in_part)
        if better is not None:
            matches = matches.exclude(better)  # found at a better rank
        matches = matches.order_by("id").values_list("kind", "object_id")
        kinds = tuple(
            KindRange(first - 1, last + 1, min(kind_entries.get(position, 0), last - first + 1), candidates)
            for first, last, position in bounds
            for candidates in [backend.candidates(part, words, [position])]
        )
        share = shares.get(part, 0.0)
        found.append(Rank(matches, backend.candidates(part, words, positions), share, entries, after, kinds))
        better = in_part
    return found


def kind_bounds(ranges):
    """(first id, last id, position) of each kind that has entries, given each kind's (start, end, position): in one
    query, two reads of the primary key's index a kind. Within a kind, ids are its records' ids plus one number
    (search.index.entry_id), so Rank reads it by windows of ids, no query needed to find where one ends."""
    probes = "(SELECT min(id) FROM search_searchentry WHERE id >= %s AND id < %s), " * len(ranges)
    probes += "(SELECT max(id) FROM search_searchentry WHERE id >= %s AND id < %s), " * len(ranges)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {probes.removesuffix(', ')}", [n for start, end, _ in ranges for n in (start, end)] * 2)
        ids = cursor.fetchone()
    firsts, lasts = ids[: len(ranges)], ids[len(ranges) :]
    return [
        (first, last, position)
        for first, last, (_start, _end, position) in zip(firsts, lasts, ranges, strict=True)
        if first is not None
    ]


def ranked_entries(query, limit, kind=None):
    """(kind, record id) of the first `limit` published records matching `query` (of one `kind`, or of all),
    best first: those matching in their title (both languages), then in title and summary, then anywhere. A
    rank is queried only while fewer than `limit` are found."""
    found = []
    for rank in ranks(query, kind):
        found += rank.first(limit - len(found))
        if len(found) >= limit:
            break
    return found


def search_published(query, page=1):
    """Page `page` (from 1) of the published records matching `query`, ranked (ranked_entries), each shown
    in the reader's language. Raises PageNotFound past the last page."""
    entries = ranked_entries(query, MAX_RESULTS + 1)
    count = min(len(entries), MAX_RESULTS)
    pages = max(1, -(-count // RESULTS_PER_PAGE))
    if not 1 <= page <= pages:
        raise PageNotFound(page)
    shown = entries[:count][(page - 1) * RESULTS_PER_PAGE : page * RESULTS_PER_PAGE]
    kinds = {kind.model._meta.label_lower: kind for kind in content_kinds()}
    records = {}
    for label in dict.fromkeys(label for label, _ in shown):
        ids = [object_id for kind_label, object_id in shown if kind_label == label]
        # published() again: an entry left stale by a write that bypassed search.index never shows a draft.
        found = kinds[label].model.objects.published().defer("search_text").in_bulk(ids)
        records.update({(label, pk): record for pk, record in found.items()})
    hits = [_hit(records[key], kinds[key[0]], query) for key in shown if key in records]
    return Results(hits=hits, count=count, more=len(entries) > MAX_RESULTS, page=page, pages=pages)


def scan_published(query):
    """The reference: (kind, record id) of every published record whose search_text matches, found by
    scanning every content table with LIKE, without the index. What search meant before the index, and
    what the index must keep meaning (search/tests/test_equivalence.py)."""
    return {
        (kind.model._meta.label_lower, pk)
        for kind in content_kinds()
        for pk in kind.model.objects.published().filter(query.condition()).values_list("pk", flat=True)
    }
