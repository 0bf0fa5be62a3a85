"""A record's text in the reader's language (with fallback), and English and Chinese side by side."""

import re
from dataclasses import dataclass
from itertools import zip_longest

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname

from .chinese import for_reader
from .languages import content_language, html_lang
from .text import render_markdown

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def field_text(obj, field):
    """(text, language it is in, whether it is a fallback) for a translated field.

    Chinese text comes out in Simplified characters for a reader of /zh-hans/ (bilingual.chinese).
    """
    wanted = content_language()
    text = getattr(obj, build_localized_fieldname(field, wanted), "")
    if text:
        return (*for_reader(text, wanted), False)
    for other in settings.MODELTRANSLATION_LANGUAGES:
        text = getattr(obj, build_localized_fieldname(field, other), "")
        if other != wanted and text:
            return (*for_reader(text, other), True)
    return "", wanted, False


@dataclass
class Column:
    code: str  # the reader's language code of this column: en, zh-hant or zh-hans
    html_lang: str
    name: str  # in its own language


@dataclass
class Row:
    field: str
    is_title: bool
    cells: list  # one (column, HTML) per column; HTML is None where that language has no such paragraph


def paragraphs(markdown_text):
    """A Markdown text's blocks (split at blank lines), each rendered as safe HTML."""
    blocks = PARAGRAPH_BREAK.split((markdown_text or "").strip())
    return [mark_safe(render_markdown(block)) for block in blocks if block.strip()]


def columns():
    """English and Chinese, the reader's language first; Chinese in the script the reader reads."""
    chinese = get_language() if get_language() != "en" else "zh-hant"
    codes = ["en", chinese] if content_language() == "en" else [chinese, "en"]
    return [Column(code, html_lang(code), get_language_info(code)["name_local"]) for code in codes]


def parallel_rows(record):
    """The record's text fields as rows of aligned cells; unequal paragraph counts leave gaps."""
    cols = columns()
    rows = []
    for index, name in enumerate(record.text_fields):
        texts = []
        for column in cols:
            stored = "zh-hant" if column.code != "en" else "en"
            texts.append(for_reader(getattr(record, build_localized_fieldname(name, stored)) or "", stored)[0])
        if index == 0:
            rows.append(Row(name, True, [(col, escape(text) or None) for col, text in zip(cols, texts, strict=False)]))
            continue
        for cells in zip_longest(*(paragraphs(text) for text in texts)):
            rows.append(Row(name, False, list(zip(cols, cells, strict=False))))
    return cols, rows
