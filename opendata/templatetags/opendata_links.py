import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from content.registry import kind_of

from ..structured_data import page_structured_data

register = template.Library()
JSON_IN_HTML = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}  # as Django's json_script escapes


@register.simple_tag
def history_url(record):
    """The public history of a published record of any kind; "" for anything else (a draft, a page of no record)."""
    if kind_of(record) is None or not getattr(record, "is_published", False):
        return ""
    return reverse("opendata:history", kwargs={"kind": record._meta.model_name, "key": record.key})


@register.simple_tag
def version_url(change):
    kwargs = {
        "kind": change.kind.model._meta.model_name,
        "key": change.record.key,
        "version": change.version.history_id,
    }
    return reverse("opendata:version", kwargs=kwargs)


@register.simple_tag
def kind_name(kind, plural=False):
    """A kind's name in the reader's language (its model's verbose name)."""
    meta = kind.model._meta
    return meta.verbose_name_plural if plural else meta.verbose_name


@register.simple_tag(takes_context=True)
def json_ld(context):
    """<script type="application/ld+json"> with the page's structured data; "" when it has none. No text in it
    can close the element (JSON_IN_HTML)."""
    request = context.get("request")
    data = page_structured_data(context, request) if request is not None else None
    if data is None:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_IN_HTML)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
