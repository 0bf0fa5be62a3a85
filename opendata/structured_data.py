"""schema.org structured data (JSON-LD) for a record's page: what a search engine reads of it.

A mode and a glossary term are `DefinedTerm`s in their kind's `DefinedTermSet`, a trend an `Article`, a company an
`Organization`; each says its language (`inLanguage`), when it last changed (`dateModified`) and that it is based
on the source article (`isBasedOn`). It is served inline as a data block (<script type="application/ld+json">),
which browsers never run: the Content-Security-Policy's script-src governs scripts that run, so it needs neither a
hash nor a nonce, and the policy stays "nothing inline runs".
"""

import html

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from bilingual.languages import html_lang
from bilingual.reading import reader_text
from bilingual.text import render_markdown
from content.registry import is_markdown, kind_of

DESCRIPTION_LENGTH = 500  # characters of the first text: a summary, not the body


def _plain(record, field):
    text = reader_text(record, field).text or ""
    if is_markdown(record, field):
        text = html.unescape(strip_tags(render_markdown(text)))  # plain text: `&`, not `&amp;`
    return " ".join(text.split())[:DESCRIPTION_LENGTH]


def structured_data(record, request):
    """The JSON-LD of a published record's page (a dict), or None for a record with no page.

    The page is a WebPage — a creative work, which is what has a language, a date modified and a source it is based
    on in schema.org's vocabulary — whose main entity is the record as its kind declares it (a DefinedTerm, an
    Organization, an Article…): an Organization has no language or source of its own."""
    kind = kind_of(record)
    if kind is None or not kind.has_own_pages or not getattr(record, "is_published", False):
        return None
    schema_type = kind.schema_type  # declared with the kind (content.registry)
    url = request.build_absolute_uri(record.get_absolute_url())
    title = reader_text(record, kind.title_field).text
    entity = {"@type": schema_type, "@id": f"{url}#it", "name": title}
    if kind.text_fields:
        entity["description"] = _plain(record, kind.text_fields[0])
    if schema_type == "DefinedTerm":
        entity["inDefinedTermSet"] = {
            "@type": "DefinedTermSet",
            "name": str(record._meta.verbose_name_plural),
            "url": request.build_absolute_uri(reverse(kind.list_url_name)),
        }
        if getattr(record, "code", ""):
            entity["termCode"] = record.code
    elif schema_type == "Article":
        entity.update(headline=title, inLanguage=html_lang(), dateModified=record.updated_at.isoformat())
    elif schema_type == "Organization" and getattr(record, "website", ""):
        entity["sameAs"] = record.website
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": title,
        "inLanguage": html_lang(),
        "dateModified": record.updated_at.isoformat(),
        "isBasedOn": {
            "@type": "Article",
            "name": settings.SOURCE_ARTICLE["title"],
            "url": request.build_absolute_uri(reverse("article:article")),
            "inLanguage": "zh-Hant",
        },
        "mainEntity": entity,
    }


def _website(request):
    """The home page: the site itself, and how to search it (a search engine may offer the box in its results)."""
    home = request.build_absolute_uri(reverse("home"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": home,
        "url": home,
        "name": str(_("E-commerce modes")),
        "inLanguage": html_lang(),
        "isBasedOn": {"@type": "Article", "name": settings.SOURCE_ARTICLE["title"], "inLanguage": "zh-Hant"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": request.build_absolute_uri(reverse("search")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def _web_page(context, request, view):
    """Any other reader's page (search, recent changes, history, downloads): a WebPage of the site. None for the
    staff area and errors (no view of a public pattern rendered them) and for forms (sign-in)."""
    match = request.resolver_match
    if view is None or match is None or getattr(match.func, "login_required", True) is not False or "form" in context:
        return None
    home = request.build_absolute_uri(reverse("home"))
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "url": request.build_absolute_uri(request.path),
        "inLanguage": html_lang(),
        "isPartOf": {"@type": "WebSite", "@id": home, "url": home},
    }


def page_structured_data(context, request):
    """The JSON-LD of the page being rendered: its record's, a kind's list as a set of terms or a collection, the
    source article, the site (home) or a page of it; None for the staff area, sign-in and errors."""
    record = context.get("object")
    if kind_of(record) is not None:
        return structured_data(record, request)
    match = request.resolver_match
    if match is not None and match.url_name == "home":
        return _website(request)
    view = context.get("view")
    model = getattr(view, "model", None) or getattr(context.get("object_list"), "model", None)
    kind = kind_of(model) if view is not None and model is not None else None
    if getattr(view, "include_drafts", False):
        return None
    if kind is None:
        return _web_page(context, request, view)
    url = request.build_absolute_uri(request.path)
    records = [item for item in context.get("object_list") or () if getattr(item, "is_published", False)]
    if not kind.has_own_pages:  # the article: its paragraphs are parts of one page
        source = context.get("source_article") or settings.SOURCE_ARTICLE  # in the reader's script
        changed = max((item.updated_at for item in records), default=None)
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "@id": url,
            "url": url,
            "headline": source["title"],
            "name": source["title"],
            "inLanguage": [html_lang(), "zh-Hant"] if html_lang() != "zh-Hant" else "zh-Hant",
            "publisher": {"@type": "Organization", "name": source["site"]},
        }
        if changed:
            data["dateModified"] = changed.isoformat()
        return data
    terms = kind.schema_type == "DefinedTerm"
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet" if terms else "CollectionPage",
        "@id": url,
        "url": url,
        "name": str(kind.model._meta.verbose_name_plural),
        "inLanguage": html_lang(),
        "hasDefinedTerm" if terms else "hasPart": [
            {
                "@type": kind.schema_type,
                "name": reader_text(item, kind.title_field).text,
                "url": request.build_absolute_uri(item.get_absolute_url()),
            }
            for item in records
        ],
    }
