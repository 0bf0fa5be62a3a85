"""The checks that refuse a hostile or broken translation file before anything is stored."""

import threading
from collections import Counter
from html.parser import HTMLParser

import markdown
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bilingual.text import clean_html

from .records import names_record_by_slug

# A full export of the knowledge base is about 60 KB and 80 units. The limits leave room for growth
# and keep the worst file's checks (Markdown rendered for every target) to a couple of seconds.
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


def refuse_unsafe_targets(units):
    unsafe = [unit.id for unit in units if unit.target and unsafe_markup(unit.target)]
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
