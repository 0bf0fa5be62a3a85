"""403, 404 and 500 pages: the page's language, the site's design; a 404 with one query (the redirects table, which
answers it when the address is an old one), the 500 without one."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from bilingual.languages import html_lang
from pages.views import HomeView

# Each error page's heading in each language.
HEADINGS = {
    "en": {"csrf": "The form has expired", 403: "Not allowed", 404: "Page not found", 500: "Server error"},
    "zh-hant": {"csrf": "表單已過期", 403: "不允許", 404: "找不到頁面", 500: "伺服器錯誤"},
    "zh-hans": {"csrf": "表单已过期", 403: "不允许", 404: "找不到页面", 500: "服务器错误"},
}


def assert_site_error_page(response, status, lang, heading):
    """The error page in `lang`, with the site's header and language switch; returns its HTML."""
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{html_lang(lang)}">' in html and f"<h1>{HEADINGS[lang][heading]}</h1>" in html
    assert 'class="site-header"' in html and 'class="language-switch"' in html and 'rel="stylesheet"' in html
    return html


@pytest.mark.parametrize("lang", HEADINGS)
def test_404_page_is_served_with_one_query_the_redirect_look_up(db, client, django_assert_num_queries, lang):
    with django_assert_num_queries(1):
        response = client.get(f"/{lang}/no/such/page/")
    assert_site_error_page(response, 404, lang, 404)


@pytest.mark.parametrize("lang", HEADINGS)
def test_500_page_is_in_the_page_language_and_needs_no_database(db, monkeypatch, django_assert_num_queries, lang):
    def broken(self, **kwargs):
        raise RuntimeError("the database is down, say")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get(f"/{lang}/")
    assert "the database is down" not in assert_site_error_page(response, 500, lang, 500)


@pytest.mark.parametrize("lang", HEADINGS)
def test_a_form_refused_for_its_csrf_token_says_so_in_the_pages_language(db, lang):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{lang}/accounts/login/", {"login": "mei", "password": "not sent with a token"})
    assert_site_error_page(response, 403, lang, "csrf")


@pytest.mark.parametrize("lang", HEADINGS)
def test_a_page_the_account_may_not_open_is_a_403_in_the_pages_language(db, client, monkeypatch, lang):
    def forbidden(self, **kwargs):
        raise PermissionDenied

    monkeypatch.setattr(HomeView, "get_context_data", forbidden)
    assert_site_error_page(client.get(f"/{lang}/"), 403, lang, 403)
