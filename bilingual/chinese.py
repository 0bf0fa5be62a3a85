"""Traditional ↔ Simplified Chinese, through OpenCC (the upstream library's own Python package).

Editors write Traditional Chinese (Taiwan usage). Readers of /zh-hans/ get it converted on the
fly with OpenCC's `tw2sp` configuration: characters *and* Taiwan phrasing to mainland phrasing
(網際網路 → 互联网, 軟體 → 软件). Conversions are cached, so a page in Simplified Chinese costs
about what the same page in Traditional Chinese costs.
"""

from functools import lru_cache

import opencc
from django.utils.translation import get_language

SIMPLIFIED = "zh-hans"

# OpenCC converters are thread-safe once built; build each configuration once per process.
_converters = {}


def converter(config):
    if config not in _converters:
        _converters[config] = opencc.OpenCC(config)
    return _converters[config]


def to_simplified(text):
    """Traditional (Taiwan) text as a mainland reader writes it: characters and phrasing.

    Used as is for text readers type, which must not push the site's own text out of the cache.
    """
    return converter("tw2sp.json").convert(text) if text else text


# The site's own text: the same few thousand strings on every page, converted once per process.
to_simplified_cached = lru_cache(maxsize=4096)(to_simplified)


def to_traditional(text):
    """Simplified (mainland) text in Taiwan characters and phrasing, for matching a search."""
    return converter("s2twp.json").convert(text) if text else text


@lru_cache(maxsize=65536)
def simplified_character(char):
    """One character in its Simplified form, without phrase context (for search normalisation)."""
    return converter("t2s.json").convert(char)


def reading_simplified():
    return get_language() == SIMPLIFIED


def for_reader(text, lang):
    """Text in `lang` ("en" or "zh-hant") as the current reader should see it, and its language.

    Traditional text is converted when the reader reads Simplified Chinese; anything else is
    returned unchanged.
    """
    if lang == "zh-hant" and text and reading_simplified():
        return to_simplified_cached(text), SIMPLIFIED
    return text, lang
