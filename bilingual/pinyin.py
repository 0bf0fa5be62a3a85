"""Chinese text in the order a Chinese index gives it: by pinyin, with tones, character by character."""

import re

_NOT_A_LETTER = re.compile(r"[^\w]")  # 《時尚芭莎》 sorts under 時, not under 《
_SYLLABLE = 7  # the longest pinyin syllable with its tone number: zhuang1


def pinyin_sort_key(chinese):
    """A stored key (Company.name_pinyin, Term.term_pinyin) that orders Chinese names as a Chinese index does: by the
    pinyin, with tones, of each character in turn (阿里 a1 li3 before 百度 bai3 du4).

    Each syllable is padded with "0" to one width, so that comparing the keys as plain strings compares syllable by
    syllable under any collation that puts digits before letters (C, ICU, glibc locales alike).
    """
    # Imported here, not at the top: pypinyin loads its dictionaries on import (a third of a second, a third of
    # Django's start-up), and only saving a record needs them, not every process that serves pages.
    from pypinyin import Style, lazy_pinyin

    text = _NOT_A_LETTER.sub("", chinese or "")
    return "".join(syllable.lower().ljust(_SYLLABLE, "0") for syllable in lazy_pinyin(text, style=Style.TONE3))[:255]
