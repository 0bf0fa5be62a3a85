"""Every account page a staff member can reach (django-allauth's, under /<lang>/accounts/) is one of the site's
own: its frame and stylesheet, the page's language in <html lang> and in the text, a <main id="main">, a label
for every field, no link to a page that is not there, and one Chinese word for recovery codes."""

import re
from html.parser import HTMLParser

import pytest
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import translation

from accounts.testing import sign_in_verified
from bilingual.languages import html_lang

from .conftest import PASSWORD

CHINESE = re.compile(r"[\u3400-\u9fff]")
# allauth's pages for a signed-in staff member, by URL name; the last two are about one passkey.
SIGNED_IN_PAGES = [
    "account_logout",
    "account_reauthenticate",
    "account_change_password",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_list_webauthn",
    "mfa_add_webauthn",
    "mfa_reauthenticate_webauthn",
    "mfa_edit_webauthn",
    "mfa_remove_webauthn",
]
# On the way in: the password, the code, the first set-up, and the page for a switched-off account.
ENTRANCE_PAGES = ["account_login", "mfa_authenticate", "mfa_activate_totp", "account_inactive"]
PASSWORD_PAGES = ["account_login", "account_reauthenticate", "account_change_password"]
# The one word for recovery codes, and the others allauth's catalogs use, in each Chinese.
RECOVERY_CODES = {
    "zh-hant": ("復原碼", ["備用碼", "恢復碼", "恢復代碼", "復原代碼"]),
    # mainland usage, from the conversion table (fixtures/conversion.json: 復原碼 → 恢复码)
    "zh-hans": ("恢复码", ["备用码", "复原码", "恢复代码", "复原代码"]),
}


class PageFacts(HTMLParser):
    """What these tests look at in a page: its lang, <main>s, design marks, fields, labels, links, <h1> text."""

    def __init__(self, html):
        super().__init__()
        self.lang, self.mains, self.in_main, self.h1, self.in_h1 = None, [], 0, "", False
        self.label_texts, self.in_label = [], False
        self.classes, self.fields, self.labels, self.links = set(), [], set(), []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.classes.update((attrs.get("class") or "").split())
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "main":
            self.mains.append(attrs.get("id"))
            self.in_main += 1
        elif tag == "div" and self.in_main and "account-page" in (attrs.get("class") or ""):
            self.classes.add("account-page-in-main")
        elif tag == "h1":
            self.in_h1 = True
        elif tag == "label":
            self.labels.add(attrs.get("for"))
            self.in_label = True
            self.label_texts.append("")
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit", "button"):
            self.fields.append(attrs)
        elif tag == "a" and self.in_main and (attrs.get("href") or "").startswith("/"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        self.in_main -= tag == "main"
        self.in_h1 = self.in_h1 and tag != "h1"
        self.in_label = self.in_label and tag != "label"

    def handle_data(self, data):
        if self.in_h1:
            self.h1 += data.strip()
        if self.in_label:
            self.label_texts[-1] += data.strip()


@pytest.fixture
def passkey(staff, monkeypatch):
    """A passkey of mei's, stored as allauth stores one. The browser's side of WebAuthn is not simulated:
    allauth's list of credentials to offer the browser (parsed from the registration) is left empty."""
    monkeypatch.setattr("allauth.mfa.webauthn.internal.auth.get_credentials", lambda user: [])
    data = {"name": "Mei's key", "credential": {"clientExtensionResults": {"credProps": {"rk": True}}}}
    return Authenticator.objects.create(user=staff, type=Authenticator.Type.WEBAUTHN, data=data)


@pytest.fixture
def account_pages(staff, new_staff, passkey, browser):
    """`account_pages(lang)`: {URL name: response} for every page in ENTRANCE_PAGES and SIGNED_IN_PAGES."""

    def fetch(lang):
        with translation.override(lang):
            url = {name: reverse(name) for name in [*ENTRANCE_PAGES, *SIGNED_IN_PAGES[:-2]]}
            url.update({name: reverse(name, kwargs={"pk": passkey.pk}) for name in SIGNED_IN_PAGES[-2:]})
        signed_in = sign_in_verified(Client(), staff)
        pages = {name: signed_in.get(url[name]) for name in SIGNED_IN_PAGES}
        pages["account_login"] = Client().get(url["account_login"])
        pages["account_inactive"] = Client().get(url["account_inactive"])
        mei = browser("203.0.113.9")
        assert mei.password("mei", PASSWORD, lang=lang).status_code == 302
        pages["mfa_authenticate"] = mei.get(url["mfa_authenticate"])
        newbie = browser("203.0.113.10")
        assert newbie.password("newbie", PASSWORD, lang=lang).status_code == 302  # to the set-up, by way of /admin/
        pages["mfa_activate_totp"] = newbie.get(url["mfa_activate_totp"])
        return pages

    return fetch


def offered_account_pages():
    """The URL name of every page under /<lang>/accounts/ that the site serves (allauth's sign-up, e-mail and
    reset pages are shadowed by a 404, accounts/urls.py)."""

    def pages(patterns, under_accounts=False, arguments=()):
        for pattern in patterns:
            arguments_here = (*arguments, *pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                inside = under_accounts or str(pattern.pattern) == "accounts/"
                yield from pages(pattern.url_patterns, inside, arguments_here)
            elif under_accounts and pattern.name:
                yield pattern.name, reverse(pattern.name, kwargs=dict.fromkeys(arguments_here, "1"))

    with translation.override("en"):
        return {name for name, path in pages(get_resolver().url_patterns) if resolve(path).url_name == name}


def test_the_walk_covers_every_account_page_the_site_offers():
    """A page added by an allauth upgrade, or a setting, fails here until it is in the walk (and styled)."""
    downloads = {"mfa_download_recovery_codes"}  # a text file of the codes, not a page
    assert offered_account_pages() - downloads == {*ENTRANCE_PAGES, *SIGNED_IN_PAGES}


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_every_account_page_is_in_the_sites_design_and_language(account_pages, lang):
    for name, response in account_pages(lang).items():
        assert response.status_code == 200, name
        page = PageFacts(response.content.decode())
        assert page.lang == html_lang(lang), name
        assert page.mains == ["main"], name
        assert {"skip-link", "site-header", "site-footer"} <= page.classes, f"{name}: not in the site's frame"
        assert "account-page-in-main" in page.classes, f"{name}: allauth's own unstyled page"
        unlabelled = [field for field in page.fields if field.get("id") not in page.labels]
        assert unlabelled == [], name
        for text in [page.h1, *page.label_texts]:
            assert bool(CHINESE.search(text)) == (lang != "en"), f"{name}: {text!r} not in {lang}"


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_no_account_page_links_to_a_missing_page(account_pages, staff, lang):
    client = sign_in_verified(Client(), staff)
    links = {link for response in account_pages(lang).values() for link in PageFacts(response.content.decode()).links}
    assert links, "the walk found the pages' links"
    assert [link for link in sorted(links) if client.get(link).status_code == 404] == []


@pytest.mark.parametrize(
    "lang, ask_an_administrator", [("en", "Ask an administrator"), ("zh-hant", "管理員")], ids=["en", "zh-hant"]
)
def test_a_forgotten_password_is_for_an_administrator_not_a_link_to_a_reset_page(
    account_pages, lang, ask_an_administrator
):
    """The site sends no e-mail, so allauth's "Forgot your password?" led to a 404 (accounts/urls.py)."""
    with translation.override(lang):
        reset_page = reverse("account_reset_password")
    pages = account_pages(lang)
    for name in PASSWORD_PAGES:
        html = pages[name].content.decode()
        assert f'href="{reset_page}"' not in html, name
        assert ask_an_administrator in html, name


@pytest.mark.parametrize("lang", ["zh-hant", "zh-hans"])
def test_recovery_codes_have_one_chinese_name_on_every_page(account_pages, staff, admin_user, lang):
    word, others = RECOVERY_CODES[lang]
    english, chinese = account_pages("en"), account_pages(lang)
    client = sign_in_verified(Client(), staff)
    client.cookies["django_language"] = lang  # the admin's language (it has no prefix)
    with translation.override(lang):
        chinese["message after new codes"] = client.post(reverse("mfa_generate_recovery_codes"), follow=True)
    if Authenticator in admin.site._registry:  # every account's factors, by type
        administrator = sign_in_verified(Client(), admin_user)
        administrator.cookies["django_language"] = lang
        chinese["admin list of factors"] = administrator.get("/admin/mfa/authenticator/")
    mentioning = 0
    for name, response in chinese.items():
        text = response.content.decode()
        assert [other for other in others if other in text] == [], name
        if name not in english or "recovery code" in english[name].content.decode().lower():
            assert word in text, f"{name}: recovery codes not named {word}"
            mentioning += 1
    assert mentioning >= 5
