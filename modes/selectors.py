"""Reads of companies that more than one page shares."""

import re

from pypinyin import Style, lazy_pinyin

from bilingual.languages import content_language

_NOT_A_LETTER = re.compile(r"[^\w]")  # 《時尚芭莎》 sorts under 時, not under 《


def company_sort_key(company, language):
    """Where a company sits in a list a reader of `language` recognises.

    Chinese readers: by the pinyin (with tones) of the Chinese name, as a mainland index and
    most bilingual Taiwan references order names; English readers: by the English name.
    """
    if language == "en":
        return (company.name_en or company.slug).casefold()
    name = _NOT_A_LETTER.sub("", company.name_zh_hant or "")
    return (lazy_pinyin(name, style=Style.TONE3), company.slug)


def companies_in_reading_order(companies, language=None):
    language = content_language(language)
    return sorted(companies, key=lambda company: company_sort_key(company, language))
