"""Telling shared caches (Varnish, a CDN) which pages a change made stale: a durable outbox, drained after commit.

A change queues its surrogate keys (content.cache.changed_keys) as a PendingPurge row in the change's own
transaction: rolled back with it, committed with it, never lost to a crash or a restart. After commit the row
is sent to every cache in PURGE_URLS — at once in a shell, `seed` or an import; by a thread of each gunicorn
worker (start_drainer, from gunicorn.conf.py), which also polls for rows another process left. Sent twice,
PURGE_REPEAT_SECONDS apart: a page rendered from the old data just before the commit and stored just after
the first purge is purged by the second. A cache that refuses or does not answer is retried with backoff;
rows failing FAILED_AFTER times are listed as failed in the admin ("Pending purges"), logged as errors, and
`manage.py drainpurges` exits non-zero while any remain.

A change is queued even in a process with no PURGE_URLS (a shell started without DJANGO_PURGE_URLS) when
PURGE_QUEUE_ALWAYS (debug off): the servers' drainers send it; a server with no cache to tell drops the rows.
With neither (development, tests) nothing is queued.
"""

import http.client
import logging
import random
import threading
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from .models import PendingPurge

log = logging.getLogger(__name__)

BATCH = 500  # rows sent in one drain
HEADER_BYTES = 4000  # keys per request: well under Varnish's and CDNs' header limits
TIMEOUT = 3  # seconds for a cache to answer a purge
FAILED_AFTER = 5  # attempts before a row is reported as failed (it is still retried)
LONGEST_WAIT = 300  # seconds between attempts, at most


class VarnishBackend:
    """A Varnish running deploy/varnish.vcl: `PURGE /` with the keys in an `xkey-purge` header (vmod xkey)."""

    def __init__(self, url):
        parts = urlsplit(url)
        self.url, self.host, self.port = url, parts.hostname, parts.port or 80

    def purge(self, keys):
        for chunk in _chunks(keys):
            conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
            try:
                conn.request("PURGE", "/", headers={"xkey-purge": chunk})
                response = conn.getresponse()
                response.read()
            finally:
                conn.close()
            if response.status != 200:
                raise PurgeRefused(f"{self.url} answered {response.status} {response.reason}")


class PurgeRefused(Exception):
    pass


def _chunks(keys):
    chunk = ""
    for key in sorted(keys):
        if chunk and len(chunk) + len(key) + 1 > HEADER_BYTES:
            yield chunk
            chunk = ""
        chunk = f"{chunk} {key}" if chunk else key
    if chunk:
        yield chunk


def backends():
    return [VarnishBackend(url) for url in settings.PURGE_URLS]


def queue(keys, using=None):
    """Queue a purge of `keys` with the change being made; sent after it commits."""
    if not keys or not (settings.PURGE_URLS or settings.PURGE_QUEUE_ALWAYS):
        return
    PendingPurge.objects.using(using).create(keys=" ".join(sorted(keys)), next_attempt_at=timezone.now())
    transaction.on_commit(wake, using=using)


def drain(limit=BATCH):
    """Send the rows that are due to every cache; returns how many rows were sent (0 when none were due)."""
    caches = backends()
    if not caches:
        # A server that tells no cache (no shared cache in front) drops what was queued; anywhere else (a shell
        # without DJANGO_PURGE_URLS) the rows stay for the servers that do.
        if _drainer is not None:
            PendingPurge.objects.filter(pk__in=list(PendingPurge.objects.values_list("pk", flat=True)[:limit])).delete()
        return 0
    now = timezone.now()
    with transaction.atomic():
        # Each row to one drainer at a time (PostgreSQL; SQLite runs one writer anyway, and a purge sent twice
        # does no harm).
        due = PendingPurge.objects.select_for_update(skip_locked=True).filter(next_attempt_at__lte=now)
        rows = list(due.order_by("id")[:limit])
        if not rows:
            return 0
        keys = {key for row in rows for key in row.keys.split()}
        errors = []
        for cache in caches:
            try:
                cache.purge(keys)
            except (OSError, http.client.HTTPException, PurgeRefused) as error:
                errors.append(f"{cache.url}: {error.__class__.__name__}: {error}"[:500])
        if errors:
            _failed(rows, "; ".join(errors), now)
            return 0
        PendingPurge.objects.filter(pk__in=[row.pk for row in rows if row.told >= 1]).delete()
        again = [row.pk for row in rows if row.told < 1]
        PendingPurge.objects.filter(pk__in=again).update(
            told=1, next_attempt_at=now + timedelta(seconds=settings.PURGE_REPEAT_SECONDS)
        )
        return len(rows)


def _failed(rows, error, now):
    for row in rows:
        row.attempts += 1
        wait = min(2**row.attempts, LONGEST_WAIT) * random.uniform(0.75, 1.25)
        row.next_attempt_at = now + timedelta(seconds=wait)
        row.last_error = error
        if row.attempts == FAILED_AFTER:
            log.error("purge of %r has failed %d times: %s (still retrying)", row.keys[:200], row.attempts, error)
        else:
            log.warning("purge failed (attempt %d), retrying in %.0f s: %s", row.attempts, wait, error)
    PendingPurge.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])


def drain_all():
    while drain():
        pass


def failed_purges():
    return PendingPurge.objects.filter(attempts__gte=FAILED_AFTER)


class Drainer(threading.Thread):
    """A gunicorn worker's purge sender: woken after each commit, and polling for rows due."""

    def __init__(self):
        super().__init__(name="purge-drainer", daemon=True)
        self.woken = threading.Event()

    def run(self):
        while True:
            self.woken.wait(settings.PURGE_POLL_SECONDS)
            self.woken.clear()
            try:
                drain_all()
            except Exception:
                log.exception("purges: draining failed; retrying")
            finally:
                close_old_connections()
                connection.close()


_drainer = None


def start_drainer():
    """In a server process (gunicorn's post_worker_init): purges are sent by a thread, not by the request."""
    global _drainer
    if (settings.PURGE_URLS or settings.PURGE_QUEUE_ALWAYS) and _drainer is None:
        _drainer = Drainer()
        _drainer.start()


def wake():
    """After a commit that queued a purge: the server's thread sends it; elsewhere (a shell, seed) it is sent
    now, and what fails stays queued for the servers."""
    if _drainer is not None:
        _drainer.woken.set()
        return
    try:
        drain_all()
    except Exception:
        log.exception("purges: could not send now; they stay queued for the app servers")
