"""A full rebuild (`reindexsearch`, search.index.reindex) writes its rows in bulk — COPY on PostgreSQL, batches on
SQLite, texts split into terms in worker processes — and still gives every record exactly the entry saving it gives
(search.index.update_records, through the ORM), and leaves the index's lookup structures in place."""

import random

import pytest
from django.db import connection

from bench.search_latency import generate
from content.registry import content_kinds
from modes.models import Company
from search import index
from search.backends import TERM_COLUMNS, PostgresBackend
from search.index import reindex, update_records
from search.query import Query, ranked_entries
from trends.models import Trend

# Texts at the edges of what terms are made of: full-width forms, astral and compatibility characters, underscores,
# radicals, digits between scripts, a line break, an empty summary.
ODD_TEXTS = [
    ("Ｂ２Ｂ＿ｅ-commerce x_y 𠀋𡈽 ⺼⻊ 丽 ﬁne", "供應鏈2025物流\n第二行", ""),
    ("a", "b2", "三"),
    ("__", "𠀋", "ab_cd 12 物_流"),
]


def stored_entries():
    """Every entry as the database holds it (terms as stored, not as TermsField reads them back)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM search_searchentry ORDER BY id")
        return cursor.fetchall()


@pytest.fixture
def generated_records(db):
    """The seeded records, 600 generated ones as the search benchmark makes them (bulk_create: no entries yet),
    and a few with odd texts."""
    generate(600, random.Random(28))
    for (title, summary, body), trend in zip(ODD_TEXTS, Trend.objects.order_by("-pk"), strict=False):
        Trend.objects.filter(pk=trend.pk).update(title_en=title, summary_zh_hant=summary, body_en=body)
    Company.objects.filter(pk=Company.objects.order_by("-pk")[0].pk).update(status="draft")


def test_a_bulk_rebuild_gives_the_entries_saving_each_record_gives(generated_records, monkeypatch):
    for kind in content_kinds():
        update_records(kind.model.objects.all())
    one_by_one = stored_entries()
    assert len(one_by_one) > 600

    monkeypatch.setattr(index, "BATCH", 50)  # many batches: the worker processes take turns
    reindex(workers=2)

    assert stored_entries() == one_by_one


def test_a_rebuild_in_one_process_gives_the_same_entries(generated_records):
    reindex(workers=2)
    in_workers = stored_entries()
    reindex(workers=1)
    assert stored_entries() == in_workers


def test_after_a_bulk_rebuild_the_lookup_structures_serve_searches_and_follow_saves(db):
    reindex(workers=2)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchentry'")
            names = {name for (name,) in cursor.fetchall()}
            assert {
                PostgresBackend.index_name(column, kind.position)
                for kind in content_kinds()
                for column in TERM_COLUMNS.values()
            } <= names
        else:  # the FTS5 table's triggers are back (the searches below go through the table)
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            assert {"search_entry_inserted", "search_entry_updated"} <= {name for (name,) in cursor.fetchall()}
    trend = Trend.objects.get(slug="fashion")
    assert ("trends.trend", trend.pk) in set(ranked_entries(Query.parse("時尚"), 10**6))
    trend.body_en += " Zorblecorp."
    trend.save()
    assert set(ranked_entries(Query.parse("zorblecorp"), 10**6)) == {("trends.trend", trend.pk)}
