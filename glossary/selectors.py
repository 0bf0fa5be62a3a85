"""Reads of glossary terms that more than one page shares."""

import re

from django.db.models.functions import Lower

from bilingual.languages import content_language

CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # a form with a Chinese character is written in Chinese
_NOT_A_LETTER = re.compile(r"[^\w]")
_SYLLABLE = 7  # the longest pinyin syllable with its tone number: zhuang1


def pinyin_sort_key(chinese):
    """A stored key that orders Chinese terms as a Chinese index does, by the pinyin with tones of each character,
    each syllable padded to one width so that plain string comparison compares syllable by syllable.

    The same rule as modes.selectors.pinyin_sort_key, which this app may not import (kinds stand alone): the
    shared home for both is bilingual/, a move left to whoever owns it."""
    from pypinyin import Style, lazy_pinyin  # loads its dictionaries on import: only saving needs them

    text = _NOT_A_LETTER.sub("", chinese or "")
    return "".join(syllable.lower().ljust(_SYLLABLE, "0") for syllable in lazy_pinyin(text, style=Style.TONE3))[:255]


def terms_in_reading_order(terms, language=None):
    """`terms` (a queryset) in the reader's alphabetical order, along an index: English readers by the English term,
    Chinese readers (either script) by the pinyin of the Chinese term."""
    if content_language(language) == "en":
        return terms.order_by(Lower("term_en"), "slug")
    return terms.order_by("term_pinyin", "slug")
