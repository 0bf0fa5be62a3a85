"""Reads of companies that more than one page shares."""

import re

from django.db.models.functions import Lower

from bilingual.languages import content_language

_NOT_A_LETTER = re.compile(r"[^\w]")  # 《時尚芭莎》 sorts under 時, not under 《
_SYLLABLE = 7  # the longest pinyin syllable with its tone number: zhuang1


def pinyin_sort_key(chinese_name):
    """The stored key (Company.name_pinyin) that orders Chinese names as a Chinese index does: by the pinyin,
    with tones, of each character in turn (阿里 a1 li3 before 百度 bai3 du4).

    Each syllable is padded with "0" to one width, so that comparing the keys as plain strings compares
    syllable by syllable under any collation that puts digits before letters (C, ICU, glibc locales alike).
    """
    # Imported here, not at the top: pypinyin loads its dictionaries on import (a third of a second, a third of
    # Django's start-up), and only saving a company needs them, not every process that serves pages.
    from pypinyin import Style, lazy_pinyin

    name = _NOT_A_LETTER.sub("", chinese_name or "")
    return "".join(syllable.lower().ljust(_SYLLABLE, "0") for syllable in lazy_pinyin(name, style=Style.TONE3))[:255]


def companies_in_reading_order(companies, language=None):
    """`companies` (a queryset) ordered as a reader of `language` expects, by an index: Chinese readers by the
    pinyin of the Chinese name, as a mainland index and most bilingual Taiwan references order names; English
    readers by the English name."""
    if content_language(language) == "en":
        return companies.order_by(Lower("name_en"), "slug")
    return companies.order_by("name_pinyin", "slug")
