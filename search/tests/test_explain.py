"""On PostgreSQL the search is served by the GIN indexes of search_searchentry, never by a scan of the
content tables (search.backends.PostgresBackend)."""

import pytest
from django.db import connection

from search.models import SearchEntry
from search.query import Query, ranked_querysets
from search.terms import hashed, text_terms

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's; SQLite's FTS5 is checked by results"
)
CONTENT_TABLES = ("modes_", "trends_", "article_")
GIN = {"title": "search_entry_title_terms_gin", "head": "search_entry_head_terms_gin", "text": "search_entry_terms_gin"}


def plans(q):
    return [queryset[:20].explain() for queryset in ranked_querysets(Query.parse(q))]


def add_filler_entries(count):
    """Entries of records that match none of the queries below, so the table has a realistic shape."""
    entries = []
    for i in range(count):
        text = f"filler record {i} about markets 市場 {i % 97}"
        terms = hashed(text_terms(text))
        entries.append(
            SearchEntry(
                id=(9 << 40) + i, kind="test.filler", object_id=i, position=9, title=text, head=text, text=text,
                title_terms=terms, head_terms=terms, terms=terms,
            )
        )  # fmt: skip
    SearchEntry.objects.bulk_create(entries, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")


@pytest.mark.parametrize("q", ["供应链", "supply chain", "物流", "互联网 金融"])
def test_with_a_realistic_table_the_planner_chooses_the_gin_indexes(db, q):
    add_filler_entries(20_000)
    for (part, index), plan in zip(GIN.items(), plans(q), strict=True):
        assert index in plan, (part, plan)
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
    for (part, index), plan in zip(GIN.items(), plans(q), strict=True):
        assert index in plan, (part, plan)
        assert "Seq Scan" not in plan, (part, plan)
        assert not any(table in plan for table in CONTENT_TABLES), plan
