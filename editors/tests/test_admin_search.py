"""The admin's search box and relation pickers search as readers do, through the search index for published
records (editors.admin.EditorialAdmin.get_search_results), and read drafts only for the rest."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bilingual.chinese import to_simplified
from modes.models import Company
from trends.models import Trend

CHANGELIST = "/admin/trends/trend/"


def found(admin_client, q):
    return list(admin_client.get(CHANGELIST, {"q": q}).context["cl"].result_list)


@pytest.mark.django_db
def test_a_published_record_is_found_by_its_title_in_simplified_characters(admin_client):
    trend = Trend.objects.published().order_by("number").last()
    simplified = to_simplified(trend.title_zh_hant)
    assert simplified != trend.title_zh_hant, "a title with characters that differ in Simplified"
    assert trend in found(admin_client, simplified)


@pytest.mark.django_db
def test_a_draft_is_found_by_its_text_and_a_record_by_its_exact_slug(admin_client):
    trend = Trend.objects.published().order_by("number").first()
    trend.status = Trend.Status.DRAFT
    trend.save()  # a draft has no search entry
    assert found(admin_client, trend.title_en) == [trend]
    assert trend in found(admin_client, trend.slug)


@pytest.mark.django_db
def test_searching_reads_the_content_table_by_id_or_among_unpublished_records_only(admin_client):
    with CaptureQueriesContext(connection) as queries:
        assert found(admin_client, "電商")
    on_table = [q["sql"] for q in queries if 'FROM "trends_trend"' in q["sql"] and "LIKE" in q["sql"]]
    assert on_table, "the drafts are read by their folded text"
    assert all('NOT ("trends_trend"."status" = ' in sql for sql in on_table), on_table


@pytest.mark.django_db
def test_the_relation_picker_searches_the_same_way(admin_client):
    company = next(c for c in Company.objects.published() if to_simplified(c.name_zh_hant) != c.name_zh_hant)
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "trends",
            "model_name": "trend",
            "field_name": "companies",
            "term": to_simplified(company.name_zh_hant),
        },
    )
    assert str(company.pk) in [result["id"] for result in response.json()["results"]]
