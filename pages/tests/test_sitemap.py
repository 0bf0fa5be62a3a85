"""robots.txt points crawlers at sitemap.xml, which lists every public page in both languages."""

import re

from django.conf import settings

from modes.models import Company, OperationMode
from trends.models import Trend


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(db, client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Sitemap: http://testserver/sitemap.xml" in lines


def _sitemap(client):
    xml = client.get("/sitemap.xml").content.decode()
    urls = {}
    for entry in re.findall(r"<url>(.*?)</url>", xml, re.S):
        loc = re.search(r"<loc>(.*?)</loc>", entry).group(1)
        urls[loc] = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
    return urls


def test_sitemap_lists_every_published_page_in_both_languages_with_alternates(db, client):
    Company.objects.filter(slug="jd").update(status="draft")
    urls = _sitemap(client)
    paths = ["/", "/modes/", "/trends/", "/companies/"] + [
        record.get_absolute_url()[3:]  # without the /en prefix
        for model in (OperationMode, Trend, Company)
        for record in model.objects.published()
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


def test_every_sitemap_url_is_a_page(db, client):
    for url in _sitemap(client):
        assert client.get(url.replace("http://testserver", "")).status_code == 200, url
