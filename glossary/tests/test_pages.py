"""The glossary's reader pages: a list in each reader's alphabetical order and a page per term, in every language;
in the sitemap and in search, as every kind of content is (content.registry)."""

import pytest
from django.db.models.functions import Lower

from glossary.models import Term

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_the_list_and_every_term_page_answer_in_each_language(client, lang):
    response = client.get(f"/{lang}/glossary/")
    assert response.status_code == 200
    assert response.context["object_list"], "the seeded terms are listed"
    for slug in ["o2o", "haitao", "precision-marketing"]:
        assert client.get(f"/{lang}/glossary/{slug}/").status_code == 200, slug
        assert client.get(f"/{lang}/glossary/{slug}/side-by-side/").status_code == 200, slug


def test_english_readers_see_terms_in_english_alphabetical_order(client):
    listed = [term.slug for term in client.get("/en/glossary/").context["object_list"]]
    expected = Term.objects.published().order_by(Lower("term_en"), "slug").values_list("slug", flat=True)
    assert listed == list(expected)[: len(listed)]
    assert listed.index("b2b") < listed.index("crowdfunding") < listed.index("word-of-mouth")


@pytest.mark.parametrize("lang", ["zh-hant", "zh-hans"])
def test_chinese_readers_see_terms_in_pinyin_order(client, lang):
    listed = [term.term_zh_hant for term in client.get(f"/{lang}/glossary/").context["object_list"]]
    # 產業鏈 (chǎn) before 海淘 (hǎi) before 下沉 (xià): the pinyin, not the code points (下 U+4E0B sorts first).
    assert listed.index("產業鏈") < listed.index("海淘") < listed.index("下沉")


def test_the_list_is_paginated_and_a_page_past_the_end_is_a_404(client):
    assert client.get("/en/glossary/?page=2").status_code == 404  # 46 terms: one page of 50
    assert client.get("/en/glossary/?page=abc").status_code == 404


def test_the_simplified_page_shows_the_editors_simplified_form_not_the_converters(client):
    """OpenCC makes 線上 into 在线; mainland texts on O2O write 线上, which the term's own field holds."""
    page = client.get("/zh-hans/glossary/online/").content.decode()
    assert "<h1>线上</h1>" in page
    assert '<dd lang="zh-Hans">线上</dd>' in page


def test_a_term_page_shows_its_three_forms_and_the_records_that_use_it(client):
    response = client.get("/en/glossary/wbt-alliance/")
    page = response.content.decode()
    for lang, form in [("en", "WBT alliance"), ("zh-Hant", "WBT聯盟"), ("zh-Hans", "WBT联盟")]:
        assert f'<dd lang="{lang}">{form}</dd>' in page
    assert {c.slug for c in response.context["related_companies"]} == {"wanda", "baidu", "tencent"}
    assert [m.slug for m in response.context["related_modes"]] == ["o2o"]
    assert [t.slug for t in response.context["related_trends"]] == ["o2o-partnerships"]


def test_a_draft_term_is_not_shown_to_readers(client):
    Term.objects.filter(slug="haitao").update(status=Term.Status.DRAFT)
    assert client.get("/en/glossary/haitao/").status_code == 404
    assert "haitao" not in [t.slug for t in client.get("/en/glossary/").context["object_list"]]


def test_terms_are_in_the_sitemap_in_every_language(client):
    assert "/sitemap-term.xml" in client.get("/sitemap.xml").content.decode()
    sitemap = client.get("/sitemap-term.xml").content.decode()
    for lang in ["en", "zh-hant", "zh-hans"]:
        assert f"/{lang}/glossary/haitao/</loc>" in sitemap
    assert "/en/glossary/</loc>" in client.get("/sitemap-sections.xml").content.decode()


@pytest.mark.parametrize("query", ["haitao", "海淘", "众筹", "crowdfunding"])
def test_search_finds_a_term_by_any_of_its_forms(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "/en/glossary/" in response.content.decode(), query
