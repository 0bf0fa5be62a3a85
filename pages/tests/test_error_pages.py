"""404 and 500 pages: the page's language, the site's design, and not one database query."""

import pytest
from django.test import Client

from pages.views import HomeView

TITLES = {"en": ("en", "Page not found", "Server error"), "zh-hant": ("zh-Hant", "找不到頁面", "伺服器錯誤")}


@pytest.mark.parametrize("lang", TITLES)
def test_404_page_is_served_without_a_query(db, client, django_assert_num_queries, lang):
    html_lang, not_found, _ = TITLES[lang]
    with django_assert_num_queries(0):
        response = client.get(f"/{lang}/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{html_lang}">' in html and f"<h1>{not_found}</h1>" in html
    assert 'class="site-header"' in html and 'rel="stylesheet"' in html


@pytest.mark.parametrize("lang", TITLES)
def test_500_page_is_in_the_page_language_and_needs_no_database(db, monkeypatch, django_assert_num_queries, lang):
    html_lang, _, server_error = TITLES[lang]

    def broken(self, **kwargs):
        raise RuntimeError("the database is down, say")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get(f"/{lang}/")
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{html_lang}">' in html and f"<h1>{server_error}</h1>" in html
    assert 'class="site-header"' in html and 'class="language-switch"' in html
    assert "the database is down" not in html
