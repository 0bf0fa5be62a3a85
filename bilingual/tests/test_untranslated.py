"""A field left empty in the reader's language shows the other language, marked as such."""

import pytest
from pytest_django.asserts import assertInHTML

from modes.models import Company, OperationMode


@pytest.fixture
def chinese_only_company(db):
    company = Company.objects.create(
        slug="meituan", name_zh_hant="美團", description_zh_hant="美團是一家生活服務平臺。", status="published"
    )
    company.modes.add(OperationMode.objects.get(slug="o2o"))
    return company


def test_english_page_shows_the_chinese_text_with_its_lang_and_a_note(client, chinese_only_company):
    html = client.get("/en/companies/meituan/").content.decode()
    note = "Not yet translated; shown in the original language."
    assertInHTML(f'<h1><span lang="zh-Hant">美團</span> <small class="untranslated-note">({note})</small></h1>', html)
    assertInHTML(
        f'<div lang="zh-Hant"><p>美團是一家生活服務平臺。</p></div><p class="untranslated-note">{note}</p>', html
    )
    assert "<title>美團 · " in html
    assertInHTML("<h1></h1>", html, count=0)


def test_lists_and_links_mark_the_fallback_too(client, chinese_only_company):
    for url in ["/en/companies/", "/en/modes/o2o/", "/en/"]:
        html = client.get(url).content.decode()
        assertInHTML('<span lang="zh-Hant">美團</span>', html, msg_prefix=url)


def test_chinese_page_of_an_english_only_record_says_it_is_untranslated(client, db):
    Company.objects.create(
        slug="pinduoduo", name_en="Pinduoduo", description_en="A group-buying platform.", status="published"
    )
    html = client.get("/zh-hant/companies/pinduoduo/").content.decode()
    assertInHTML(
        '<h1><span lang="en">Pinduoduo</span> <small class="untranslated-note">(尚未翻譯；以原文顯示。)</small></h1>',
        html,
    )
