"""A trend page costs the same whatever else the site holds: its previous and next trends are one step along
the (status, number) index, and its related lists are a bounded read (docs/benchmarks.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trends.models import Trend


def _add_trends(count, start):
    Trend.objects.bulk_create(
        Trend(number=start + i, slug=f"more-{start + i}", title_en="More", title_zh_hant="更多", status="published")
        for i in range(count)
    )


def _neighbour_queries(number):
    published = Trend.objects.published()
    return [
        published.filter(number__lt=number).order_by("-number")[:1],
        published.filter(number__gt=number).order_by("number")[:1],
    ]


def _plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return " ".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = off")  # a table this small is cheaper to scan; ask what serves it
        try:
            cursor.execute(f"EXPLAIN {sql}", params)
            return " ".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")


def test_previous_and_next_are_read_from_the_status_number_index_with_no_sort(db):
    _add_trends(300, start=100)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # with statistics or without, the plan must be the index
    for queryset in _neighbour_queries(5):
        plan = _plan(queryset)
        assert "trend_status_order" in plan, plan
        assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan  # no sort of every published trend


def test_a_trend_page_asks_the_same_queries_with_many_more_trends(db, client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/trends/going-down-market/").status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    queries()  # once first: what every page shares and reads once (the glossary's term links) is not counted
    before = queries()
    _add_trends(2000, start=100)
    after = queries()
    assert len(after) == len(before)
    assert all("LIMIT" in sql or "IN (" in sql or " = " in sql for sql in after if "trends_trend" in sql)


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_neighbours_are_still_the_articles_previous_and_next(db, client, lang):
    _add_trends(50, start=100)
    context = client.get(f"/{lang}/trends/going-down-market/").context
    assert context["previous_trend"] is None and context["next_trend"].number == 2
    context = client.get(f"/{lang}/trends/{Trend.objects.get(number=10).slug}/").context
    assert (context["previous_trend"].number, context["next_trend"].number) == (9, 100)
