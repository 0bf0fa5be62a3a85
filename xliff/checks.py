"""The checks that refuse a hostile or broken translation file before anything is stored."""

import re
import threading
from collections import Counter
from html.parser import HTMLParser

import markdown
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bilingual.text import clean_html

from .records import names_record_by_slug, split_unit_id

# A full export of the knowledge base is about 60 KB and 80 units. The limits leave room for growth;
# each step of reading a file is linear in its size (xliff.reading), and the Markdown check is cut off
# (MARKDOWN_SECONDS), so a file is read, checked and previewed in well under a second per 100 KB.
DEFAULT_MAX_BYTES = 1024 * 1024


MAX_UNITS = 1000


class RefusedFile(Exception):
    """A file refused whole: `message` says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def max_bytes():
    return getattr(settings, "TRANSLATION_FILE_MAX_BYTES", DEFAULT_MAX_BYTES)


def refuse_if_too_large(size):
    if size > max_bytes():
        raise RefusedFile(
            _("The file is %(size)s KB; translation files may be at most %(limit)s KB.")
            % {"size": (size + 1023) // 1024, "limit": max_bytes() // 1024}
        )


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, sorted((name, value) for name, value in attrs if name != "rel")))


def _tags(html):
    parser = _Tags()
    parser.feed(html)
    return parser.tags


_local = threading.local()


def _converter():
    """One Markdown converter per thread, reset between texts (building one costs more than converting)."""
    if not hasattr(_local, "markdown"):
        _local.markdown = markdown.Markdown(output_format="html")
    return _local.markdown.reset()


def unsafe_markup(text):
    """True when `text` carries raw HTML, or Markdown the site's sanitiser would strip.

    Readers' pages render Markdown and clean it with nh3 (bilingual.text), which silently drops
    scripts, handlers and javascript: links. A translation file is refused instead, so that what
    the translator sent is exactly what readers get.
    """
    converter = _converter()
    html = converter.convert(text)
    if any(chunk.lstrip().startswith("<") for chunk in converter.htmlStash.rawHtmlBlocks):
        return True  # raw HTML written into the Markdown (entities such as &amp; are fine)
    return _tags(html) != _tags(clean_html(html))


# Python-Markdown, which renders the site's pages, takes quadratic time on some texts (each unclosed "[" or "("
# is scanned to the end of its paragraph; "<" to the next ">"; long runs of list items or underlined headings are
# split line by line) and recurses once per level of nested lists or quotes. So before rendering a file's targets,
# the time they would take is estimated, in one pass over each, from what the renderer scans; a file whose
# estimate is over its budget is refused, naming its costliest units. The estimate is in microseconds and errs
# high (calibrated against the renderer on worst cases of each kind; xliff/tests/test_bounded_reading.py).
MARKDOWN_SECONDS = (0.05, 0.5)  # the budget: this much, plus this much per 100 KB of the file
MARKUP = re.compile(r"[\[\]()<>`*_!\\&#=+\-|~:\"'.]")
BLOCK_MARKERS = re.compile(r"^[ \t>*+\-0-9.)]+", re.MULTILINE)
PARAGRAPHS = re.compile(r"\n[ \t]*\n")
BRACKETS = {"[": re.compile(r"[\[\]]"), "(": re.compile(r"[()]")}
TAG_START = re.compile(r"<[A-Za-z/!?]")


def _scanned(block, opener):
    """Characters scanned from each opening bracket of `block` to its closing one, or to the block's end."""
    scanned, open_at = 0, []
    for match in BRACKETS[opener].finditer(block):
        if match.group() == opener:
            open_at.append(match.start())
        elif open_at:
            scanned += match.start() - open_at.pop()
    return scanned + sum(len(block) - start for start in open_at)


def _tags_scanned(text):
    """Characters scanned from each "<" that may open a tag to the next ">" (or the end)."""
    scanned, end = 0, -1
    for match in TAG_START.finditer(text):
        if end < match.end():  # each ">" is looked for once: the search goes on from the last one found
            end = text.find(">", match.end())
            end = len(text) if end < 0 else end
        scanned += end - match.start()
    return scanned


def markdown_cost(text):
    """An upper estimate of the microseconds the site's Markdown renderer and this check take over `text`."""
    markup = len(MARKUP.findall(text))
    cost = len(text) + 20 * markup + 30 * text.count("\n") + 0.12 * _tags_scanned(text)
    cost += 30 * sum(len(match.group()) for match in BLOCK_MARKERS.finditer(text))
    for block in PARAGRAPHS.split(text):
        size = len(block)
        cost += _scanned(block, "[") + _scanned(block, "(")
        cost += 0.003 * len(MARKUP.findall(block)) * size + 0.01 * block.count("\n") * size
    return cost


def markdown_budget(file_size):
    """Microseconds the Markdown check of a file of `file_size` bytes may take."""
    base, per_100kb = MARKDOWN_SECONDS
    return 1e6 * (base + per_100kb * file_size / 100_000)


def refuse_unsafe_targets(units, *, file_size):
    targets = [unit for unit in units if unit.target]
    costs = {unit.id: markdown_cost(unit.target) for unit in targets}
    if sum(costs.values()) > markdown_budget(file_size):
        costliest = sorted(costs, key=costs.get, reverse=True)[:3]
        raise RefusedFile(
            _(
                "The Markdown of the translations is too intricate to check and show in reasonable time (units "
                "%(units)s: for example, hundreds of brackets left open, or lists nested hundreds of levels "
                "deep). Simplify it and import the file again."
            )
            % {"units": ", ".join(costliest)}
        )
    unsafe, nested = [], []
    for unit in targets:
        try:
            if unsafe_markup(unit.target):
                unsafe.append(unit.id)
        except RecursionError:  # nested deeper than the renderer can go: the page could not be shown either
            nested.append(unit.id)
    if nested:
        raise RefusedFile(
            _("The Markdown of unit %(units)s nests lists or quotes too deeply to be shown. Simplify it.")
            % {"units": ", ".join(nested[:10])}
        )
    if unsafe:
        raise RefusedFile(
            ngettext(
                "A translation contains HTML or a script, which the site does not accept (unit %(units)s). "
                "Write Markdown only, and import the file again.",
                "Translations contain HTML or scripts, which the site does not accept (units %(units)s). "
                "Write Markdown only, and import the file again.",
                len(unsafe),
            )
            % {"units": ", ".join(unsafe[:10]) + ("…" if len(unsafe) > 10 else "")}
        )


def refuse_too_many_units(units):
    if len(units) > MAX_UNITS:
        raise RefusedFile(
            _("The file has %(count)s units; ecomkb's files have at most %(max)s. Is it the right file?")
            % {"count": len(units), "max": MAX_UNITS}
        )


def refuse_without_ecomkb_ids(units):
    """A file none of whose units names a record the way ecomkb does (a PO file without msgctxt, a file of another
    project's) cannot be matched to anything: refused whole, saying so, rather than skipped unit by unit."""
    if units and not any(split_unit_id(unit.id) or names_record_by_slug(unit.id) for unit in units):
        raise RefusedFile(
            _(
                "None of the file's units carries an id as ecomkb writes them (“<app>.<model>:<key>:<field>”, "
                "as a PO entry's msgctxt or an XLIFF unit's id), so none can be matched to a record. Import a file "
                "exported from ecomkb; a tool that converts it must keep those ids (xliff2po keeps them as “#:” "
                "references)."
            )
        )


def refuse_duplicate_ids(units):
    repeated = sorted(unit_id for unit_id, count in Counter(unit.id for unit in units).items() if count > 1)
    if repeated:
        raise RefusedFile(
            _(
                "The file has more than one unit with the same id (%(ids)s), so it is not clear which "
                "translation to keep. Remove the duplicates and import it again."
            )
            % {"ids": ", ".join(repeated[:10])}
        )


def refuse_records_named_by_slug(units):
    """Files exported before records had stable keys name them by slug, which may have passed to another record
    since (a rename, or a record deleted and another given its slug): not a single unit can be trusted."""
    by_slug = [unit.id for unit in units if names_record_by_slug(unit.id)]
    if by_slug:
        raise RefusedFile(
            _(
                "This file names records by their addresses (unit %(units)s), as files exported by an earlier "
                "version of ecomkb did. An address can since have passed to another record, so the file cannot be "
                "imported safely. Export the records again, let your translation tool fill the new file from its "
                "translation memory, and import that."
            )
            % {"units": ", ".join(by_slug[:3]) + ("…" if len(by_slug) > 3 else "")}
        )
