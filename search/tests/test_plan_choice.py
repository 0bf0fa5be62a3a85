"""A common word is read in id order until enough matches are found; a rare one through the index
(search.backends.PostgresBackend.shares, search.query.Rank), kind by kind — and either way the same matches."""

import dataclasses
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.registry import kind_of
from modes.models import Company, OperationMode
from search import query as search_query
from search.backends import current_backend
from search.index import kind_ids
from search.query import RANKS, Query, Rank, ranks

EVERYTHING = 10**6
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plan is chosen from PostgreSQL's statistics; SQLite's FTS5 "
    "returns candidates in id order already, so it has no choice to make"
)  # fmt: skip
COMPANIES = kind_of(Company)


@pytest.mark.parametrize("q", ["b2b", "電商", "物流", "平台 消費者", "e-commerce", "供应链", "阿里巴巴"])
@pytest.mark.parametrize("share", [0.02, 0.3, 1.0])
@pytest.mark.parametrize("count", [3, EVERYTHING])
def test_reading_in_id_order_first_finds_what_the_index_finds(db, monkeypatch, q, share, count):
    monkeypatch.setattr(search_query, "MAX_SCAN_WINDOW", 5)  # windows of 5 entries: many, on the seeded table
    for rank in ranks(Query.parse(q)):
        through_the_index = Rank(rank.matches, rank.candidates).first(count)
        assert Rank(rank.matches, rank.candidates, share, EVERYTHING).first(count) == through_the_index, (q, share)


@pytest.mark.parametrize("q", ["b2b", "物流", "平台 消費者", "e-commerce", "阿里巴巴 京东"])
@pytest.mark.parametrize("share", [0.02, 1.0])
@pytest.mark.parametrize("count", [3, EVERYTHING])
def test_reading_kind_by_kind_finds_what_the_index_finds(db, monkeypatch, q, share, count):
    monkeypatch.setattr(search_query, "MAX_SCAN_WINDOW", 5)
    monkeypatch.setattr(search_query, "SAMPLE_WINDOW", 2)
    # Whatever the database's statistics say (SQLite has none), the query looks common: read kind by kind.
    backend = type(current_backend())
    monkeypatch.setattr(backend, "shares", lambda self, words: (EVERYTHING, dict.fromkeys(RANKS, share), {}))
    for rank in ranks(Query.parse(q)):
        assert rank.kinds
        through_the_index = Rank(rank.matches, rank.candidates).first(count)
        assert rank.first(count) == through_the_index, q  # each kind through its index: its size is unknown
        kinds = tuple(dataclasses.replace(kind, entries=EVERYTHING) for kind in rank.kinds)  # in windows first
        assert dataclasses.replace(rank, kinds=kinds).first(count) == through_the_index, (q, share)


@postgresql_only
def test_a_word_in_most_entries_is_read_in_id_order_and_the_scan_stops_early(db, add_filler_entries):
    add_filler_entries(20_000, about="物流 logistics")
    title_rank, *_ = ranks(Query.parse("物流"), COMPANIES)  # the filler holds it in its title
    assert title_rank.share > 0.9 and title_rank.entries > 20_000
    window_end = Rank.window_end(kind_ids(COMPANIES)[0] - 1, 1000)
    explained = title_rank.matches.filter(id__lte=window_end)[:201].explain(format="json", analyze=True)
    plan = json.loads(explained)[0]["Plan"]
    scan = plan["Plans"][0]
    assert scan["Node Type"] == "Index Scan" and scan["Index Name"] == "search_searchentry_pkey", plan
    assert scan["Actual Rows"] == 201 and plan["Actual Rows"] == 201, "LIMIT stopped the scan at the 201st match"
    with CaptureQueriesContext(connection) as queries:
        assert len(title_rank.first(201)) == 201
    assert len(queries) == 1, "one window (of ids: no query to find where it ends): the index was not needed"


@postgresql_only
@pytest.mark.parametrize("q", ["供应链", "supply chain", "螞蟻"])
def test_a_rare_word_goes_through_the_index(db, add_filler_entries, q):
    add_filler_entries(20_000, about="物流 logistics")
    for rank in ranks(Query.parse(q)):
        with CaptureQueriesContext(connection) as queries:
            rank.first(201)
        assert len(queries) == 1 and "@>" in queries[0]["sql"], queries.captured_queries


@postgresql_only
def test_terms_common_apart_but_rare_together_turn_to_the_index_after_one_window(db, add_filler_entries):
    # Every filler entry holds 物流 and 流物, none 物流物: a share near 1 is estimated, nothing is found.
    add_filler_entries(20_000, about="物流 流物 logistics")
    title_rank, *_ = ranks(Query.parse("物流物"), COMPANIES)
    assert title_rank.share > 0.9
    with CaptureQueriesContext(connection) as queries:
        assert title_rank.first(201) == []
    assert len(queries) == 2 and "@>" in queries[1]["sql"], "one window, then the index"


def entries_read(sql):
    """How many entries a query read from the table (index-only scans, which read ids alone, not counted)."""

    def read(node):
        own = 0
        if node.get("Relation Name") == "search_searchentry" and node["Node Type"] != "Index Only Scan":
            removed = node.get("Rows Removed by Filter", 0) + node.get("Rows Removed by Index Recheck", 0)
            own = node["Actual Rows"] + removed
        return own + sum(read(child) for child in node.get("Plans", []))

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        return read(cursor.fetchone()[0][0]["Plan"])


@postgresql_only
def test_words_common_in_a_later_kind_and_absent_before_it_are_ruled_out_there_by_the_kinds_index(
    db, add_filler_entries
):
    # 10,000 modes without the words, then 10,000 companies holding both in their title: half the table holds them,
    # but the modes, first in id order, none (as `阿里巴巴 京东` at 1,000,000 entries: 6 % of the companies).
    add_filler_entries(10_000, about="markets 市場", model=OperationMode)
    add_filler_entries(10_000, about="zorblax quuxon")
    title_rank, *_ = ranks(Query.parse("zorblax quuxon"))
    assert title_rank.share > 0.3
    with CaptureQueriesContext(connection) as queries:
        found = title_rank.first(201)
    assert found == Rank(title_rank.matches, title_rank.candidates).first(201)
    assert len(found) == 201 and {label for label, _pk in found} == {COMPANIES.label}
    read = sum(entries_read(query["sql"]) for query in queries.captured_queries)
    assert read < 1500, "a window of the modes, none of them through their index, then the first companies"


@postgresql_only
def test_never_analyzed_the_index_is_used(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'search_searchentry'")
        if cursor.fetchone()[0]:
            pytest.skip("the seeded test database has been analyzed (autovacuum): nothing to check")
    assert [rank.share for rank in ranks(Query.parse("物流"))] == [0.0, 0.0, 0.0]
