"""A search entry's id keeps kinds apart whatever positions they declare: two kinds in one position (a mistake
content.checks refuses too) still index every record, each found as its own kind."""

import dataclasses

import pytest
from django.core.management.sql import emit_post_migrate_signal

from content import registry
from content.registry import kind_of
from modes.models import Company
from search.index import entry_id, reindex
from search.models import SearchEntry
from search.query import Query, ranked_entries
from trends.models import Trend


@pytest.fixture
def company_in_the_trends_position(monkeypatch):
    kind = dataclasses.replace(kind_of(Company), position=kind_of(Trend).position)
    monkeypatch.setitem(registry._kinds, Company, kind)
    return kind


def test_two_kinds_in_one_position_index_every_record_apart(db, company_in_the_trends_position):
    reindex()
    assert SearchEntry.objects.filter(kind="modes.company").count() == Company.objects.published().count()
    assert SearchEntry.objects.filter(kind="trends.trend").count() == Trend.objects.published().count()
    assert entry_id(kind_of(Trend), 1) != entry_id(company_in_the_trends_position, 1)


def test_a_search_within_one_kind_finds_that_kind_only_when_another_shares_its_position(
    db, company_in_the_trends_position
):
    reindex()
    query = Query.parse(Company.objects.published().first().name_en)
    within = ranked_entries(query, 100, company_in_the_trends_position)
    assert within and {label for label, _pk in within} == {"modes.company"}
    within_trends = ranked_entries(Query.parse("e-commerce"), 100, kind_of(Trend))
    assert within_trends and {label for label, _pk in within_trends} == {"trends.trend"}


def test_entries_are_ordered_by_the_kinds_positions(db):
    reindex()
    positions = list(SearchEntry.objects.order_by("id").values_list("position", flat=True))
    assert positions == sorted(positions)


def test_an_index_numbered_the_old_way_is_renumbered_after_migrate(db):
    for entry in SearchEntry.objects.all():  # position · 2⁴⁰ + record id, as entry_id once gave
        SearchEntry.objects.filter(pk=entry.pk).update(id=(entry.position << 40) + entry.object_id)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert SearchEntry.objects.exists() and not SearchEntry.objects.filter(id__lt=1 << 56).exists()
    within_trends = ranked_entries(Query.parse("e-commerce"), 100, kind_of(Trend))
    assert within_trends and {label for label, _pk in within_trends} == {"trends.trend"}
