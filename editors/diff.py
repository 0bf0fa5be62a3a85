"""A small inline diff for showing editors what changed in a text."""

import difflib
import re

from django.utils.html import format_html, format_html_join

# Latin words stay whole; every other character (each Chinese character) is its own token.
TOKEN = re.compile(r"[A-Za-z0-9]+|\s+|.", re.DOTALL)


def inline_diff(old, new):
    """HTML of `new` with removed text in <del> and added text in <ins>, all escaped."""
    old_tokens, new_tokens = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("{}", "".join(old_tokens[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("<del>{}</del>", "".join(old_tokens[a1:a2])))
        if b2 > b1:
            parts.append(("<ins>{}</ins>", "".join(new_tokens[b1:b2])))
    return format_html_join("", "{}", ((format_html(template, text),) for template, text in parts))
