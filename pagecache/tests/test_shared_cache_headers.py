"""What a shared cache (Varnish, a CDN) may keep: every reader's page, under keys naming what it shows; nothing of
the staff area, of a session, or of an error. The pages come from Django's resolver, not from a list."""

import re

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import translation

from accounts.staff_area import is_public
from accounts.testing import every_url_pattern
from content.cache import KEYS_BYTES, MOST_KEYS_OF_A_KIND, PageKeys
from content.registry import content_models, kind_of
from modes.models import Company, OperationMode
from pages.sitemaps import sitemaps

PATTERNS = list(every_url_pattern())
STAFF_PREFIXES = ("/admin/", "/en/accounts/")
READER_PATTERNS = [
    (path, pattern)
    for path, pattern in PATTERNS
    if is_public(resolve(path).func) and not path.startswith(STAFF_PREFIXES)
]
STAFF_PATTERNS = [(path, pattern) for path, pattern in PATTERNS if not is_public(resolve(path).func)]
SIGN_IN_PATTERNS = [
    (path, pattern) for path, pattern in PATTERNS if is_public(resolve(path).func) and path.startswith(STAFF_PREFIXES)
]


def real_path(sample):
    """A path of the sample's pattern that exists: its arguments filled from a published record (of the view's
    kind, else a mode), or the first sitemap section. (path, the record it shows or None)"""
    match = resolve(sample)
    names = re.findall(r"<(?:\w+:)?(\w+)>", match.route)
    if not names:
        return sample, None
    model = getattr(getattr(match.func, "view_class", None), "model", None)
    record = (model if kind_of(model) else OperationMode).objects.published().order_by("pk").first()
    values = {  # a pattern with other arguments is requested as the walk gives it
        "slug": record.slug,
        "kind": record._meta.model_name,
        "key": record.key,
        "version": getattr(record, "version", 1),
        "section": next(iter(sitemaps())),
    }
    if not set(names) <= set(values):
        return sample, None
    with translation.override("en"):  # the samples' language
        path = reverse(match.view_name, kwargs={name: values[name] for name in names})
    return path, None if set(names) <= {"section", "kind"} else record


def shared(response):
    """(may a shared cache keep it, its s-maxage, its keys)"""
    control = response.get("Cache-Control", "")
    seconds = re.search(r"s-maxage=(\d+)", control)
    return "public" in control and seconds is not None, int(seconds[1]) if seconds else 0, response.get("xkey", "")


def test_the_walk_finds_every_kind_of_readers_page():
    names = {resolve(path).url_name for path, _ in READER_PATTERNS}
    assert {"home", "search", "mode_detail", "company_list", "trend_side_by_side", "article", "sitemap"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("sample", "pattern"), READER_PATTERNS, ids=[path for path, _ in READER_PATTERNS])
def test_every_readers_page_is_kept_by_shared_caches_under_keys_naming_what_it_shows(sample, pattern, settings):
    """Answered 200: kept, naming the record it shows (unless its view says private: a downloads page showing an
    older dump); answered otherwise (a redirect, a 404): never kept."""
    path, record = real_path(sample)
    response = Client().get(path)
    cacheable, seconds, keys = shared(response)
    if response.status_code != 200 or not cacheable:
        assert response["Cache-Control"] == "private, no-store" and not keys, path
        return
    assert cacheable and seconds == settings.HTTP_CACHE_SECONDS, response.get("Cache-Control")
    assert "stale-while-revalidate=" in response["Cache-Control"]
    assert "site" in keys.split()
    if record is not None:
        assert f"{record._meta.model_name}:{record.pk}" in keys.split()
    assert response["Surrogate-Key"] == keys and response["Cache-Tag"] == keys.replace(" ", ",")
    assert len(keys) <= 8000, "longer than a header line Varnish accepts by default"


@pytest.mark.django_db
def test_the_readers_pages_the_walk_fills_in_are_answered_so_the_walk_checks_them():
    answered = {
        resolve(path).url_name for path, _ in READER_PATTERNS if Client().get(real_path(path)[0]).status_code == 200
    }
    assert {
        "home",
        "mode_list",
        "mode_detail",
        "company_side_by_side",
        "trend_detail",
        "article",
        "sitemap",
    } <= answered
    assert "sitemap_section" in answered


@pytest.mark.django_db
def test_a_page_names_each_record_it_shows_and_the_lists_it_read():
    mode = OperationMode.objects.published().filter(companies__status="published").distinct().first()
    keys = Client().get(mode.get_absolute_url())["xkey"].split()
    shown = [company for company in mode.companies.published()][:24]
    assert {f"company:{company.pk}" for company in shown} <= set(keys)
    assert f"operationmode:{mode.pk}" in keys and "company:list" in keys
    hidden = Company.objects.published().exclude(modes=mode).first()
    assert f"company:{hidden.pk}" not in keys  # a company this page does not show does not purge it


@pytest.mark.django_db
def test_an_empty_list_still_names_its_kind_so_the_first_record_published_purges_it():
    Company.objects.update(status="draft")
    keys = Client().get("/en/companies/")["xkey"].split()
    assert "company:list" in keys


@pytest.mark.django_db
def test_search_results_are_kept_briefly_under_every_kinds_keys(settings):
    settings.HTTP_CACHE_QUERY_SECONDS = 45
    response = Client().get("/en/search/", {"q": "B2B"})
    cacheable, seconds, keys = shared(response)
    assert cacheable and seconds == 45
    assert {f"{model._meta.model_name}:all" for model in content_models()} <= set(keys.split())


@pytest.mark.django_db
def test_a_draft_an_unknown_page_and_a_bad_page_number_are_never_kept():
    draft = Company.objects.published().first()
    Company.objects.filter(pk=draft.pk).update(status="draft")
    for path in (draft.get_absolute_url(), "/en/no-such-page/", "/en/companies/?page=999"):
        response = Client().get(path)
        assert response.status_code == 404
        assert response["Cache-Control"] == "private, no-store" and "xkey" not in response


@pytest.mark.django_db
def test_a_signed_in_editor_is_never_served_from_or_into_a_shared_cache(admin_client):
    for path in ("/en/", "/en/companies/", Company.objects.published().first().get_absolute_url()):
        response = admin_client.get(path)
        assert response.status_code == 200
        assert not shared(response)[0] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "signed in"])
def test_no_staff_page_and_no_sign_in_form_is_ever_kept_by_a_shared_cache(who, request):
    """The staff area never; of the sign-in door (public), only a page without a form (allauth's "account
    inactive" notice: no POST form), which shows nothing of anyone."""
    client = request.getfixturevalue("admin_client") if who == "signed in" else Client()
    kept = []
    for path, _ in STAFF_PATTERNS + SIGN_IN_PATTERNS:
        if "logout" in path:
            continue
        for response in (client.get(path), client.head(path)):
            staff = not is_public(resolve(path).func) or who == "signed in"
            if shared(response)[0] and (staff or b'method="post"' in client.get(path).content.lower()):
                kept.append((path, response.status_code, response.get("Cache-Control")))
            elif not shared(response)[0] and "no-store" not in response.get("Cache-Control", ""):
                kept.append((path, response.status_code, response.get("Cache-Control")))
    assert kept == []
    assert len(STAFF_PATTERNS) > 90


def test_a_page_showing_too_many_records_to_name_carries_their_kinds_all_key():
    page = PageKeys()
    for pk in range(1, MOST_KEYS_OF_A_KIND + 2):
        page.add_record(Company(pk=pk))
    page.add_record(OperationMode(pk=7))
    keys = page.keys()
    assert {"company:all", "company:list", "operationmode:7", "operationmode:list", "site"} == keys


def test_the_keys_stay_within_a_header_line_however_many_kinds_a_page_shows():
    page = PageKeys()
    for model in content_models():
        for pk in range(10**6, 10**6 + MOST_KEYS_OF_A_KIND):
            page.add_record(model(pk=pk))
    keys = page.keys()
    assert len(" ".join(keys)) <= KEYS_BYTES
    assert any(key.endswith(":all") for key in keys) and any(key[-1].isdigit() for key in keys)
