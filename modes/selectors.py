"""Reads of companies that more than one page shares."""

from django.db.models.functions import Lower

from bilingual.languages import content_language


def companies_in_reading_order(companies, language=None):
    """`companies` (a queryset) ordered as a reader of `language` expects, by an index: Chinese readers by the
    pinyin of the Chinese name, as a mainland index and most bilingual Taiwan references order names; English
    readers by the English name."""
    if content_language(language) == "en":
        return companies.order_by(Lower("name_en"), "slug")
    return companies.order_by("name_pinyin", "slug")
