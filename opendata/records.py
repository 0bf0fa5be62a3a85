"""A published record as data for reuse (the API, the dumps): both languages, provenance, stable keys.

    {"kind": "company", "key": "…", "slug": "alibaba", "updated_at": "…",
     "texts": {"name": {"en": "Alibaba", "zh_hant": "阿里巴巴"}, "background": {…}, …},
     "values": {"website": "…"},
     "relations": {"modes": ["<key of a mode>", …]},
     "sources": [{"key": "…", "anchor": "b2b", "number": 3}]}

Relations and sources name published records only, by their stable keys (which never change; slugs may).
"""

from django.urls import reverse
from django.utils import translation

from content.registry import is_content

from .history import compared_fields

SOURCES = "sources"  # DrawsOnArticle's relation: the article's paragraphs a record's text says the same as
READER_LANGUAGES = ("en", "zh-hant", "zh-hans")


def relation_names(model):
    """The many-to-many relations of a kind to other kinds (sources included), in declaration order."""
    return [field.name for field in model._meta.many_to_many if is_content(field.related_model)]


def with_relations(queryset):
    """The kind's records with each relation's published records fetched at once (a query per relation)."""
    return queryset.prefetch_published(*relation_names(queryset.model))


def record_urls(record):
    """The record's page in each reader's language."""
    urls = {}
    for language in READER_LANGUAGES:
        with translation.override(language):
            urls[language] = record.get_absolute_url()
    return urls


def record_data(kind, record):
    """The record as plain data (JSON-ready but for the date and UUIDs, which the caller spells)."""
    texts, values = {}, {}
    for field in compared_fields(kind.model):
        value = getattr(record, field.name)
        if field.language is None:
            if field.name != "slug":  # given once, beside the key
                values[field.name] = value
        else:
            texts.setdefault(field.base, {})[field.language] = value or ""
    relations = {
        name: [str(other.key) for other in getattr(record, name).all()] for name in relation_names(type(record))
    }
    sources = relations.pop(SOURCES, None)
    data = {
        "kind": kind.model._meta.model_name,
        "key": str(record.key),
        "slug": record.slug,
        "updated_at": record.updated_at,
        "urls": record_urls(record),
        "texts": texts,
        "values": values,
        "relations": relations,
    }
    if sources is not None:
        by_key = {str(paragraph.key): paragraph for paragraph in getattr(record, SOURCES).all()}
        data["sources"] = [{"key": key, "anchor": by_key[key].slug, "number": by_key[key].number} for key in sources]
    return data


def api_url(name, **kwargs):
    return reverse(f"api-v1:{name}", kwargs=kwargs)
