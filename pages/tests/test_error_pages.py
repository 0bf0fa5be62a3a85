"""403, 404 and 500 pages: the page's language, the site's design; 404 and 500 without one database query."""

import pytest
from django.core.exceptions import PermissionDenied
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


FORBIDDEN = {
    "en": ("en", "The form has expired", "Not allowed"),
    "zh-hant": ("zh-Hant", "表單已過期", "不允許"),
    "zh-hans": ("zh-Hans", "表单已过期", "不允许"),
}


@pytest.mark.parametrize("lang", FORBIDDEN)
def test_a_form_refused_for_its_csrf_token_says_so_in_the_pages_language(db, lang):
    html_lang, expired, _ = FORBIDDEN[lang]
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{lang}/accounts/login/", {"login": "mei", "password": "not sent with a token"})
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{html_lang}">' in html and f"<h1>{expired}</h1>" in html
    assert 'class="site-header"' in html and 'class="language-switch"' in html


@pytest.mark.parametrize("lang", FORBIDDEN)
def test_a_page_the_account_may_not_open_is_a_403_in_the_pages_language(db, client, monkeypatch, lang):
    html_lang, _, not_allowed = FORBIDDEN[lang]

    def forbidden(self, **kwargs):
        raise PermissionDenied

    monkeypatch.setattr(HomeView, "get_context_data", forbidden)
    response = client.get(f"/{lang}/")
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{html_lang}">' in html and f"<h1>{not_allowed}</h1>" in html
