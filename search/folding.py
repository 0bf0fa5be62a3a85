"""Folding: the form in which search compares a query and a record's text (pure functions, no models).

Folding makes these differences disappear:
- Unicode compatibility forms (NFKC): full-width Ｂ２Ｂ is B2B;
- case (casefold): b2b is B2B;
- Chinese script: every character is reduced to its Simplified form (OpenCC `t2s`, one character
  at a time, so a substring folds exactly as it does inside the whole text): 供应链 is 供應鏈.
"""

import unicodedata

from bilingual.chinese import simplified_character

CJK_START = 0x2E80  # below this no character has a Simplified form to fold to


def _fold_character(char):
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(simplified_character(c) if ord(c) >= CJK_START else c for c in folded)


class _FoldTable(dict):
    """str.translate table, filled one character at a time as characters are first seen.

    Folding character by character keeps a substring folding exactly as it does inside the whole
    text, and lets a match in the folded text be mapped back to the original characters.
    """

    def __missing__(self, codepoint):
        folded = self[codepoint] = _fold_character(chr(codepoint))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text):
    """Text in the form search compares: NFKC, casefolded, Chinese in Simplified characters."""
    return unicodedata.normalize("NFC", text or "").translate(_FOLD_TABLE)


def fold_with_positions(text):
    """The folded text, and for each of its characters the index of the character it came from
    (None when folding kept every character's position, as it nearly always does)."""
    folded = text.translate(_FOLD_TABLE)
    if len(folded) == len(text):
        return folded, None
    origin = []
    for index, char in enumerate(text):
        origin.extend([index] * len(_FOLD_TABLE[ord(char)]))
    return folded, origin


def folded_values(values):
    """The values that are not empty, folded."""
    return [fold(value) for value in values if value]


def index_text(values):
    """What a record stores in `search_text`: all its searchable values, folded, one per line."""
    return "\n".join(folded_values(values))
