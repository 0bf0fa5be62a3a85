"""A term's first use in a body links to the term's page, whichever app defines the terms.

Apps register *link sources* here (the glossary does, in its AppConfig.ready): a source returns Targets — a
page (URL name and arguments) and the written forms that lead to it, each with the language of the texts it is
written in (en, zh-hant, zh-hans). bilingual's body rendering calls `link_terms` through its hook, so the shared
layers never know the glossary.

Cost: each process reads the targets once per change and builds one Aho–Corasick automaton per (change, reader's
language, text's language); a body is then scanned once, in time proportional to its length, however many terms
there are. Which change is current is a small stamp in the shared cache, replaced when `content_changed` says a
source's model changed, so every process follows; a render reads only that stamp.
Only text outside links, headings and code is linked; each target once per body, at its first use.
"""

import hashlib
import logging
import re
import uuid
from typing import NamedTuple

import ahocorasick
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html
from django.utils.translation import get_language

from bilingual import text as bilingual_text

from .cache import cache
from .signals import content_changed

log = logging.getLogger(__name__)

CACHE_KEY = "content:term-links:stamp"
CACHE_SECONDS = 600  # a bulk update sends no signal: links are right again within this
SKIPPED = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"}  # never link inside these
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z0-9]+)")
_LATIN = re.compile(r"[A-Za-z0-9]")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")  # &amp; is text, not the word "amp"


class Target(NamedTuple):
    url_name: str
    url_kwargs: dict
    forms: tuple  # (language of the texts the form is written in: en, zh-hant or zh-hans; the form)


class _Source(NamedTuple):
    function: object  # () -> iterable of Target
    models: tuple  # a change to one of these changes the targets


_sources = []
_read = {}  # this process's targets: {"stamp": the change they were read at, "targets": [Target], "digest": …}
_automata = {}  # (stamp, reader's language, text's language): the automaton, or None when nothing to find


def register_source(function, models=()):
    """Add a source of link targets; `models` are those whose changes change what it returns."""
    _sources.append(_Source(function, tuple(models)))


@receiver(content_changed)
def _forget_targets(sender, **kwargs):
    if any(sender in source.models for source in _sources):
        try:
            cache.delete(CACHE_KEY)
        except Exception:  # CACHE_SECONDS bounds how long the old links stay
            log.warning("term links: the cache could not forget the link targets")


def _targets():
    """(stamp, targets) of every source as of the current change: this process's copy while the shared stamp is
    the one it was read at, else read again (and, when no stamp is kept, a new one kept for every process)."""
    try:
        stamp = cache.get(CACHE_KEY)
    except Exception:
        stamp = None
        log.warning("term links: the cache could not be read; reading the link targets")
    if stamp is None or stamp != _read.get("stamp"):
        targets = [target for source in _sources for target in source.function()]
        if stamp is None:
            stamp = uuid.uuid4().hex
            try:
                if not cache.add(CACHE_KEY, stamp, CACHE_SECONDS):  # another process kept one meanwhile
                    stamp = cache.get(CACHE_KEY) or stamp
            except Exception:
                log.warning("term links: the cache refused the stamp")
        digest = hashlib.blake2b(repr(targets).encode(), digest_size=16).hexdigest()
        _read.update(stamp=stamp, targets=targets, digest=digest)
    return _read["stamp"], _read["targets"]


def targets_fingerprint():
    """What links are made now, as a digest of the targets' contents (not of the stamp, which is only when they
    were read): equal digests, equal links, in any process."""
    _targets()
    return _read["digest"]


def _automaton(stamp, targets, text_lang):
    key = (stamp, get_language(), text_lang)
    if key not in _automata:
        if len(_automata) > 32:  # older stamps' automata: dropped, never grown without bound
            _automata.clear()
        found = ahocorasick.Automaton()
        for target in targets:
            try:
                url = reverse(target.url_name, kwargs=target.url_kwargs)
            except NoReverseMatch:
                continue
            for lang, form in target.forms:
                needle = escape(form).lower()  # matched against HTML text, lowered
                if lang == text_lang and needle and needle not in found:
                    found.add_word(needle, (len(needle), url))
        if len(found):
            found.make_automaton()
        _automata[key] = found if len(found) else None
    return _automata[key]


def _word_bounded(text, start, end):
    """A Latin form (B2B, crowdfunding) must be a whole word: not inside "B2Bs" or "microcrowdfunding"."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    latin = _LATIN.match(text[start]) or _LATIN.match(text[end - 1])
    return not latin or not (_LATIN.match(before) or _LATIN.match(after))


def _matches(automaton, text):
    """Leftmost-longest, non-overlapping (start, end, url) of the automaton's forms in `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: offsets would shift
        lowered = text
    spans = sorted(
        ((end + 1 - length, -length, url) for end, (length, url) in automaton.iter(lowered)),
    )
    entities = [match.span() for match in _ENTITY.finditer(text)] if "&" in text else []
    position = 0
    for start, negative_length, url in spans:
        end = start - negative_length
        if any(start < entity_end and entity_start < end for entity_start, entity_end in entities):
            continue
        if start >= position and _word_bounded(text, start, end):
            yield start, end, url
            position = end


def link_terms(html, lang, exclude_url=None):
    """`html` (a rendered body, written in `lang`) with each target's first use linked to its page."""
    if not _sources or not html:
        return html
    stamp, targets = _targets()
    automaton = _automaton(stamp, targets, lang)
    if automaton is None:
        return html
    linked = {exclude_url} if exclude_url else set()
    parts, skipping = [], []
    for part in _TAG.split(str(html)):
        if part.startswith("<"):
            tag = _TAG_NAME.match(part)
            if tag and tag.group(2).lower() in SKIPPED:
                if tag.group(1):
                    if tag.group(2).lower() in skipping:
                        skipping.remove(tag.group(2).lower())
                elif not part.endswith("/>"):
                    skipping.append(tag.group(2).lower())
            parts.append(part)
            continue
        if skipping or not part:
            parts.append(part)
            continue
        position = 0
        for start, end, url in _matches(automaton, part):
            if url in linked:
                continue
            linked.add(url)
            link = format_html('<a class="term-link" href="{}">', url)
            parts += [part[position:start], link, part[start:end], "</a>"]
            position = end
        parts.append(part[position:])
    return "".join(parts)


bilingual_text.add_body_pass(link_terms, targets_fingerprint)
