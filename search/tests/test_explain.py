"""On PostgreSQL the search is served by the GIN indexes of search_searchentry, one per term column and kind, never
by a scan of the content tables (search.backends.PostgresBackend)."""

import pytest
from django.db import connection

from content.registry import content_kinds
from search.backends import TERM_COLUMNS, PostgresBackend
from search.query import RANKS, Query, ranks

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's; SQLite's FTS5 is checked by results"
)
CONTENT_TABLES = ("modes_", "trends_", "article_")


def gin_indexes(part):
    """The GIN indexes of a part's term column, one per kind."""
    return {PostgresBackend.index_name(TERM_COLUMNS[part], kind.position) for kind in content_kinds()}


def plans(q):
    return [rank.indexed()[:20].explain() for rank in ranks(Query.parse(q))]


@pytest.mark.parametrize("q", ["供应链", "supply chain", "物流", "互联网 金融"])
def test_with_a_realistic_table_the_planner_chooses_the_gin_indexes(db, q, add_filler_entries):
    add_filler_entries(20_000)
    for part, plan in zip(RANKS, plans(q), strict=True):
        assert all(index in plan for index in gin_indexes(part)), (part, plan)
        assert "Seq Scan" not in plan, (part, plan)
        assert not any(table in plan for table in CONTENT_TABLES), plan


@pytest.mark.parametrize("q", ["供应链", "b2b", "網"])
def test_even_on_the_small_seeded_table_every_rank_can_use_its_gin_index(db, q):
    # The seeded table has about 70 rows, where reading them all is rightly the cheapest plan; turning off
    # sequential and plain index scans asks the planner whether the GIN index *can* serve the condition (the
    # operator and types match its operator class) — if it could not, it would still plan a Seq Scan.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    for part, plan in zip(RANKS, plans(q), strict=True):
        assert all(index in plan for index in gin_indexes(part)), (part, plan)
        assert "Seq Scan" not in plan, (part, plan)
        assert not any(table in plan for table in CONTENT_TABLES), plan
