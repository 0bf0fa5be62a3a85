"""Reads of glossary terms that more than one page shares."""

from django.db.models.functions import Lower

from bilingual.languages import content_language


def terms_in_reading_order(terms, language=None):
    """`terms` (a queryset) in the reader's alphabetical order, along an index: English readers by the English term,
    Chinese readers (either script) by the pinyin of the Chinese term."""
    if content_language(language) == "en":
        return terms.order_by(Lower("term_en"), "slug")
    return terms.order_by("term_pinyin", "slug")
