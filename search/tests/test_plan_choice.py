"""A common word is read in id order until enough matches are found; a rare one through the index
(search.backends.PostgresBackend.shares, search.query.Rank) — and either way the same matches."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import query as search_query
from search.query import Query, Rank, ranks

EVERYTHING = 10**6
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plan is chosen from PostgreSQL's statistics; SQLite's FTS5 "
    "returns candidates in id order already, so it has no choice to make"
)  # fmt: skip


@pytest.mark.parametrize("q", ["b2b", "電商", "物流", "平台 消費者", "e-commerce", "供应链", "阿里巴巴"])
@pytest.mark.parametrize("share", [0.02, 0.3, 1.0])
@pytest.mark.parametrize("count", [3, EVERYTHING])
def test_reading_in_id_order_first_finds_what_the_index_finds(db, monkeypatch, q, share, count):
    monkeypatch.setattr(search_query, "MAX_SCAN_WINDOW", 5)  # windows of 5 entries: many, on the seeded table
    for rank in ranks(Query.parse(q)):
        through_the_index = Rank(rank.matches, rank.candidates).first(count)
        assert Rank(rank.matches, rank.candidates, share, EVERYTHING).first(count) == through_the_index, (q, share)


@postgresql_only
def test_a_word_in_most_entries_is_read_in_id_order_and_the_scan_stops_early(db, add_filler_entries):
    add_filler_entries(20_000, about="物流 logistics")
    title_rank, *_ = ranks(Query.parse("物流"))  # the filler holds it in its title
    assert title_rank.share > 0.9 and title_rank.entries > 20_000
    window_end = Rank.window_end(None, 1000)
    explained = title_rank.matches.filter(id__lte=window_end)[:201].explain(format="json", analyze=True)
    plan = json.loads(explained)[0]["Plan"]
    scan = plan["Plans"][0]
    assert scan["Node Type"] == "Index Scan" and scan["Index Name"] == "search_searchentry_pkey", plan
    assert scan["Actual Rows"] == 201 and plan["Actual Rows"] == 201, "LIMIT stopped the scan at the 201st match"
    with CaptureQueriesContext(connection) as queries:
        assert len(title_rank.first(201)) == 201
    assert len(queries) == 2, "where the window ends, and the window: the index was not needed"


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
    title_rank, *_ = ranks(Query.parse("物流物"))
    assert title_rank.share > 0.9
    with CaptureQueriesContext(connection) as queries:
        assert title_rank.first(201) == []
    assert len(queries) == 3 and "@>" in queries[2]["sql"], "one window (its end, its entries), then the index"


@postgresql_only
def test_never_analyzed_the_index_is_used(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'search_searchentry'")
        if cursor.fetchone()[0]:
            pytest.skip("the seeded test database has been analyzed (autovacuum): nothing to check")
    assert [rank.share for rank in ranks(Query.parse("物流"))] == [0.0, 0.0, 0.0]
