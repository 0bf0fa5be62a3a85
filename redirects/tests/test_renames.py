"""A rename leaves its old address in the redirects table, by every write path; a 404 there answers 301."""

import pytest

from editors.tests.admin_forms import open_form, save
from modes.models import Company, OperationMode
from redirects.models import Redirect
from trends.models import Trend

LANGUAGES = ["en", "zh-hant", "zh-hans"]


def rename(record, slug):
    record.slug = slug
    record.save()
    return record


def assert_redirects(client, old, new):
    """`old` and its side-by-side page answer 301 to `new`'s, in every language, and the page is there."""
    for lang in LANGUAGES:
        for tail in ["", "side-by-side/"]:
            response = client.get(f"/{lang}{old}{tail}")
            assert (response.status_code, response["Location"]) == (301, f"/{lang}{new}{tail}")
            assert client.get(response["Location"]).status_code == 200


def test_a_rename_in_the_admin_leaves_a_redirect_in_every_language(admin_client, client):
    trend = Trend.objects.get(slug="vertical-e-commerce")
    data = open_form(admin_client, trend)
    response = save(admin_client, trend, {**data, "slug": "vertical-ecommerce"})
    assert response.status_code == 302
    row = Redirect.objects.get(old_path="/trends/vertical-e-commerce")
    assert (row.target_record(), row.automatic) == (trend, True)
    assert_redirects(client, "/trends/vertical-e-commerce/", "/trends/vertical-ecommerce/")


def test_every_earlier_address_leads_to_the_newest_in_one_step(client, db):
    company = Company.objects.get(slug="jd")
    for slug in ["jd-com", "jingdong", "jd-group"]:
        rename(company, slug)
    assert set(Redirect.objects.to_record(company).values_list("old_path", flat=True)) == {
        "/companies/jd",
        "/companies/jd-com",
        "/companies/jingdong",
    }
    for old in ["jd", "jd-com", "jingdong"]:
        response = client.get(f"/en/companies/{old}/?utm=1")
        assert (response.status_code, response["Location"]) == (301, "/en/companies/jd-group/?utm=1")


def test_a_bulk_update_of_a_slug_leaves_a_redirect_too(client, db):
    OperationMode.objects.filter(slug="c2b").update(slug="consumer-to-business")
    assert_redirects(client, "/modes/c2b/", "/modes/consumer-to-business/")


def test_a_record_given_an_old_address_takes_it_over(client, db):
    rename(Company.objects.get(slug="tencent"), "tencent-holdings")
    assert Redirect.objects.filter(old_path="/companies/tencent").exists()
    newcomer = rename(Company.objects.get(slug="alipay"), "tencent")
    assert not Redirect.objects.filter(old_path="/companies/tencent").exists()
    response = client.get("/en/companies/tencent/")
    assert response.status_code == 200 and response.context["object"] == newcomer


def test_a_new_record_at_an_old_address_takes_it_over(client, db):
    rename(Company.objects.get(slug="dangdang"), "dangdang-com")
    assert Redirect.objects.filter(old_path="/companies/dangdang").exists()
    newcomer = Company.objects.create(
        slug="dangdang", name_en="Dangdang Books", name_zh_hant="噹噹書店", status=Company.Status.PUBLISHED
    )
    assert not Redirect.objects.filter(old_path="/companies/dangdang").exists()
    assert client.get("/en/companies/dangdang/").context["object"] == newcomer


def test_renaming_back_removes_the_redirect_from_the_address_it_returns_to(client, db):
    company = rename(Company.objects.get(slug="suning"), "suning-com")
    rename(company, "suning")
    assert list(Redirect.objects.values_list("old_path", flat=True)) == ["/companies/suning-com"]
    assert client.get("/en/companies/suning/").status_code == 200


def test_the_redirect_outlives_the_history_it_was_made_from(client, db):
    rename(OperationMode.objects.get(slug="o2o"), "online-to-offline")
    OperationMode.history.all().delete()  # pruned (django-simple-history's clean_old_history, say)
    assert_redirects(client, "/modes/o2o/", "/modes/online-to-offline/")


def test_an_old_address_of_a_draft_is_a_404_and_a_deleted_records_are_gone(client, db):
    draft = rename(Company.objects.get(slug="suning"), "suning-group")
    draft.status = Company.Status.DRAFT
    draft.save()
    deleted = rename(Company.objects.get(slug="baidu"), "baidu-inc")
    deleted.delete()
    assert client.get("/en/companies/suning/").status_code == 404
    assert client.get("/en/companies/baidu/").status_code == 404
    assert not Redirect.objects.filter(old_path="/companies/baidu").exists()


@pytest.mark.parametrize("method", ["post", "put"])
def test_only_reading_is_redirected(client, db, method):
    rename(Company.objects.get(slug="tmall"), "tmall-com")
    assert getattr(client, method)("/en/companies/tmall/").status_code in {403, 404, 405}


@pytest.mark.parametrize("path", ["/en/companies/a%00b/", "/en/" + "x/" * 300, "/zh-hant/" + "%E4" * 100 + "/"])
def test_a_hostile_address_is_a_plain_404(client, db, path):
    assert client.get(path).status_code == 404
