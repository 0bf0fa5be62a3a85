"""Every kind of page, in each language (English, Traditional and Simplified Chinese), as a reader's browser gets it."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from pages.tests.helpers import CJK, text_in_page_language

# Every page is rendered once per session (rendered_pages): under pytest-xdist, in one worker only.
pytestmark = pytest.mark.xdist_group("rendered_pages")


LANGS = {"en": "en", "zh-hant": "zh-Hant", "zh-hans": "zh-Hans"}
NAMES = {"en": "English", "zh-hant": "繁體中文", "zh-hans": "简体中文"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_renders_with_its_language(rendered_pages, lang):
    assert len(rendered_pages[lang]) > 50
    for url, (status, html) in rendered_pages[lang].items():
        assert status == 200, url
        assert f'<html lang="{LANGS[lang]}">' in html, url


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_all_three_language_versions_with_hreflang(rendered_pages, lang):
    for url, (_status, html) in rendered_pages[lang].items():
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
        rest = url.split("/", 2)[2].split("?")[0]  # the alternates name the page, not a search
        assert alternates == {
            "en": f"http://testserver/en/{rest}",
            "zh-Hant": f"http://testserver/zh-hant/{rest}",
            "zh-Hans": f"http://testserver/zh-hans/{rest}",
        }, url


@pytest.mark.parametrize("lang,other", [(a, b) for a in LANGS for b in LANGS if a != b])
def test_language_switch_leads_to_the_same_page_in_each_other_language(rendered_pages, lang, other):
    for url, (_status, html) in rendered_pages[lang].items():
        switch = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
        assert f'<span lang="{LANGS[lang]}" aria-current="true">{NAMES[lang]}</span>' in switch, url
        other_lang = LANGS[other]
        link = re.search(rf'<a href="([^"]+)" hreflang="{other_lang}" lang="{other_lang}">{NAMES[other]}</a>', switch)
        assert link, url
        target = link.group(1).replace("http://testserver", "")
        assert target == f"/{other}/" + url.split("/", 2)[2]  # a search keeps its query
        assert rendered_pages[other][target][0] == 200


@pytest.mark.parametrize(
    "accept,expected",
    [
        ("zh-TW,zh;q=0.9", "/zh-hant/"),
        ("zh-HK", "/zh-hant/"),
        ("zh-Hant", "/zh-hant/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("zh-Hans", "/zh-hans/"),
        ("zh-SG", "/zh-hans/"),
        ("zh-Hans-CN", "/zh-hans/"),
        ("en-US,en;q=0.9", "/en/"),
        ("fr-FR", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(db, client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("lang,title", [("en", "Page not found"), ("zh-hant", "找不到頁面"), ("zh-hans", "找不到页面")])
@pytest.mark.parametrize("path", ["modes/no-such-mode/", "trends/nope/", "companies/nope/", "no/such/page/"])
def test_unknown_pages_are_a_404_in_the_page_language(db, client, lang, title, path):
    response = client.get(f"/{lang}/{path}")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{LANGS[lang]}">' in html
    assert f"<h1>{title}</h1>" in html


def test_english_pages_show_no_chinese_body_text(rendered_pages):
    for url, (_status, html) in rendered_pages["en"].items():
        text = text_in_page_language(html, "en")
        assert not CJK.search(text), (url, CJK.findall(text)[:10])


@pytest.mark.parametrize("lang", ["zh-hant", "zh-hans"])
def test_chinese_pages_show_no_english_sentences(rendered_pages, lang):
    english_run = re.compile(r"[A-Za-z][a-z]+(?:[ ,;:'-]+[A-Za-z][a-z]+){3,}")
    for url, (_status, html) in rendered_pages[lang].items():
        text = text_in_page_language(html, LANGS[lang])
        assert not english_run.search(text), (url, english_run.findall(text)[:5])


@pytest.mark.parametrize("lang", LANGS)
def test_content_pages_credit_the_source_article(db, client, lang):
    with translation.override(lang):
        url = reverse("modes:mode_detail", kwargs={"slug": "b2b"})
    html = client.get(url).content.decode()
    title, site = ("电子商务运营模式分类", "才华斋") if lang == "zh-hans" else ("電子商務運營模式分類", "才華齋")
    assert title in html and site in html


def test_home_presents_the_definition_and_a_readable_map_of_the_modes(db, client):
    html = client.get("/en/").content.decode()
    assert "basic way an enterprise uses the Internet to run its business and earn revenue" in html
    table = re.search(r'<table class="map-grid">.*?</table>', html, re.S).group(0)
    assert "<caption>" in table and table.count('scope="col"') == 2 and table.count('scope="row"') == 2
    for code in ["b2b", "b2c", "c2b", "c2c"]:
        assert f'href="/en/modes/{code}/"' in table
    assert 'href="/en/modes/o2o/"' in html
    zh = client.get("/zh-hant/").content.decode()
    assert "電子商務運營模式是指企業運用網際網路開展經營取得營業收入的基本方式" in zh


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_leads_to_every_kind_with_pages_of_its_own_from_the_navigation(rendered_pages, lang):
    """The sections come from the registry: a kind declared is a kind readers can find (the glossary was missing)."""
    from content.registry import content_kinds

    with translation.override(lang):
        wanted = [reverse(kind.list_url_name) for kind in content_kinds() if kind.has_own_pages]
    assert any("glossary" in url for url in wanted)
    for url, (_status, html) in rendered_pages[lang].items():
        nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
        assert re.findall(r'<a href="([^"]+)"', nav) == wanted, url
