"""The page cache's *generation*: a token in every cache key, replaced whenever content changes.

Pages cached under the old token are never read again, so a change by any path shows at once, on
every worker and every app server that shares the cache. The token lives in the shared cache
(Redis), or, with the one-machine file cache, as a marker file beside it (a stat() per request
instead of a cache round trip).
"""

import logging
import os
import tempfile
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


class CacheGeneration:
    """The generation token kept in the cache itself: shared by every server using that cache (Redis)."""

    def current(self):
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            generation = cache.get(GENERATION_KEY)
        return generation

    def renew(self):
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


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
            self.renew()
            marker = os.stat(self.path)
        return f"{marker.st_ino}-{marker.st_mtime_ns}"

    def renew(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=os.path.dirname(self.path))
        os.write(fd, uuid.uuid4().bytes)
        os.close(fd)
        os.replace(temporary, self.path)


_store = (None, None)  # (the cache settings it was made for, the store)


def _generation_store():
    global _store
    config = settings.CACHES["default"]
    if _store[0] is not config:
        made = FileGeneration(config["LOCATION"]) if config["BACKEND"].endswith("FileBasedCache") else CacheGeneration()
        _store = (config, made)
    return _store[1]


def current_generation():
    return _generation_store().current()


def _new_generation():
    try:
        _generation_store().renew()
    except Exception:  # a cache server that is down must not stop an editor's save
        log.exception("page cache: could not start a new generation")


def start_new_generation():
    """Forget every cached page (they stay in the cache until they expire, but are never read).

    Now, and again when the transaction commits: a page rendered in between from the
    not-yet-committed database would otherwise be cached under the new generation.
    """
    _new_generation()
    transaction.on_commit(_new_generation)
