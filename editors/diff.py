"""A small inline diff for showing editors what changed in a text, at bounded cost.

Word-by-word comparison (difflib) costs time in proportion to the *product* of the two texts'
lengths, so a long rewrite would tie up a worker for minutes. The unchanged start and end are
set aside first (linear); only a changed middle of at most MAX_COMPARED_TOKENS tokens a side is
compared word by word. A larger middle is shown as removed and added text, cut short with a note,
and long unchanged stretches are shortened, so the page stays small whatever the texts.
"""

import difflib
import re

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

# Latin words stay whole; every other character (each Chinese character) is its own token.
TOKEN = re.compile(r"[A-Za-z0-9]+|\s+|.", re.DOTALL)

MAX_COMPARED_TOKENS = 2000  # per side; worst case ~0.1 s
SHOWN_CONTEXT = 300  # characters kept at each end of a long unchanged stretch
SHOWN_CHANGE = 3000  # characters shown of a removed or added stretch too long to compare


def _common_prefix(a, b):
    size = min(len(a), len(b))
    n = 0
    while n < size and a[n] == b[n]:
        n += 1
    return n


def _opcodes(old_tokens, new_tokens):
    """difflib's opcodes over the tokens, comparing word by word only a bounded middle."""
    start = _common_prefix(old_tokens, new_tokens)
    end = _common_prefix(old_tokens[start:][::-1], new_tokens[start:][::-1])
    old_end, new_end = len(old_tokens) - end, len(new_tokens) - end
    ops = [("equal", 0, start, 0, start)] if start else []
    middle_old, middle_new = old_tokens[start:old_end], new_tokens[start:new_end]
    if len(middle_old) <= MAX_COMPARED_TOKENS and len(middle_new) <= MAX_COMPARED_TOKENS:
        matcher = difflib.SequenceMatcher(a=middle_old, b=middle_new, autojunk=False)
        ops += [(op, a1 + start, a2 + start, b1 + start, b2 + start) for op, a1, a2, b1, b2 in matcher.get_opcodes()]
    elif middle_old or middle_new:
        ops.append(("too-long", start, old_end, start, new_end))
    if end:
        ops.append(("equal", old_end, len(old_tokens), new_end, len(new_tokens)))
    return ops


def _shortened(text, keep):
    if len(text) <= 2 * keep + 20:
        return [("{}", text)]
    return [("{}", text[:keep]), ('<span class="diff-elided">{}</span>', " … "), ("{}", text[-keep:])]


def _cut(template, text):
    if len(text) <= SHOWN_CHANGE:
        return [(template, text)]
    note = gettext("(%(count)s more characters not shown)") % {"count": f"{len(text) - SHOWN_CHANGE:,}"}
    return [(template, text[:SHOWN_CHANGE]), ('<span class="diff-elided">{}</span>', f" … {note}")]


def inline_diff(old, new):
    """HTML of `new` with removed text in <del> and added text in <ins>, all escaped, at most a few pages long."""
    old_tokens, new_tokens = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    parts = []
    for op, a1, a2, b1, b2 in _opcodes(old_tokens, new_tokens):
        if op == "equal":
            parts += _shortened("".join(old_tokens[a1:a2]), SHOWN_CONTEXT)
            continue
        if op == "too-long":
            parts.append(
                (
                    '<span class="diff-note">{}</span> ',
                    gettext("The text changed too much here to compare word by word; the old and new text follow."),
                )
            )
        if a2 > a1:
            parts += _cut("<del>{}</del>", "".join(old_tokens[a1:a2]))
        if b2 > b1:
            parts += _cut("<ins>{}</ins>", "".join(new_tokens[b1:b2]))
    return format_html_join("", "{}", ((format_html(template, text),) for template, text in parts))
