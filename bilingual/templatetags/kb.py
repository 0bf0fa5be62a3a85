"""Template tags for translated content: show the reader's language, or say why not."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from bilingual.languages import html_lang
from bilingual.reading import field_text
from bilingual.text import render_markdown

register = template.Library()


@register.simple_tag
def tr_text(obj, field):
    """Plain text of a field, falling back to the other language (for titles and meta tags)."""
    return field_text(obj, field)[0]


@register.simple_tag
def tr(obj, field, markdown=False):
    """A field as HTML; text from the other language is marked with its lang and a note."""
    text, lang, fallback = field_text(obj, field)
    html = mark_safe(render_markdown(text)) if markdown else text
    if not fallback:
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
