"""Terms: what the search index stores of a folded text, and what a query looks up (pure functions).

An index can only find a substring if every piece it looks up is a piece of the text. So the pieces are
*local*: each is a short run of characters of one class, taken at every position:

- Chinese (any CJK character): each character, and each pair of neighbouring Chinese characters (a bigram,
  as Lucene's CJK analyser and pg_bigm do; Chinese has no spaces, so 物流 must be found inside 物流公司);
- letters and digits of other scripts: each character, and each run of three (a trigram), so that a part
  of a word (`suppl`) finds the word.

A query word's terms are taken from the word the same way, so a record containing the word contains each
of them. The index returns the records holding all of a word's terms (candidates, a superset); the
substring test on the folded text then keeps only real matches, so the index changes nothing about what
is found (search/tests/test_equivalence.py proves it). A word with no letter, digit or Chinese character
(`%`, `-`) has no terms and is matched by the substring test alone.

Each term is hashed to a 31-bit integer (PostgreSQL int4[]; on SQLite written as base-36 tokens for FTS5);
two terms sharing a hash only add candidates, which the substring test removes.
"""

import re
import zlib
from functools import lru_cache

MAX_LOOKUP_TERMS = 6  # terms of one query word that are looked up; more only narrow what is verified anyway


_CHINESE_CLASS = "\u2e80-\u2fdf\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# Runs of Chinese characters, and runs of other letters and digits (str.isalnum(): \w without "_").
_RUNS = re.compile(f"(?P<c>[{_CHINESE_CLASS}]+)|(?P<w>(?:(?![{_CHINESE_CLASS}])[^\\W_])+)")


def _runs(text):
    """(class, run) for each maximal run of Chinese ("c"), or of other letters and digits ("w")."""
    for match in _RUNS.finditer(text):
        yield match.lastgroup, match.group()


def text_terms(text):
    """Every term of a folded text, as strings: characters, Chinese bigrams, other trigrams."""
    terms = set()
    for kind, run in _runs(text):
        size = 2 if kind == "c" else 3
        terms.update(run)
        terms.update(run[i : i + size] for i in range(len(run) - size + 1))
    return terms


def lookup_terms(word):
    """The terms to look up for one folded query word: the longest pieces (bigrams, trigrams) where the
    word has them, single characters only where a run is too short for one; at most MAX_LOOKUP_TERMS,
    spread over the word. Every one of them is a term of any text containing the word."""
    pieces = []
    for kind, run in _runs(word):
        size = 2 if kind == "c" else 3
        if len(run) < size:
            pieces.extend(run)
        else:
            grams = [run[i : i + size] for i in range(len(run) - size + 1)]
            # Non-overlapping grams first (they cover the run), then the rest.
            pieces.extend(grams[::size] + [g for i, g in enumerate(grams) if i % size])
    unique = list(dict.fromkeys(pieces))
    return unique[:MAX_LOOKUP_TERMS]


@lru_cache(maxsize=1 << 18)  # texts share most of their terms; the cache keeps indexing from rehashing them
def term_hash(term):
    return zlib.crc32(term.encode("utf-8")) & 0x7FFFFFFF


def hashed(terms):
    return sorted({term_hash(term) for term in terms})


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1 << 18)  # as term_hash: the same few hundred thousand numbers, written again and again
def token(number):
    """A hashed term as an FTS5 token (base 36, starting with a letter so FTS5 reads it as one word)."""
    digits = []
    while True:
        number, rest = divmod(number, 36)
        digits.append(_DIGITS[rest])
        if not number:
            break
    return "t" + "".join(reversed(digits))


def from_token(text):
    return int(text[1:], 36)
