"""The read-only JSON API, read as a client reads it: JSON, an OpenAPI description that validates, pages by
cursor, bad values a 4xx, never a draft."""

from datetime import UTC

import pytest
from openapi_spec_validator import validate

from article.models import ArticleParagraph
from content.registry import content_kinds
from modes.models import Company, OperationMode
from opendata.api import api

from .helpers import edit

pytestmark = pytest.mark.django_db


def test_the_openapi_description_is_valid_and_names_every_kind(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)  # raises on an invalid description
    kinds = spec["components"]["schemas"]["KindName"]["enum"]
    assert sorted(kinds) == sorted(kind.model._meta.model_name for kind in content_kinds())
    assert "articleparagraph" in kinds


def test_the_kinds_are_listed_in_both_languages(client):
    kinds = {info["kind"]: info for info in client.get("/api/v1/kinds").json()}
    assert kinds["company"]["name"] == {"en": "companies", "zh_hant": "企業"}


def test_a_record_carries_both_languages_provenance_and_stable_keys(client):
    alibaba = Company.objects.get(slug="alibaba")
    data = client.get(f"/api/v1/company/{alibaba.key}").json()
    assert data["key"] == str(alibaba.key) and data["slug"] == "alibaba"
    assert data["texts"]["name"] == {"en": alibaba.name_en, "zh_hant": alibaba.name_zh_hant}
    assert "background" in data["texts"]
    assert data["urls"] == {lang: f"/{lang}/companies/alibaba/" for lang in ("en", "zh-hant", "zh-hans")}
    paragraphs = {str(p.key): p for p in ArticleParagraph.objects.published()}
    assert data["sources"] and all(source["key"] in paragraphs for source in data["sources"])
    assert all(paragraphs[s["key"]].slug == s["anchor"] for s in data["sources"])
    modes = {str(mode.key) for mode in alibaba.modes.published()}
    assert set(data["relations"]["modes"]) == modes and modes


def test_every_published_record_of_a_kind_comes_once_page_by_page(client):
    keys, cursor, pages = [], None, 0
    while True:
        query = {"limit": 7} | ({"cursor": cursor} if cursor is not None else {})
        page = client.get("/api/v1/company/", query).json()
        keys += [item["key"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(keys) == sorted(str(key) for key in Company.objects.published().values_list("key", flat=True))
    assert pages > 1


def test_changed_since_lists_only_what_changed(client):
    b2c = OperationMode.objects.get(slug="b2c")
    edit(b2c, summary_en=b2c.summary_en + " More.")
    b2c.refresh_from_db()
    page = client.get("/api/v1/operationmode/", {"changed_since": b2c.updated_at.isoformat()}).json()
    assert [item["key"] for item in page["items"]] == [str(b2c.key)]


@pytest.mark.parametrize("since", ["0001-01-01", "0001-01-01T00:00:00"])
def test_changed_since_without_an_offset_is_read_as_utc(client, since):
    listed = client.get("/api/v1/company/", {"changed_since": since, "limit": 100})
    assert listed.status_code == 200 and listed.json()["items"]


def test_changed_since_without_an_offset_is_utc_not_the_sites_time_zone(client):
    b2c = OperationMode.objects.get(slug="b2c")
    edit(b2c, summary_en=b2c.summary_en + " More.")
    b2c.refresh_from_db()
    naive_utc = b2c.updated_at.astimezone(UTC).replace(tzinfo=None).isoformat()
    page = client.get("/api/v1/operationmode/", {"changed_since": naive_utc}).json()
    assert [item["key"] for item in page["items"]] == [str(b2c.key)]


def test_drafts_are_never_served(client):
    alibaba = Company.objects.get(slug="alibaba")
    edit(alibaba, status="draft")
    assert client.get(f"/api/v1/company/{alibaba.key}").status_code == 404
    listed = client.get("/api/v1/company/", {"limit": 100}).json()["items"]
    assert str(alibaba.key) not in {item["key"] for item in listed}
    trends = client.get("/api/v1/trend/", {"limit": 100}).json()["items"]
    assert all(str(alibaba.key) not in item["relations"]["companies"] for item in trends)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nosuchkind/",
        "/api/v1/company/?cursor=-1",
        "/api/v1/company/?cursor=abc",
        "/api/v1/company/?cursor=99999999999999999999999",
        "/api/v1/company/?limit=0",
        "/api/v1/company/?limit=100000",
        "/api/v1/company/?changed_since=yesterday",
        "/api/v1/company/?changed_since=9999-12-31T23:59:59-23:59",
        "/api/v1/company/?changed_since=0001-01-01T00:00:00%2B23:59",
        "/api/v1/company/not-a-uuid",
        "/api/v1/company/00000000-0000-0000-0000-000000000000",
    ],
)
def test_bad_query_values_are_a_4xx_in_json(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    response.json()


def test_answers_are_cacheable_like_pages(client):
    response = client.get("/api/v1/company/")
    assert response["Cache-Control"].startswith("public, ")
    assert "company:list" in response["Surrogate-Key"].split()


@pytest.mark.parametrize("path", ["/api/v1/kinds", "/api/v1/company/"])
def test_head_is_answered_as_get_and_nothing_varies_on_language_or_cookie(client, path):
    assert client.head(path).status_code == 200
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hant", HTTP_COOKIE="theme=dark")
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",")}
    assert not varies & {"accept-language", "cookie"}


def test_each_address_is_throttled(client, monkeypatch):
    (throttle,) = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 3)
    throttle.cache.clear()
    statuses = [client.get("/api/v1/kinds", REMOTE_ADDR="192.0.2.7").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/api/v1/kinds", REMOTE_ADDR="192.0.2.8").status_code == 200
