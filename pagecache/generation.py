"""The page cache's *generation*: a number that goes up with every change, and the purge log that says which
surrogate keys (content.cache) each step made stale.

A cached page is stamped with the generation read before it was rendered, and carries its keys. Served again
under a later generation, it is still good unless a step since its stamp purged one of its keys: so an edit
of one company re-renders only the pages that show it, as Varnish's purges do (pagecache.purges). A step whose
log entry is gone (evicted, never written) or lies too far back counts as having purged everything.

The number lives in the shared cache (Redis: an atomic INCR), or, with the one-machine file cache, in a marker
file beside it, replaced under a lock (one stat() per request while it does not change). The log entries live
in the shared cache. Every process that can change content — gunicorn workers, `make run`, a management
command, debug on or off — uses the same cache settings (ecomkb.settings).

Failing safe: a change whose step cannot be written (Redis full or down, a cache directory that is read-only
or full) is refused (content.signals.ChangeRefused): editors get a form error, a shell or `seed` an error, and
readers keep seeing what the database still holds. If stepping fails only after the change committed, the
generation is forgotten instead, and with no known generation pages are served fresh, not from the cache,
until one can be written. A generation made anew starts at a random number, so that no page stamped under
the forgotten one is ever read as current again.
"""

import fcntl
import logging
import os
import secrets
import tempfile

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from content.cache import SITE_KEY, cache
from content.signals import ChangeRefused

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation2"
LONGEST_WALK = 64  # log steps a page may be checked across; further back, it is rendered again


NS = 10**9


def _fresh_start():
    """Where a generation made anew starts: far from any earlier one's steps (and a valid file time in seconds,
    years 2038 to 2242, for FileGeneration). From the system's randomness: the random module's state is the same
    in every gunicorn worker forked from one master (and seeded by test frameworks), and two generations starting at
    one number would read each other's log."""
    return (1 << 31) + secrets.randbelow(3 << 31)


def _log_key(step):
    return f"pagecache:purged:{step}"


LOG_SECONDS = 24 * 3600  # at least as long as servers keep pages (PAGE_CACHE_SECONDS' default)


def _write_log(step, keys):
    # Not this process's PAGE_CACHE_SECONDS: a shell with debug on has none, and the servers reading the entry keep
    # pages a day; an entry gone before their pages makes every one of them stale.
    cache.set(_log_key(step), sorted(keys), max(settings.PAGE_CACHE_SECONDS, LOG_SECONDS))


class CacheGeneration:
    """The generation kept in the cache itself: shared by every server using that cache (Redis)."""

    def current(self):
        """The generation, or None when none can be kept (then nothing is served from the cache)."""
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            try:
                cache.add(GENERATION_KEY, _fresh_start(), None)
            except Exception:  # a full Redis refuses it: serve without the cache until it takes one
                return None
            generation = cache.get(GENERATION_KEY)
        return generation

    def renew(self, keys=(SITE_KEY,)):
        """One step on, purging `keys`; raises when refused (a full Redis answers OOM)."""
        try:
            step = cache.incr(GENERATION_KEY)  # atomic: two servers stepping at once get two steps
        except ValueError:  # none yet (or forgotten): start one, then step
            cache.add(GENERATION_KEY, _fresh_start(), None)
            step = cache.incr(GENERATION_KEY)
        _write_log(step, keys)  # a reader meeting the step before its entry counts it as purging everything

    def forget(self):
        cache.delete(GENERATION_KEY)  # allowed even when Redis is full: deleting frees memory


class FileGeneration:
    """The generation as a marker file beside a file-based cache. The number is the marker's modification time
    in seconds, set by the step that wrote it: one stat() per request tells it, with no file to read."""

    def __init__(self, directory):
        self.path = os.path.join(directory, "pagecache-generation")

    def current(self):
        try:
            return os.stat(self.path).st_mtime_ns // NS
        except FileNotFoundError:
            try:
                self._step(None)
                return os.stat(self.path).st_mtime_ns // NS
            except OSError:
                return None  # no generation can be kept: serve without the cache

    def renew(self, keys=(SITE_KEY,)):
        self._step(keys)

    def _step(self, keys):
        """Under a lock shared by every process on the machine: the next step, logged, then put in place at once."""
        directory = os.path.dirname(self.path)
        os.makedirs(directory, exist_ok=True)
        with open(self.path + ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                step = os.stat(self.path).st_mtime_ns // NS + 1
            except FileNotFoundError:
                step = _fresh_start()
            if keys is not None:
                _write_log(step, keys)
            fd, temporary = tempfile.mkstemp(dir=directory)
            try:
                os.write(fd, f"{step}\n".encode())
            finally:
                os.close(fd)
            os.utime(temporary, ns=(step * NS, step * NS))
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


_steps_seen = {}  # step -> its purged keys: log entries never change once written, so each process keeps them


def purged_since(stamp, generation):
    """The keys purged by the steps after `stamp` up to `generation`; None when they cannot all be told (an
    entry missing, or too many steps): then everything counts as purged."""
    if generation is None or stamp is None or not 0 <= generation - stamp <= LONGEST_WALK:
        return None
    steps = range(stamp + 1, generation + 1)
    missing = [step for step in steps if step not in _steps_seen]
    if missing:
        found = cache.get_many([_log_key(step) for step in missing])
        for step in missing:
            keys = found.get(_log_key(step))
            if keys is None:
                return None
            _steps_seen[step] = frozenset(keys)
        if len(_steps_seen) > 4 * LONGEST_WALK:
            for step in sorted(_steps_seen)[: -2 * LONGEST_WALK]:
                del _steps_seen[step]
    return frozenset().union(*(_steps_seen[step] for step in steps))


def renew_or_refuse(keys=(SITE_KEY,)):
    """A step purging `keys` now, or refuse the change being made (its transaction then rolls back)."""
    try:
        _generation_store().renew(keys)
    except Exception as error:
        log.exception("page cache: could not take a new step; refusing the change")
        raise ChangeRefused(
            gettext(
                "Nothing was saved: the page cache could not be emptied (%(error)s), so readers would "
                "have gone on seeing the old pages. Try again in a minute; if this goes on, tell the "
                "site's operator (docs/operations.md, “Caches”)."
            )
            % {"error": error.__class__.__name__}
        ) from error


def renew_or_forget(keys=(SITE_KEY,)):
    """A step purging `keys`, or at least no generation: for when the change is already committed."""
    try:
        _generation_store().renew(keys)
    except Exception:
        log.exception("page cache: could not take a new step; forgetting the generation, pages are served fresh")
        try:
            _generation_store().forget()
        except Exception:
            log.critical("page cache: could neither step nor forget the generation; readers may see old pages")


def start_new_generation(keys=(SITE_KEY,)):
    """Make every cached page showing `keys` stale (they stay in the cache until they expire, but are not read).

    Now, and again when the transaction commits: a page rendered in between from the not-yet-committed
    database would otherwise be kept under the new step.
    """
    keys = frozenset(keys)
    renew_or_refuse(keys)
    transaction.on_commit(lambda: renew_or_forget(keys))
