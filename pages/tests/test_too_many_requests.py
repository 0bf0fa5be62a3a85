"""A request refused for coming too often (django-allauth's rate limits answer 429 with the template 429.html)
gets the site's page in the page's language, not allauth's bare English one."""

import pytest
from allauth.core.ratelimit import respond_429
from django.utils import translation

from bilingual.languages import html_lang

TITLE = {"en": "Too many requests", "zh-hant": "請求過於頻繁", "zh-hans": "请求过于频繁"}


def assert_site_page_in(response, lang):
    html = response.content.decode()
    assert response.status_code == 429
    assert f'<html lang="{html_lang(lang)}">' in html
    assert f"<h1>{TITLE[lang]}</h1>" in html
    assert '<main id="main"' in html and 'class="skip-link"' in html and 'class="site-header"' in html


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_flood_of_sign_in_attempts_is_refused_in_the_pages_language_and_design(client, db, lang):
    """Empty forms: no user name is tried, so only allauth's limit per address (30 a minute) can refuse them."""
    for _attempt in range(100):
        response = client.post(f"/{lang}/accounts/login/", {}, REMOTE_ADDR="203.0.113.77")
        if response.status_code == 429:
            break
    assert_site_page_in(response, lang)


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_allauths_429_page_is_the_sites_in_every_language(rf, lang, db):
    request = rf.post(f"/{lang}/accounts/password/change/")
    request.LANGUAGE_CODE = lang
    with translation.override(lang):
        assert_site_page_in(respond_429(request), lang)
