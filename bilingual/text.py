"""Turning editors' Markdown into HTML that is safe to show readers."""

import re

import markdown
import nh3
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .chinese import reading_simplified

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "blockquote",
    "code",
    "pre",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


# A run of Chinese characters (with the punctuation between them) inside English text, such as 刷牆 in a note.
CHINESE_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff0f《》]*")


def mark_chinese_runs(html, lang=None):
    """English HTML with each Chinese word in it marked `lang` (by default the script the reader reads: on
    /zh-hans/ the words are converted too, bilingual.chinese.for_reader), so it is read out and set as Chinese.

    Only text between tags is touched (Chinese never appears in this site's tags or attributes
    of English text, but an href is skipped all the same)."""
    lang = lang or ("zh-Hans" if reading_simplified() else "zh-Hant")
    parts = re.split(r"(<[^>]*>)", str(html))
    marked = [
        part if part.startswith("<") else CHINESE_RUN.sub(lambda m: f'<span lang="{lang}">{m.group(0)}</span>', part)
        for part in parts
    ]
    return mark_safe("".join(marked))


def english_with_chinese_marked(text):
    """Plain English text, escaped, with its Chinese words marked."""
    return mark_chinese_runs(escape(text or ""))


def render_markdown(text):
    """Markdown to HTML, then through nh3 so no script, handler or javascript: link survives.

    Lists or quotes nested deeper than the renderer can recurse ("1. " * 700, saved from the admin or a shell) would
    make the page a 500: such a text is shown as plain paragraphs instead.
    """
    try:
        return clean_html(markdown.markdown(text or "", output_format="html"))
    except RecursionError:
        return "".join(format_html("<p>{}</p>", paragraph) for paragraph in (text or "").split("\n\n"))


def clean_html(html):
    """What readers may be shown of `html` (translation files are refused if this would strip anything)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


# Passes over every rendered body, added by higher layers (content.term_links links glossary terms): each is
# called as pass_(html, lang, exclude_url) and returns the HTML. This layer knows none of them.
_body_passes = []


def add_body_pass(function, fingerprint):
    """`fingerprint()` says, as a short string, what the pass now does beyond its code (the glossary terms it links):
    equal fingerprints, equal output. Rendered fragments are kept under it (content.templatetags.fragments)."""
    _body_passes.append((function, fingerprint))


def after_body_passes(html, lang, exclude_url=None):
    for function, _fingerprint in _body_passes:
        html = function(html, lang, exclude_url)
    return html


def body_passes_fingerprint():
    return tuple(fingerprint() for _function, fingerprint in _body_passes)
