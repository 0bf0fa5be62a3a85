"""Template tags for translated fields: the reader's language, or the other one marked as such.

{% load reading %}
{% reader_text object "name" %}                 plain text (titles, <title>, meta tags)
{% reader_html object "body" markdown=True %}   HTML; fallback text carries its lang and a note
"""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from bilingual.languages import html_lang
from bilingual.reading import reader_text as text_for_reader
from bilingual.text import after_body_passes, mark_chinese_runs, render_markdown

register = template.Library()


@register.simple_tag
def reader_text(obj, field):
    """Plain text of a field, falling back to the other language (for titles and meta tags)."""
    return text_for_reader(obj, field).text


@register.simple_tag
def reader_html(obj, field, markdown=False):
    """A field as HTML; text from the other language is marked with its lang and a note."""
    text, lang, is_fallback = text_for_reader(obj, field)
    if markdown:  # a body: its passes too (a term's first use linked to its page: content.term_links)
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
        html = mark_safe(after_body_passes(render_markdown(text), lang, exclude_url=url))
    else:
        html = text
    if lang == "en":  # a Chinese word quoted in English text is marked as Chinese
        html = mark_chinese_runs(html if markdown else escape(html))
    if not is_fallback:
        return format_html("{}", html)
    note = _("Not yet translated; shown in the original language.")
    if markdown:
        return format_html('<div lang="{}">{}</div><p class="untranslated-note">{}</p>', html_lang(lang), html, note)
    return format_html(
        '<span lang="{}">{}</span> <small class="untranslated-note">({})</small>',
        html_lang(lang),
        html,
        note,
    )
