"""robots.txt points crawlers at sitemap.xml, which lists every public page in both languages."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from content.registry import content_kinds
from modes.models import Company


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(db, client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Sitemap: http://testserver/sitemap.xml" in lines


def _sitemap(client):
    """Every <url> of every page the sitemap index lists: {location: {hreflang: href}}."""
    index = client.get("/sitemap.xml").content.decode()
    urls = {}
    for page in re.findall(r"<sitemap>\s*<loc>(.*?)</loc>", index):
        xml = client.get(page.replace("http://testserver", "").replace("&amp;", "&")).content.decode()
        for entry in re.findall(r"<url>(.*?)</url>", xml, re.S):
            loc = re.search(r"<loc>(.*?)</loc>", entry).group(1)
            urls[loc] = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
    return urls


def test_the_sitemap_is_an_index_of_pages_of_at_most_the_limit(db, client, settings):
    from pages import sitemaps

    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    assert "http://testserver/sitemap-company.xml" in index
    # With a limit of 10 URLs a page, 12 companies in 3 languages take 4 pages, each a page of the index.
    original = sitemaps.TranslatedSitemap.limit
    sitemaps.TranslatedSitemap.limit = 10
    try:
        index = client.get("/sitemap.xml").content.decode()
        pages = [u for u in re.findall(r"<loc>(.*?)</loc>", index) if "sitemap-company" in u]
        assert len(pages) == 4
        last = client.get("/sitemap-company.xml?p=4").content.decode()
        assert last.count("<url>") == 12 * 3 - 30
        assert client.get("/sitemap-company.xml?p=5").status_code == 404
        assert client.get("/sitemap-company.xml?p=x").status_code == 404
    finally:
        sitemaps.TranslatedSitemap.limit = original
    assert sitemaps.SITEMAP_LIMIT <= 50_000


def test_sitemap_lists_every_published_page_in_both_languages_with_alternates(db, client):
    Company.objects.filter(slug="jd").update(status="draft")
    urls = _sitemap(client)
    with translation.override("en"):  # every kind's list and records, as the registry declares them
        lists = [reverse(kind.list_url_name)[3:] for kind in content_kinds()]
        models = [kind.model for kind in content_kinds() if kind.has_own_pages]
        paths = ["/", *lists] + [
            record.get_absolute_url()[3:] for model in models for record in model.objects.published()
        ]
    languages = [code for code, _name in settings.LANGUAGES]
    assert {"en", "zh-hant"} <= set(languages)
    expected = {f"http://testserver/{lang}{path}" for lang in languages for path in paths}
    assert set(urls) == expected
    assert "http://testserver/en/companies/jd/" not in urls, "a draft is not listed"
    assert urls["http://testserver/zh-hant/modes/b2b/"] == {
        **{lang: f"http://testserver/{lang}/modes/b2b/" for lang in languages},
        "x-default": "http://testserver/modes/b2b/",
    }


@pytest.mark.xdist_group("rendered_pages")  # the worker that renders every page once (pages/tests/conftest.py)
def test_every_sitemap_url_is_a_page(db, client, rendered_pages):
    """Every page is rendered once per session (rendered_pages); a page the sitemap lists that is not among them is
    requested here."""
    rendered = {url: status for pages in rendered_pages.values() for url, (status, _html) in pages.items()}
    for url in _sitemap(client):
        path = url.replace("http://testserver", "")
        assert (rendered[path] if path in rendered else client.get(path).status_code) == 200, url
