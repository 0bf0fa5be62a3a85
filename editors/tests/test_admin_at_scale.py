"""The admin stays usable however many records there are (docs/benchmarks.md): a changelist counts no whole
table, the home page counts translation work with queries on stored flags, and relation pickers search
instead of listing every record. A small generated corpus (bench/corpus.py) stands in for a large one, with
the changelist's count cap lowered to match."""

import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from bench.corpus import build_corpus
from content.registry import content_models
from editors.admin import CappedCountPaginator
from editors.templatetags.editorial import translation_work
from modes.models import Company

CONTENT_TABLES = [model._meta.db_table for model in content_models()]


@pytest.fixture(scope="module")
def _corpus_built(module_transaction):
    with module_transaction.unblock():
        build_corpus(1200, random.Random(12), batch_size=500)


@pytest.fixture
def corpus(_corpus_built, db, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 100)  # 1,200 records stand for a million, 100 for 10,000


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [query["sql"] for query in captured.captured_queries]


def _whole_table_counts(sqls, table):
    """COUNT queries over `table` with neither a LIMIT nor a filter on the stored translation flags."""
    return [
        sql
        for sql in sqls
        if "COUNT(" in sql.upper() and f'"{table}"' in sql and "LIMIT" not in sql and "translation_" not in sql
    ]


@pytest.mark.parametrize(
    "url,table",
    [
        ("/admin/modes/company/", "modes_company"),
        ("/admin/modes/operationmode/", "modes_operationmode"),
        ("/admin/trends/trend/", "trends_trend"),
        ("/admin/modes/company/?status__exact=published", "modes_company"),
        ("/admin/modes/company/?translation=incomplete", "modes_company"),
    ],
)
def test_a_changelist_counts_no_whole_table(corpus, admin_client, url, table):
    response, sqls = _queries(admin_client, url)
    assert _whole_table_counts(sqls, table) == []
    assert all(not re.search(rf'FROM "{table}"\s*$', sql) for sql in sqls), "no unbounded read of the table"


def test_a_long_changelist_says_that_it_lists_the_first_records_only(corpus, admin_client):
    response = admin_client.get("/admin/modes/company/")
    assert response.context["cl"].paginator.capped
    assert "The first 100 companies are listed." in response.content.decode()
    assert not admin_client.get("/admin/modes/company/?q=gen-company-11").context["cl"].paginator.capped


def test_the_admin_home_page_counts_translation_work_with_queries_on_the_stored_flags(corpus, admin_client):
    response, sqls = _queries(admin_client, "/admin/")
    for table in CONTENT_TABLES:
        on_table = [sql for sql in sqls if f'FROM "{table}"' in sql]
        assert on_table and all("COUNT(" in sql.upper() and "translation_" in sql for sql in on_table), table
    rows = {row["name"]: row for row in translation_work()["rows"]}
    for model in content_models():
        records = list(model.objects.all())
        truth = {  # the rules themselves, record by record
            "incomplete": sum(bool(r.missing_translations()) for r in records),
            "outdated": sum(bool(r.outdated_translations()) for r in records),
            "needing": sum(r.needs_translation() for r in records),
        }
        row = rows[model._meta.verbose_name_plural]
        assert {key: row[key] for key in truth} == truth
    assert any(row["incomplete"] for row in rows.values()) and any(row["outdated"] for row in rows.values())
    assertContains(response, f"{rows[Company._meta.verbose_name_plural]['incomplete']} incomplete")


def test_the_translation_filter_lists_the_flagged_records(corpus, admin_client):
    response = admin_client.get("/admin/modes/company/?translation=incomplete")
    shown = {record.pk for record in response.context["cl"].result_list}
    flagged = {record.pk for record in Company.objects.all() if record.missing_translations()}
    assert shown and shown <= flagged


def test_relation_pickers_search_instead_of_listing_every_record(corpus, admin_client):
    from trends.models import Trend

    trend = Trend.objects.get(slug="going-down-market")
    html = admin_client.get(f"/admin/trends/trend/{trend.pk}/change/").content.decode()
    companies = re.search(r'<select name="companies".*?</select>', html, re.S).group(0)
    assert "admin-autocomplete" in companies
    assert companies.count("<option") == trend.companies.count() < Company.objects.count()
    assert admin_client.get("/admin/autocomplete/?app_label=trends&model_name=trend&field_name=companies&term=Ali")
