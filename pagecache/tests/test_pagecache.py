"""Pages come from the cache for anonymous readers, and an editor's save shows at once."""

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.test import RequestFactory

from content.signals import ChangeRefused
from modes.models import Company, OperationMode
from pagecache.middleware import PageCacheMiddleware, local_pages
from trends.models import Trend


def test_a_repeat_visit_is_served_from_the_cache_without_a_query(db, client, django_assert_num_queries):
    first = client.get("/en/modes/b2b/")
    with django_assert_num_queries(0):
        again = client.get("/en/modes/b2b/")
    assert again.status_code == 200 and again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == "DENY"


def test_each_language_and_query_string_has_its_own_entry(db, client):
    assert '<html lang="en">' in client.get("/en/").content.decode()
    assert '<html lang="zh-Hant">' in client.get("/zh-hant/").content.decode()
    client.get("/en/modes/b2b/")
    # Django's own QuerySet.update(), around ours (which empties the cache): a write the cache does not hear of.
    QuerySet.update(OperationMode.objects.filter(slug="b2b"), name_en="Renamed quietly")
    assert "Renamed quietly" not in client.get("/en/modes/b2b/").content.decode()
    assert "Renamed quietly" in client.get("/en/modes/b2b/?utm=x").content.decode()


def test_a_repeat_visit_with_the_etag_gets_304(db, client):
    etag = client.get("/zh-hant/trends/").headers["ETag"]
    response = client.get("/zh-hant/trends/", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_save_shows_at_once(db, client, lang):
    client.get(f"/{lang}/companies/jd/")
    client.get(f"/{lang}/")
    jd = Company.objects.get(slug="jd")
    jd.name_en = jd.name_zh_hant = "JD renamed"
    jd.save()
    assert "JD renamed" in client.get(f"/{lang}/companies/jd/").content.decode()
    assert "JD renamed" in client.get(f"/{lang}/").content.decode(), "every page, not only the record's own"


def test_a_relation_change_shows_at_once(db, client):
    assert 'href="/en/companies/wanda/"' in client.get("/en/trends/o2o-partnerships/").content.decode()
    Trend.objects.get(slug="o2o-partnerships").companies.remove(Company.objects.get(slug="wanda"))
    assert 'href="/en/companies/wanda/"' not in client.get("/en/trends/o2o-partnerships/").content.decode()


def test_a_deletion_shows_at_once(db, client):
    assert client.get("/en/modes/c2b/").status_code == 200
    OperationMode.objects.get(slug="c2b").delete()
    assert client.get("/en/modes/c2b/").status_code == 404


def test_a_404_is_not_cached(db, client):
    Company.objects.filter(slug="jd").update(status="draft")  # no signal
    assert client.get("/en/companies/jd/").status_code == 404
    Company.objects.filter(slug="jd").update(status="published")  # still no signal
    assert client.get("/en/companies/jd/").status_code == 200


def test_signed_in_editors_always_get_a_fresh_page(db, admin_client):
    admin_client.get("/en/modes/b2b/")
    OperationMode.objects.filter(slug="b2b").update(name_en="Seen by the editor")  # no signal
    assert "Seen by the editor" in admin_client.get("/en/modes/b2b/").content.decode()


def _ok(**headers):
    return HttpResponse("page", headers=headers)


def _with_cookie():
    response = _ok()
    response.set_cookie("csrftoken", "x")
    return response


@pytest.mark.parametrize(
    "make_response",
    [
        lambda: HttpResponse("missing", status=404),
        lambda: HttpResponse("broken", status=500),
        lambda: HttpResponse("moved", status=302),
        _with_cookie,
        lambda: _ok(**{"Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private"}),
        lambda: _ok(**{"Cache-Control": "private"}),
    ],
    ids=["404", "500", "redirect", "sets-cookie", "never_cache", "private"],
)
def test_responses_that_must_not_be_shared_are_not_cached(db, make_response):
    calls = []

    def view(request):
        calls.append(request)
        return make_response()

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/en/anything/"))
    assert len(calls) == 2


def test_requests_with_a_session_or_credentials_bypass_the_cache(db):
    calls = []
    middleware = PageCacheMiddleware(lambda request: calls.append(request) or _ok())
    factory = RequestFactory()
    middleware(factory.get("/en/"))
    middleware(factory.get("/en/"))
    assert len(calls) == 1
    factory.cookies["sessionid"] = "abc"
    middleware(factory.get("/en/"))
    middleware(RequestFactory().get("/en/", headers={"Authorization": "Basic eDp5"}))
    middleware(RequestFactory().post("/en/"))
    assert len(calls) == 4


@pytest.fixture
def file_cache(settings, tmp_path):
    """The default of `make serve`: one cache directory shared by every gunicorn worker on the machine."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)},
    }
    return tmp_path


def test_with_the_file_cache_another_worker_serves_the_page_and_sees_a_save(
    db, client, file_cache, django_assert_num_queries
):
    client.get("/en/companies/jd/")
    local_pages.pages.clear()  # as if the next request went to another worker process
    with django_assert_num_queries(0):
        assert client.get("/en/companies/jd/").status_code == 200
    assert (file_cache / "pagecache-generation").exists()

    jd = Company.objects.get(slug="jd")
    jd.name_en = "JD, renamed by another worker"
    jd.save()
    assert "JD, renamed by another worker" in client.get("/en/companies/jd/").content.decode()


def test_a_cache_server_that_is_down_costs_speed_not_pages_and_refuses_saves(db, client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }  # nothing listens there
    assert client.get("/zh-hant/modes/b2b/").status_code == 200
    mode = OperationMode.objects.get(slug="b2b")
    mode.name_en = "Saved while the cache is down"
    with pytest.raises(ChangeRefused), transaction.atomic():
        mode.save()  # when the cache is back it would still hold pages without this change
    assert OperationMode.objects.get(slug="b2b").name_en != "Saved while the cache is down"
    assert client.get("/en/modes/b2b/").status_code == 200


def test_with_no_cache_lifetime_the_middleware_steps_aside(settings):
    settings.PAGE_CACHE_SECONDS = 0  # as in the other tests and with debug on (`make run`)
    with pytest.raises(MiddlewareNotUsed):
        PageCacheMiddleware(lambda request: _ok())
