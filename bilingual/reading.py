"""A record's text in the reader's language (with fallback), and English and Chinese side by side.

These functions take a record and field *names*; which fields a kind of record has is for the caller
to say (content.registry), so this module knows no model.
"""

import re
from dataclasses import dataclass
from itertools import zip_longest
from typing import NamedTuple

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname

from .chinese import for_reader
from .languages import content_language, html_lang
from .text import render_markdown

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class ReaderText(NamedTuple):
    text: str
    lang: str  # the language the text is in: en, zh-hant or zh-hans
    is_fallback: bool  # the reader's language had none, so this is the other language's text


def reader_text(obj, field):
    """A translated field's text for the current reader, falling back to the other language when empty.

    Chinese text comes out in Simplified characters for a reader of /zh-hans/ (bilingual.chinese).
    """
    wanted = content_language()
    text = getattr(obj, build_localized_fieldname(field, wanted), "")
    if text:
        return ReaderText(*for_reader(text, wanted), False)
    for other in settings.MODELTRANSLATION_LANGUAGES:
        text = getattr(obj, build_localized_fieldname(field, other), "")
        if other != wanted and text:
            return ReaderText(*for_reader(text, other), True)
    return ReaderText("", wanted, False)


@dataclass
class Column:
    code: str  # the reader's language code of this column: en, zh-hant or zh-hans
    html_lang: str
    name: str  # in its own language


@dataclass
class Row:
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


def parallel_rows(record, title_field, text_fields):
    """The record's title, then each Markdown text field paragraph by paragraph, as rows of aligned cells;
    unequal paragraph counts leave gaps."""
    cols = columns()

    def texts(name):
        stored = [("zh-hant" if column.code != "en" else "en") for column in cols]
        return [for_reader(getattr(record, build_localized_fieldname(name, lang)) or "", lang)[0] for lang in stored]

    rows = [Row(True, [(col, escape(text) or None) for col, text in zip(cols, texts(title_field), strict=False)])]
    for name in text_fields:
        for cells in zip_longest(*(paragraphs(text) for text in texts(name))):
            rows.append(Row(False, list(zip(cols, cells, strict=False))))
    return cols, rows
