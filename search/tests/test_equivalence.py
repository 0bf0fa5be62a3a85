"""The index changes nothing: for any query, the indexed search finds exactly the records the plain substring
scan of every content table finds (search.query.scan_published, the rule as it was before the index).

Runs on whichever database the suite runs on (SQLite, or PostgreSQL with DATABASE_URL), so each backend in
search/backends.py is held to the same answers.
"""

import re
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.chinese import to_simplified, to_traditional
from content.registry import content_kinds
from search.index import searched_columns
from search.query import Query, ranked_entries, scan_published

EVERYTHING = 10**6

_corpus = []


def corpus():
    """(kind, record id, text) of every searched field of every record (drafts included), loaded once."""
    if not _corpus:
        for kind in content_kinds():
            title, summary, others = searched_columns(kind)
            for record in kind.model.objects.values("pk", "status", *title, *summary, *others):
                for column in (*title, *summary, *others):
                    if record[column]:
                        published = record["status"] == "published"
                        _corpus.append((kind.model._meta.label_lower, record["pk"], published, record[column]))
    return _corpus


def words_of(text):
    return re.findall(r"[\w\-.]+", text)


def indexed(query):
    return set(ranked_entries(query, EVERYTHING))


@st.composite
def substring(draw):
    kind, pk, published, text = draw(st.sampled_from(corpus()))
    start = draw(st.integers(0, len(text) - 1))
    length = draw(st.integers(1, 12))
    return (kind, pk, published), text[start : start + length]


@st.composite
def queries(draw):
    """A query a reader might type, or might not: part of a record's text in either script, whole words,
    several of them, or random characters (Chinese, Latin, digits, full-width, LIKE wildcards)."""
    shape = draw(st.sampled_from(["substring", "simplified", "traditional", "words", "mixed", "random"]))
    if shape in ("substring", "simplified", "traditional"):
        _, text = draw(substring())
        return {"simplified": to_simplified, "traditional": to_traditional}.get(shape, str)(text)
    if shape == "words":
        _, text = draw(substring())
        candidates = words_of(draw(st.sampled_from(corpus()))[3]) or [text]
        return " ".join(draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3)))
    if shape == "mixed":
        parts = draw(st.lists(substring(), min_size=2, max_size=3))
        return " ".join(to_simplified(text) if i % 2 else text.upper() for i, (_, text) in enumerate(parts))
    chinese = "".join(sorted({c for *_, text in corpus()[:40] for c in text if "\u4e00" <= c <= "\u9fff"}))[:200]
    alphabet = chinese + string.ascii_letters + string.digits + "%_\\-.'  ＢＣ２ｅ供应链網际网路"
    return draw(st.text(alphabet=alphabet, min_size=1, max_size=8))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=queries())
def test_the_indexed_search_finds_exactly_what_the_plain_scan_finds(db, raw):
    query = Query.parse(raw)
    if query:
        assert indexed(query) == scan_published(query), raw


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=substring())
def test_part_of_a_published_records_text_finds_that_record(db, drawn):
    (kind, pk, published), text = drawn
    query = Query.parse(text)
    if query:
        found = indexed(query)
        assert found == scan_published(query), text
        assert ((kind, pk) in found) == published, text


def test_the_drawn_queries_are_not_all_empty_handed(db):
    # A property that only ever compares two empty sets would prove nothing.
    assert len(indexed(Query.parse("物流"))) >= 5
    assert len(indexed(Query.parse("b"))) > 20  # one Latin letter: looked up by single-character terms
    assert len(indexed(Query.parse("網"))) > 5  # one Chinese character
    assert indexed(Query.parse("互联网")) == scan_published(Query.parse("互联网")) != set()
