"""The page cache's *generation*: a token in every cache key, replaced whenever content changes.

Pages cached under the old token are never read again, so a change by any path shows at once, on
every worker and every app server that shares the cache. The token lives in the shared cache
(Redis), or, with the one-machine file cache, as a marker file beside it (a stat() per request
instead of a cache round trip). Every process that can change content — gunicorn workers,
`make run`, a management command, debug on or off — uses the same cache settings (ecomkb.settings).

Failing safe: a change whose new generation cannot be written (Redis full or down, a cache
directory that is read-only or full) is refused (content.signals.ChangeRefused): editors get a
form error, a shell or `seed` an error, and readers keep seeing what the database still holds.
If renewing fails only after the change committed, the generation is forgotten instead, and
with no known generation pages are served fresh, not from the cache, until one can be written.
"""

import logging
import os
import tempfile
import uuid

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from content.cache import cache
from content.signals import ChangeRefused

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


class CacheGeneration:
    """The generation token kept in the cache itself: shared by every server using that cache (Redis)."""

    def current(self):
        """The token, or None when none can be kept (then nothing is served from the cache)."""
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            try:
                cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            except Exception:  # a full Redis refuses it: serve without the cache until it takes one
                return None
            generation = cache.get(GENERATION_KEY)
        return generation

    def renew(self):
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)  # raises when refused: a full Redis answers OOM

    def forget(self):
        cache.delete(GENERATION_KEY)  # allowed even when Redis is full: deleting frees memory


class FileGeneration:
    """The generation as a marker file beside a file-based cache: one stat() per request.

    Every worker on the machine sees a new marker (a new inode, put in place atomically)
    the moment one of them renews it.
    """

    def __init__(self, directory):
        self.path = os.path.join(directory, "pagecache-generation")

    def current(self):
        try:
            marker = os.stat(self.path)
        except FileNotFoundError:
            try:
                self.renew()
                marker = os.stat(self.path)
            except OSError:
                return None  # no generation can be kept: serve without the cache
        return f"{marker.st_ino}-{marker.st_mtime_ns}"

    def renew(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=os.path.dirname(self.path))
        try:
            os.write(fd, uuid.uuid4().bytes)
        finally:
            os.close(fd)
        os.replace(temporary, self.path)

    def forget(self):
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass


_store = (None, None)  # (the cache settings it was made for, the store)


def _generation_store():
    global _store
    config = settings.CACHES["pages"]
    if _store[0] is not config:
        made = FileGeneration(config["LOCATION"]) if config["BACKEND"].endswith("FileBasedCache") else CacheGeneration()
        _store = (config, made)
    return _store[1]


def current_generation():
    """The generation pages are cached under now; None when none is known good."""
    return _generation_store().current()


def renew_or_refuse():
    """A new generation now, or refuse the change being made (its transaction then rolls back)."""
    try:
        _generation_store().renew()
    except Exception as error:
        log.exception("page cache: could not start a new generation; refusing the change")
        raise ChangeRefused(
            gettext(
                "Nothing was saved: the page cache could not be emptied (%(error)s), so readers would "
                "have gone on seeing the old pages. Try again in a minute; if this goes on, tell the "
                "site's operator (docs/operations.md, “Caches”)."
            )
            % {"error": error.__class__.__name__}
        ) from error


def renew_or_forget():
    """A new generation, or at least no old one: for when the change is already committed."""
    try:
        _generation_store().renew()
    except Exception:
        log.exception("page cache: could not renew the generation; forgetting it, pages are served fresh")
        try:
            _generation_store().forget()
        except Exception:
            log.critical("page cache: could neither renew nor forget the generation; readers may see old pages")


def start_new_generation():
    """Forget every cached page (they stay in the cache until they expire, but are never read).

    Now, and again when the transaction commits: a page rendered in between from the
    not-yet-committed database would otherwise be cached under the new generation.
    """
    renew_or_refuse()
    transaction.on_commit(renew_or_forget)
