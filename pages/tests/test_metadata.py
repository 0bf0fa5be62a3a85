"""What search engines and link previews read: title, description, canonical URL, Open Graph."""

from collections import Counter
from html.parser import HTMLParser

import pytest

from pages.tests.helpers import CJK

# Every page is rendered once per session (rendered_pages): under pytest-xdist, in one worker only.
pytestmark = pytest.mark.xdist_group("rendered_pages")


OG_LOCALE = {
    "en": ("en_US", ["zh_TW", "zh_CN"]),
    "zh-hant": ("zh_TW", ["en_US", "zh_CN"]),
    "zh-hans": ("zh_CN", ["en_US", "zh_TW"]),
}


class _Head(HTMLParser):
    """The <title>, <meta> and <link rel> tags of a page's <head>."""

    def __init__(self):
        super().__init__()
        self.title, self.meta, self.links, self._in_title = "", {}, {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("name") or attrs["property"]
            self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link" and attrs.get("rel") in {"canonical", "icon"}:
            self.links.setdefault(attrs["rel"], []).append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_of(page):
    """The head of a response, or of a page's HTML."""
    parser = _Head()
    parser.feed(page if isinstance(page, str) else page.content.decode())
    return parser


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_every_page_has_its_own_title_and_description_in_its_language(rendered_pages, lang):
    titles, descriptions = Counter(), Counter()
    for url, (_status, html) in rendered_pages[lang].items():
        head = head_of(html)
        page_title, [description] = head.meta["og:title"][0], head.meta["description"]
        assert page_title and page_title in head.title, url
        assert 20 <= len(description) <= 160, (url, description)
        if lang == "en":
            assert not CJK.search(head.title + description), url
        else:
            assert CJK.search(page_title) and CJK.search(description), url
        titles[head.title] += 1
        descriptions[description] += 1
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1] == []


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_every_page_has_open_graph_tags_matching_its_title_url_and_language(rendered_pages, lang):
    for url, (_status, html) in rendered_pages[lang].items():
        head = head_of(html)
        meta = {key: values if key == "og:locale:alternate" else values[0] for key, values in head.meta.items()}
        assert (
            meta["og:url"] == head.links["canonical"][0] == f"http://testserver{url.split('?')[0]}"
        )  # canonical: no query string
        assert meta["og:description"] == meta["description"]
        assert head.title.startswith(meta["og:title"])
        assert meta["og:site_name"] == {"en": "ecomkb", "zh-hant": "電商知識庫", "zh-hans": "电商知识库"}[lang]
        assert meta["og:type"] == ("website" if url.count("/") <= 3 else "article"), url
        assert (meta["og:locale"], meta["og:locale:alternate"]) == OG_LOCALE[lang]


def test_canonical_url_leaves_out_the_query_string(db, client):
    head = head_of(client.get("/en/modes/b2b/?utm_source=newsletter&ref=x"))
    assert head.links["canonical"] == ["http://testserver/en/modes/b2b/"]
    assert head.meta["og:url"] == ["http://testserver/en/modes/b2b/"]


def test_meta_description_is_cut_to_a_snippet_without_breaking_entities(db, client):
    head = head_of(client.get("/en/companies/harpers-bazaar-china/"))
    [description] = head.meta["description"]
    assert description.startswith("Harper's Bazaar China is")  # the apostrophe survives, unescaped once
    assert len(description) <= 160 and description.endswith("…")


@pytest.mark.parametrize("lang,title", [("en", "Page not found"), ("zh-hant", "找不到頁面")])
def test_not_found_page_asks_not_to_be_indexed(db, client, lang, title):
    head = head_of(client.get(f"/{lang}/no/such/page/"))
    assert head.meta["robots"] == ["noindex"]
    assert head.meta["og:title"] == [title]


def test_every_page_has_an_icon_served_from_static(db, client):
    head = head_of(client.get("/en/"))
    assert head.links["icon"] == ["/static/favicon.svg"]
