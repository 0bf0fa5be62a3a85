"""A kind's record counts (list pages, the sitemap index, the admin's translation work) are made once and kept
until a record of that kind changes: a page does not count half a million records on every request."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content import counts
from content.cache import cache
from editors.templatetags.editorial import translation_work
from modes.models import Company
from trends.models import Trend
from trends.testing import trend


def counting_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()], response


def new_trend(number, status="published"):
    record = trend(number, f"counted-{number}", status)
    record.save()
    return record


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/trends/", "/zh-hant/companies/", "/sitemap.xml"])
def test_a_second_reader_of_a_list_or_the_sitemap_index_makes_no_count(client, path):
    first, _ = counting_queries(client, path)
    again, _ = counting_queries(client, path)
    assert first, "the first reader counts the records"
    assert again == []


@pytest.mark.django_db
def test_a_saved_record_is_counted_at_once_and_a_draft_is_not(client):
    before = client.get("/en/trends/").context["paginator"].count
    new_trend(900)
    assert client.get("/en/trends/").context["paginator"].count == before + 1
    new_trend(901, status="draft")
    assert client.get("/en/trends/").context["paginator"].count == before + 1
    Trend.objects.get(number=900).delete()
    assert client.get("/en/trends/").context["paginator"].count == before


@pytest.mark.django_db
def test_a_change_to_one_kind_leaves_the_other_kinds_counts_kept(client):
    counting_queries(client, "/en/trends/")
    company = Company.objects.published().first()
    company.name_en += " (renamed)"
    company.save()
    trends_again, _ = counting_queries(client, "/en/trends/")
    companies_again, _ = counting_queries(client, "/en/companies/")
    assert trends_again == []
    assert companies_again, "the companies were counted again after a company changed"


@pytest.mark.django_db
def test_an_unreadable_cache_means_counting_in_the_database_not_an_error(client):
    expected = Trend.objects.published().count()
    with mock.patch.object(cache, "get", side_effect=ConnectionError("cache down")):
        response = client.get("/en/trends/")
    assert response.status_code == 200
    assert response.context["paginator"].count == expected


@pytest.mark.django_db
def test_a_cache_that_refuses_the_count_still_answers_with_the_right_number():
    with mock.patch.object(cache, "set", side_effect=ConnectionError("OOM")):
        assert counts.published_count(Trend) == Trend.objects.published().count()


@pytest.mark.django_db
def test_the_admins_translation_work_is_counted_once_and_follows_a_save():
    before = translation_work()["total"]
    with CaptureQueriesContext(connection) as queries:
        assert translation_work()["total"] == before
    assert len(queries) == 0
    trend = Trend.objects.published().first()
    trend.summary_zh_hant = ""
    trend.save()
    assert translation_work()["total"] == before + 1
