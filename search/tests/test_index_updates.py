"""The search index follows every kind of write: model saves, the admin, history restores, deletes,
publishing and unpublishing, seed, and bulk writes (through search.index or `manage.py reindexsearch`)."""

import io

from django.core.management import call_command
from django.urls import reverse

from content.models import SeedRecord
from content.registry import content_kinds
from editors.tests.admin_forms import form_data, open_form, save
from modes.models import Company
from search.index import entry_for, reindex, update_records
from search.models import SearchEntry
from search.query import Query, ranked_entries
from trends.models import Trend


def found(q):
    return set(ranked_entries(Query.parse(q), 10**6))


def key(record):
    return (record._meta.label_lower, record.pk)


def assert_index_is_right():
    """Every published record has exactly the entry it would get from scratch, and nothing else has one."""
    expected = {}
    for kind in content_kinds():
        for record in kind.model.objects.published():
            entry = entry_for(kind, record, SearchEntry)
            expected[key(record)] = (entry.title, entry.head, entry.text, entry.terms)
    actual = {(e.kind, e.object_id): (e.title, e.head, e.text, e.terms) for e in SearchEntry.objects.all()}
    assert actual == expected


def test_the_migrated_and_seeded_index_is_right(db):
    assert_index_is_right()


def test_a_save_updates_the_entry(db):
    trend = Trend.objects.get(slug="fashion")
    trend.body_zh_hant += "\n\n新增的段落提到直播帶貨。"
    trend.save(update_fields=["body_zh_hant"])
    assert found("直播带货") == {key(trend)}
    assert_index_is_right()


def test_an_admin_save_updates_the_entry(editor_client, db):
    company = Company.objects.get(slug="jd")
    data = open_form(editor_client, company)
    data["name_en"] = "JD.com Zorblecorp"
    assert save(editor_client, company, data).status_code == 302
    assert found("zorblecorp") == {key(company)}
    assert_index_is_right()


def test_a_history_restore_updates_the_entry(editor_client, db):
    trend = Trend.objects.get(number=3)
    data = open_form(editor_client, trend)
    data["body_en"] = data["body_en"] + " Quuxification."
    save(editor_client, trend, data)
    assert found("quuxification") == {key(trend)}

    restore_url = reverse("admin:trends_trend_simple_history", args=[trend.pk, trend.history.earliest().history_id])
    response = editor_client.post(restore_url, form_data(editor_client.get(restore_url)))
    assert response.status_code == 302
    assert found("quuxification") == set()
    assert_index_is_right()


def test_unpublishing_removes_the_entry_and_publishing_brings_it_back(db):
    company = Company.objects.get(slug="jd")
    company.status = "draft"
    company.save()
    assert key(company) not in found("JD.com")
    assert not SearchEntry.objects.filter(kind="modes.company", object_id=company.pk).exists()
    company.status = "published"
    company.save()
    assert key(company) in found("JD.com")
    assert_index_is_right()


def test_a_delete_removes_the_entry(db):
    company = Company.objects.get(slug="jd")
    pk = company.pk
    company.delete()
    assert not SearchEntry.objects.filter(kind="modes.company", object_id=pk).exists()
    assert_index_is_right()


def test_seeding_indexes_what_it_adds(db):
    trend = Trend.objects.get(slug="fashion")
    trend.delete()
    SeedRecord.objects.filter(model="trends.trend", key="fashion").delete()  # as if never delivered
    call_command("seed", stdout=io.StringIO())
    assert key(Trend.objects.get(slug="fashion")) in found("時尚")
    assert_index_is_right()


def test_a_bulk_update_is_indexed_by_update_records_or_reindex(db):
    Trend.objects.filter(number__in=[1, 2]).update(body_en="Flibbertigibbet.")  # QuerySet.update sends no signal
    assert found("flibbertigibbet") == set()  # stale until told
    update_records(Trend.objects.filter(number=1))
    assert found("flibbertigibbet") == {key(Trend.objects.get(number=1))}
    reindex(Trend.objects.filter(number=2))
    assert found("flibbertigibbet") == {key(Trend.objects.get(number=n)) for n in (1, 2)}
    Company.objects.filter(slug="jd").update(status="draft")
    reindex(Company.objects.all())
    assert_index_is_right()


def test_reindexsearch_rebuilds_the_whole_index(db):
    Trend.objects.update(body_en="Flibbertigibbet.")
    SearchEntry.objects.filter(kind="modes.company").delete()
    out = io.StringIO()
    call_command("reindexsearch", stdout=out)
    published = sum(kind.model.objects.published().count() for kind in content_kinds())
    assert out.getvalue().strip() == f"Search index rebuilt: {published} published records."
    assert_index_is_right()
    # (the plain scan reads search_text, which a QuerySet.update() leaves stale too: the index reads the fields)
    assert found("flibbertigibbet") == {key(trend) for trend in Trend.objects.published()}
