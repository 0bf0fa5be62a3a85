"""The read-only JSON API at /api/v1/ (django-ninja): every kind of content, the article's paragraphs among them.

django-ninja rather than Django REST framework: the responses are declared as typed (pydantic) schemas, from which
the OpenAPI description at /api/v1/openapi.json is generated and against which query values are validated (a bad
one is a 422 with a JSON body, never a 500); and it is small — the API reads, it has no forms, serializers for
writing, or browsable pages to secure. Anonymous and public (ecomkb/urls.py): shared caches keep its answers as
they keep pages (pagecache.headers), and each client address is throttled (AddressThrottle).
"""

from datetime import UTC, datetime
from enum import StrEnum
from uuid import UUID

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.module_loading import import_string
from ninja import Field, NinjaAPI, Query, Schema
from ninja.throttling import AnonRateThrottle
from pydantic import field_validator

from content.cache import cache as pages_cache
from content.registry import content_kinds

from .history import kind_named
from .records import record_data, relation_names, with_relations

PAGE_LIMIT = 100  # records in one answer, at most


class AddressThrottle(AnonRateThrottle):
    """OPENDATA_API_RATE per client address, counted as sign-in's throttle counts it (settings.
    AXES_CLIENT_IP_CALLABLE: X-Forwarded-For only from a trusted proxy, IPv6 by /64), in the shared cache (one
    count for every worker) rather than the database, which sign-in's state uses."""

    cache = pages_cache  # the shared cache's proxy: each thread its own connection

    def get_ident(self, request):
        return import_string(settings.AXES_CLIENT_IP_CALLABLE)(request) or "unknown"


api = NinjaAPI(
    title="ecomkb",
    version="1",
    description="The published knowledge base, read-only: every kind of content in English and Traditional "
    "Chinese, with provenance and stable keys. Pages by cursor; `changed_since` for what changed.",
    urls_namespace="api-v1",
    docs_url=None,  # the interactive docs load scripts from a CDN, which the site's CSP refuses; the JSON stays
    throttle=[AddressThrottle(settings.OPENDATA_API_RATE)],
)


def read(path, **options):
    """GET, and HEAD answered as GET (the WSGI server drops the body) for link checkers and caches; only GET in the
    OpenAPI description (one operation id each)."""

    def register(view):
        api.api_operation(["HEAD"], path, include_in_schema=False, **options)(view)
        return api.get(path, **options)(view)

    return register


KindName = StrEnum("KindName", {kind.model._meta.model_name: kind.model._meta.model_name for kind in content_kinds()})


class LanguageText(Schema):
    en: str = Field(description="English")
    zh_hant: str = Field(description="Traditional Chinese (Taiwan usage); Simplified is derived, see urls")


class SourceRef(Schema):
    key: UUID = Field(description="The paragraph's stable key (kind articleparagraph)")
    anchor: str
    number: int


class Record(Schema):
    kind: KindName
    key: UUID = Field(description="Stable: never changes, never reused")
    slug: str = Field(description="The record's address on the site; may change (old ones redirect)")
    updated_at: datetime
    urls: dict[str, str] = Field(description="The record's page for readers of en, zh-hant and zh-hans")
    texts: dict[str, LanguageText] = Field(description="Translated fields, both languages")
    values: dict[str, str | int | None] = Field(description="Fields that are the same in every language")
    relations: dict[str, list[UUID]] = Field(description="Published records this one links to, by key")
    sources: list[SourceRef] | None = Field(
        None,
        description="Provenance: the article's paragraphs this record says the same as (texts.background "
        "holds what editors add from elsewhere)",
    )


class Page(Schema):
    items: list[Record]
    next_cursor: int | None = Field(description="Pass as `cursor` for the next page; null on the last")


class KindInfo(Schema):
    kind: KindName
    name: LanguageText
    title_field: str
    text_fields: list[str]
    relations: list[str]


class PageQuery(Schema):
    cursor: int | None = Field(None, ge=0, le=2**63 - 1, description="From the previous page's next_cursor")
    changed_since: datetime | None = Field(
        None,
        description="Only records changed at or after (ISO 8601); without an offset it is read as UTC, as "
        "`updated_at` is written",
    )
    limit: int = Field(50, ge=1, le=PAGE_LIMIT)

    @field_validator("changed_since")
    @classmethod
    def in_utc(cls, value):
        """In UTC, as the database compares it: a time that has none there (before year 1, after 9999) is a 422."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError("out of the range of dates in UTC") from None


def _kind(name):
    kind = kind_named(name.value)
    if kind is None:  # the enum was built from the registry: only if the registry changed at run time
        raise Http404("No such kind of content")
    return kind


@read("/kinds", response=list[KindInfo], summary="The kinds of content")
def kinds(request):
    infos = []
    for kind in content_kinds():
        names = {}
        for language, field in (("en", "en"), ("zh-hant", "zh_hant")):
            with translation.override(language):
                names[field] = str(kind.model._meta.verbose_name_plural)
        infos.append(
            {
                "kind": kind.model._meta.model_name,
                "name": names,
                "title_field": kind.title_field,
                "text_fields": list(kind.text_fields),
                "relations": relation_names(kind.model),
            }
        )
    return infos


@read("/{kind}/", response=Page, summary="A page of a kind's published records, by cursor")
def record_list(request, kind: KindName, query: Query[PageQuery]):
    found = _kind(kind)
    records = found.model.objects.published().order_by("pk")
    if query.cursor is not None:
        records = records.filter(pk__gt=query.cursor)
    if query.changed_since is not None:
        records = records.filter(updated_at__gte=query.changed_since)
    records = list(with_relations(records)[: query.limit + 1])
    more = len(records) > query.limit
    records = records[: query.limit]
    return {
        "items": [record_data(found, record) for record in records],
        "next_cursor": records[-1].pk if more else None,
    }


@read("/{kind}/{key}", response=Record, summary="One published record, by its stable key")
def record_detail(request, kind: KindName, key: UUID):
    found = _kind(kind)
    record = with_relations(found.model.objects.published()).filter(key=key).first()
    if record is None:
        raise Http404("No such published record")
    return record_data(found, record)
