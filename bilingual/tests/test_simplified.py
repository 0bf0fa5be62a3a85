"""/zh-hans/: the whole site in Simplified Chinese, converted from the Traditional text with OpenCC."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bilingual.chinese import to_simplified, to_simplified_cached
from modes.models import Company
from pages.tests.helpers import text_in_page_language


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_content_is_converted_to_simplified_characters(client, db):
    html = page(client, "/zh-hans/modes/b2b/")
    assert '<html lang="zh-Hans">' in html
    assert '<h1><span class="code">B2B</span> 企业对企业（B2B）</h1>' in html
    assert "供应链" in html and "供應鏈" not in html


def test_taiwan_phrasing_becomes_mainland_phrasing(client, db):
    html = page(client, "/zh-hans/trends/internet-finance/")
    assert "互联网金融" in html  # 網際網路 in Taiwan, 互联网 on the mainland
    assert "網際網路" not in html and "网际网路" not in html


def test_ui_strings_are_simplified_too(client, db):
    text = text_in_page_language(page(client, "/zh-hans/trends/"), "zh-hans")
    assert "十大发展趋势" in text
    assert "搜索" in text
    assert "發展" not in text


def test_no_traditional_only_character_is_left_in_a_simplified_page(client, db):
    for url in ["/zh-hans/", "/zh-hans/modes/", "/zh-hans/trends/fashion/", "/zh-hans/companies/jd/"]:
        text = text_in_page_language(page(client, url), "zh-hans")
        leftovers = [c for c in set(text) if to_simplified(c) != c]
        assert leftovers == [], (url, leftovers)


def test_the_language_switch_offers_simplified_chinese_by_its_own_name(client, db):
    html = page(client, "/en/companies/alibaba/")
    assert (
        '<a href="http://testserver/zh-hans/companies/alibaba/" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>' in html
    )


def test_converted_text_is_cached_so_a_simplified_page_costs_what_a_traditional_one_does(
    client, db, django_assert_num_queries
):
    page(client, "/zh-hans/trends/fashion/")
    before = to_simplified_cached.cache_info()
    page(client, "/zh-hans/trends/fashion/")
    after = to_simplified_cached.cache_info()
    assert after.misses == before.misses and after.hits > before.hits
    # and no more database work than the Traditional page
    with CaptureQueriesContext(connection) as traditional:
        page(client, "/zh-hant/trends/fashion/")
    with django_assert_num_queries(len(traditional)):
        page(client, "/zh-hans/trends/fashion/")


def test_an_english_only_record_is_marked_as_english_on_a_simplified_page(client, db):
    Company.objects.create(
        slug="pinduoduo", name_en="Pinduoduo", description_en="A group-buying platform.", status="published"
    )
    html = page(client, "/zh-hans/companies/pinduoduo/")
    assert '<span lang="en">Pinduoduo</span> <small class="untranslated-note">(尚未翻译' in html


def test_editors_keep_two_languages_only(db):
    company = Company.objects.get(slug="jd")
    assert hasattr(company, "name_zh_hant") and not hasattr(company, "name_zh_hans")


@pytest.mark.parametrize("accept", ["zh-CN", "zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans", "zh-SG"])
def test_mainland_and_singapore_browsers_land_on_simplified_chinese(db, client, accept):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response["Location"] == "/zh-hans/"


def test_simplified_search_page_shows_simplified_titles(client, db):
    html = page(client, "/zh-hans/search/?q=" + "物联网")
    assert re.search(
        r'<a href="/zh-hans/trends/internet-of-things/"><span lang="zh-Hans"><mark>物联网</mark>成为', html
    )
