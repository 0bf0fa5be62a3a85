"""A renamed record keeps its old addresses: each answers 301 to the record's current one."""

import pytest

from modes.models import Company, OperationMode
from trends.models import Trend


def rename(record, slug):
    record.slug = slug
    record.save()
    return record


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize(
    "kind, old, new",
    [
        ("trends", "vertical-e-commerce", "vertical-ecommerce"),
        ("modes", "c2b", "consumer-to-business"),
        ("companies", "harpers-bazaar-china", "harpers-bazaar"),
    ],
)
def test_an_old_slug_redirects_permanently_to_the_current_page_in_every_language(client, db, lang, kind, old, new):
    model = {"trends": Trend, "modes": OperationMode, "companies": Company}[kind]
    rename(model.objects.get(slug=old), new)
    for tail in ["", "side-by-side/"]:
        response = client.get(f"/{lang}/{kind}/{old}/{tail}")
        assert response.status_code == 301
        assert response["Location"] == f"/{lang}/{kind}/{new}/{tail}"
        assert client.get(response["Location"]).status_code == 200


def test_every_earlier_slug_redirects_after_several_renames(client, db):
    company = Company.objects.get(slug="jd")
    for slug in ["jd-com", "jingdong", "jd-group"]:
        rename(company, slug)
    for old in ["jd", "jd-com", "jingdong"]:
        response = client.get(f"/en/companies/{old}/?utm=1")
        assert (response.status_code, response["Location"]) == (301, "/en/companies/jd-group/?utm=1")


def test_an_old_slug_of_a_draft_or_a_deleted_record_is_a_404(client, db):
    draft = rename(Company.objects.get(slug="suning"), "suning-group")
    draft.status = Company.Status.DRAFT
    draft.save()
    rename(Company.objects.get(slug="baidu"), "baidu-inc").delete()
    assert client.get("/en/companies/suning/").status_code == 404
    assert client.get("/en/companies/baidu/").status_code == 404


def test_a_new_record_given_an_old_slug_takes_it_over(client, db):
    rename(Company.objects.get(slug="tencent"), "tencent-holdings")
    newcomer = Company.objects.get(slug="alipay")
    rename(newcomer, "tencent")
    response = client.get("/en/companies/tencent/")
    assert response.status_code == 200 and response.context["object"] == newcomer


def test_the_home_pages_mode_map_links_a_renamed_mode_at_its_new_address(client, db):
    rename(OperationMode.objects.get(slug="c2b"), "consumer-to-business")
    html = client.get("/en/").content.decode()
    assert 'href="/en/modes/consumer-to-business/"' in html and 'href="/en/modes/c2b/"' not in html
