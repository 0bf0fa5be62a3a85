"""A common word is read in id order until enough matches are found; a rare one through the index
(search.backends.PostgresBackend.scan_budgets, search.query.Rank) — and either way the same matches."""

import json

import pytest
from django.db import connection

from search.query import Query, Rank, ranks

EVERYTHING = 10**6
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plan is chosen from PostgreSQL's statistics; SQLite's FTS5 "
    "returns candidates in id order already, so it has no choice to make"
)  # fmt: skip


@pytest.mark.parametrize("q", ["b2b", "電商", "物流", "平台 消費者", "e-commerce", "供应链", "阿里巴巴"])
@pytest.mark.parametrize("budget", [1, 7, 40, EVERYTHING])
@pytest.mark.parametrize("count", [3, EVERYTHING])
def test_reading_in_id_order_first_finds_what_the_index_finds(db, q, budget, count):
    for rank in ranks(Query.parse(q), EVERYTHING):
        through_the_index = Rank(rank.matches, rank.candidates, 0).first(count)
        assert Rank(rank.matches, rank.candidates, budget).first(count) == through_the_index, (q, budget)


@postgresql_only
def test_a_word_in_most_entries_is_read_in_id_order_and_the_scan_stops_early(db, add_filler_entries):
    add_filler_entries(20_000, about="物流 logistics")
    title_rank, *_ = ranks(Query.parse("物流"), 201)  # the filler holds it in its title
    assert 201 <= title_rank.scan_budget <= 1000, "about 201 matches / a share near 1, doubled"
    explained = title_rank.matches.filter(id__lte=title_rank.scan_boundary())[:201].explain(format="json", analyze=True)
    plan = json.loads(explained)[0]["Plan"]
    scan = plan["Plans"][0]
    assert scan["Node Type"] == "Index Scan" and scan["Index Name"] == "search_searchentry_pkey", plan
    assert scan["Actual Rows"] == 201 and plan["Actual Rows"] == 201, "LIMIT stopped the scan at the 201st match"
    assert len(title_rank.first(201)) == 201


@postgresql_only
@pytest.mark.parametrize("q", ["供应链", "supply chain", "螞蟻"])
def test_a_rare_word_goes_through_the_index(db, add_filler_entries, q):
    add_filler_entries(20_000, about="物流 logistics")
    assert [rank.scan_budget for rank in ranks(Query.parse(q), 201)] == [0, 0, 0]


@postgresql_only
def test_never_analyzed_the_index_is_used(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'search_searchentry'")
        if cursor.fetchone()[0]:
            pytest.skip("the seeded test database has been analyzed (autovacuum): nothing to check")
    assert [rank.scan_budget for rank in ranks(Query.parse("物流"), 201)] == [0, 0, 0]
