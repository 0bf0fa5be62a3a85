"""A record's page reads (article.reads): the records the ORM would give, compiled once per process and language."""

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.utils import translation

import trends.views
from article.reads import PreparedRead, published_by_slug, published_related, shown_fields
from content.registry import content_models
from content.views import RELATED_LIMIT, related_published
from modes.models import Company, OperationMode
from trends.models import Trend
from trends.tests.test_neighbours_by_index import _add_trends, _plan

pytestmark = pytest.mark.django_db


def relations(model):
    return [field.name for field in model._meta.get_fields() if field.many_to_many]


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_related_records_are_those_the_orm_reads_in_the_same_order(lang):
    with translation.override(lang):
        for model in content_models():
            for record in model.objects.all():
                for name in relations(model):
                    expected = related_published(getattr(record, name))
                    found = published_related(record, name)
                    assert [r.pk for r in found] == [r.pk for r in expected], (record, name)
                    assert found.more == expected.more


def test_a_crowded_relation_shows_the_first_links_and_says_there_are_more():
    b2c = OperationMode.objects.get(slug="b2c")
    extra = Company.objects.bulk_create(
        Company(slug=f"crowd-{i}", name_en=f"Crowd {i}", name_zh_hant=f"公司{i}", status=Company.Status.PUBLISHED)
        for i in range(RELATED_LIMIT + 5)
    )
    b2c.companies.add(*extra)
    found, expected = published_related(b2c, "companies"), related_published(b2c.companies)
    assert len(found) == RELATED_LIMIT and found.more
    assert [r.pk for r in found] == [r.pk for r in expected]


def test_a_record_by_its_address_has_every_field_a_reader_sees_and_drafts_are_not_found():
    for trend in Trend.objects.all():
        found = published_by_slug(Trend, trend.slug)
        assert [getattr(found, name) for name in shown_fields(Trend)] == [
            getattr(trend, name) for name in shown_fields(Trend)
        ]
    Trend.objects.filter(slug="fashion").update(status=Trend.Status.DRAFT)
    assert published_by_slug(Trend, "fashion") is None
    assert published_by_slug(Trend, "no-such-trend") is None


def test_a_read_is_compiled_once_per_language(monkeypatch):
    compiled = []
    as_sql = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or as_sql(self, *a, **k))
    read = PreparedRead(lambda number: Trend.objects.published().filter(number__gt=number).order_by("number")[:1])
    with translation.override("en"):
        assert [t.number for t in read(3)] == [4] and [t.number for t in read(7)] == [8]
    assert len(compiled) == 1
    with translation.override("zh-hant"):
        assert [t.number for t in read(9)] == [10]
    assert len(compiled) == 2


def test_a_read_takes_only_what_it_can_run_as_the_orm_compiled_it():
    with pytest.raises(ValueError, match="no select_related"):
        PreparedRead(lambda pk: Company.objects.filter(pk=pk).prefetch_related("modes"))(1)
    with pytest.raises(ValueError, match="each be a filter value"):
        PreparedRead(lambda slug: Trend.objects.all())("fashion")
    with pytest.raises(TypeError, match="numbers and strings"):
        PreparedRead(lambda when: Trend.objects.filter(updated_at__lt=when))(object())


def test_a_trends_neighbours_are_one_read_along_the_status_number_index_with_no_sort():
    _add_trends(300, start=100)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    plan = _plan(trends.views._neighbours(150))
    assert "trend_status_order" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan and "Seq Scan" not in plan, plan
    assert [trend.number for trend in trends.views.neighbours(150)] == [149, 151]
    assert [trend.number for trend in trends.views.neighbours(1)] == [2]
