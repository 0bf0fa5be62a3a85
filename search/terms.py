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
from itertools import chain

MAX_LOOKUP_TERMS = 6  # terms of one query word that are looked up; more only narrow what is verified anyway


_CHINESE_CLASS = "\u2e80-\u2fdf\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# Runs of Chinese characters, and runs of other letters and digits (str.isalnum(): \w without "_").
_RUNS = re.compile(f"(?P<c>[{_CHINESE_CLASS}]+)|(?P<w>(?:(?![{_CHINESE_CLASS}])[^\\W_])+)")


def _runs(text):
    """(class, run) for each maximal run of Chinese ("c"), or of other letters and digits ("w")."""
    for match in _RUNS.finditer(text):
        yield match.lastgroup, match.group()


# The same terms, found by the regex engine in one pass each rather than run by run (a full rebuild splits a million
# texts): a gram lies inside one run exactly when each of its characters is of the run's class.
_OTHER_CLASS = f"[^\\W_{_CHINESE_CLASS}]"  # letters and digits that are not Chinese
_CHARACTERS = re.compile(f"[{_CHINESE_CLASS}]|{_OTHER_CLASS}")
_BIGRAMS = re.compile(f"(?=([{_CHINESE_CLASS}][{_CHINESE_CLASS}]))")
_TRIGRAMS = re.compile(f"(?=({_OTHER_CLASS}{_OTHER_CLASS}{_OTHER_CLASS}))")  # faster than {{3}}


def _terms(text):
    """The terms of a text, one or more times each."""
    return chain(_BIGRAMS.findall(text), _TRIGRAMS.findall(text), _CHARACTERS.findall("".join(set(text))))


def text_terms(text):
    """Every term of a folded text, as strings: characters, Chinese bigrams, other trigrams."""
    return set(_terms(text))


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


class _Hashes(dict):
    """term -> its hash, remembered: texts share most of their terms, so indexing hashes each once. Emptied when
    it holds MAX_REMEMBERED terms, so that a long rebuild's memory stays bounded."""

    MAX_REMEMBERED = 1 << 20

    def __missing__(self, term):
        if len(self) >= self.MAX_REMEMBERED:
            self.clear()
        number = self[term] = zlib.crc32(term.encode("utf-8")) & 0x7FFFFFFF
        return number


_hashes = _Hashes()


def term_hash(term):
    return _hashes[term]


def hashed(terms):
    return sorted(set(map(_hashes.__getitem__, terms)))


def nested_hashed(texts):
    """For texts (a, b, c): the hashed terms of a, of a and b, of all three (each sorted) — an entry's title,
    head and text terms, each text split into terms once (no term spans the line break joining two)."""
    parts, found = [], set()
    for text in texts:
        if text or not parts:
            found = found.union(map(_hashes.__getitem__, _terms(text)))
        parts.append(found)
    # One sort, of them all: a part nearly as large is picked out of it in order, faster than sorted again.
    everything = sorted(found)
    return [
        everything
        if part is found
        else sorted(part)
        if len(part) < len(found) // 4
        else [n for n in everything if n in part]
        for part in parts
    ]


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1 << 18)  # the same few hundred thousand numbers, written again and again
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
