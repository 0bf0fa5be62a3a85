"""Editors list the redirects in the admin and add their own; what cannot work is a form error in their language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from modes.models import Company
from redirects.models import Redirect

ADD_URL = reverse("admin:redirects_redirect_add")
LIST_URL = reverse("admin:redirects_redirect_changelist")


def add(client, old_path, to, lang="en"):
    client.cookies["django_language"] = lang
    return client.post(ADD_URL, {"old_path": old_path, "to": to}, HTTP_ACCEPT_LANGUAGE=lang)


def form_errors(response):
    assert response.status_code == 200, "refused, the form shown again"
    errors = response.context["adminform"].form.errors
    return {name: [str(error) for error in field_errors] for name, field_errors in errors.items()}


def test_an_editors_redirect_to_a_record_follows_it_through_renames(redirect_editor, client):
    response = add(redirect_editor, "https://example.org/zh-hant/taobao-mall/?from=ad", "/en/companies/tmall/")
    assert response.status_code == 302
    row = Redirect.objects.get()
    assert (row.old_path, row.automatic) == ("/taobao-mall", False)  # normalised: no host, language or query
    tmall = Company.objects.get(slug="tmall")
    tmall.slug = "tmall-com"
    tmall.save()
    for lang in ["en", "zh-hant", "zh-hans"]:
        response = client.get(f"/{lang}/taobao-mall/")
        assert (response.status_code, response["Location"]) == (301, f"/{lang}/companies/tmall-com/")


def test_an_editors_redirect_to_another_page(redirect_editor, client):
    assert add(redirect_editor, "/development-trends", "/en/trends/").status_code == 302
    response = client.get("/zh-hant/development-trends/")
    assert (response.status_code, response["Location"]) == (301, "/zh-hant/trends/")


def test_the_list_shows_where_each_redirect_leads_with_one_query_per_kind(redirect_editor):
    def rename_and_list(slugs):
        for slug in slugs:
            company = Company.objects.get(slug=slug)
            company.slug = f"{slug}-renamed"
            company.save()
        with CaptureQueriesContext(connection) as queries:
            response = redirect_editor.get(LIST_URL)
        return response.content.decode(), len(queries)

    html, few = rename_and_list(["jd"])
    assert "/companies/jd" in html and "(/companies/jd-renamed)" in html
    html, many = rename_and_list(["tmall", "taobao", "alibaba", "tencent"])
    assert "(/companies/tencent-renamed)" in html and many == few


@pytest.mark.parametrize(
    "lang, message",
    [("en", "This would make a loop"), ("zh-hant", "這會形成迴圈")],
)
def test_a_loop_is_refused_with_a_form_error_in_the_editors_language(redirect_editor, lang, message):
    Redirect.objects.create(old_path="/old-b", target_path="/old-a")
    Redirect.objects.create(old_path="/old-c", target_path="/old-b")
    errors = form_errors(add(redirect_editor, "/old-a", "/old-c/", lang))
    assert any(message in error for error in errors["to"])
    assert not Redirect.objects.filter(old_path="/old-a").exists()


def test_a_redirect_to_itself_is_a_loop(redirect_editor):
    Redirect.objects.create(old_path="/elsewhere", target_path="/trends")
    row = Redirect.objects.create(old_path="/old-a", target_path="/elsewhere")
    response = redirect_editor.post(
        reverse("admin:redirects_redirect_change", args=[row.pk]), {"old_path": "/old-a", "to": "/old-a"}
    )
    assert "to" in form_errors(response)


@pytest.mark.parametrize(
    "lang, old_path, message",
    [
        ("en", "/en/companies/tmall/", "This is the address of “Tmall”"),
        ("zh-hant", "/companies/tmall", "這是「天貓」的網址"),
        ("en", "/trends/", "This is the address of a page of the site"),
        ("zh-hant", "/", "首頁不能轉址"),
    ],
)
def test_a_live_address_cannot_redirect(redirect_editor, lang, old_path, message):
    errors = form_errors(add(redirect_editor, old_path, "/modes/", lang))
    assert any(message in error for error in errors["old_path"])


def test_an_address_of_no_page_is_refused_as_a_target(redirect_editor):
    errors = form_errors(add(redirect_editor, "/old-thing", "/no/such/page/"))
    assert errors["to"] == ["No page of this site has this address."]


def test_the_redirects_are_staff_only(client, db):
    response = client.get(LIST_URL)
    assert response.status_code == 302 and "/accounts/" in response["Location"]


@pytest.mark.parametrize("lang, labels", [("en", ["Old address:", "Leads to:"]), ("zh-hant", ["舊網址：", "轉往："])])
def test_the_form_is_in_the_editors_language(redirect_editor, lang, labels):
    redirect_editor.cookies["django_language"] = lang
    html = redirect_editor.get(ADD_URL, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert all(f">{label}</label>" in html for label in labels)
