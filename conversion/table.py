"""Keeping every process's copy of the conversion table (bilingual.chinese) as the database holds it.

The table is read from the database once per process and again whenever it changes. A change anywhere (the
admin, a shell, a history restore) puts a new stamp in the shared cache (content.cache, the cache pages are
served from); each process compares it with the stamp of the table it holds before it makes a page
(ConversionTableMiddleware): one cache read a request, a database read only after a change. The change also
starts a new page-cache generation (content.signals.content_changed), so no page converted with the old table
is served again.
"""

import json
import logging
import uuid

from django.conf import settings
from django.db import DatabaseError

from bilingual.chinese import current_table, install_table, shipped_table
from content.cache import cache

log = logging.getLogger(__name__)

STAMP_KEY = "conversion:table"
FIXTURE = "conversion.json"  # in fixtures/: the table as the site ships it (bilingual.chinese.shipped_table)


def fixture_rules():
    """The shipped table: [{"traditional": …, "simplified": …, "note": …}, …]."""
    with open(settings.BASE_DIR / "fixtures" / FIXTURE, encoding="utf-8") as fixture:
        return [entry["fields"] for entry in json.load(fixture)]


def load(stamp=None):
    """Install the database's table in this process, under `stamp` (a new one if None)."""
    from .models import ConversionRule

    stamp = stamp or uuid.uuid4().hex
    try:
        phrases = dict(ConversionRule.objects.values_list("traditional", "simplified"))
    except DatabaseError:  # not migrated yet (a fresh database, a command before migrate): the shipped table
        log.warning("conversion: the table could not be read from the database; using fixtures/%s", FIXTURE)
        phrases = shipped_table()
    install_table(phrases, stamp)
    return stamp


def _shared_stamp():
    try:
        return cache.get(STAMP_KEY)
    except Exception:  # the cache is down: keep the table this process holds
        log.exception("conversion: could not read the table's stamp")
        return None


def refresh_if_changed():
    """Bring this process's table up to date with the database's, if it changed since it was read."""
    held, shared = current_table().stamp, _shared_stamp()
    if shared is None:
        stamp = held or load()
        try:
            cache.add(STAMP_KEY, stamp, None)  # the cache was emptied: the table held is the table
        except Exception:
            pass
    elif shared != held:
        load(shared)


def table_changed(refuse_if_untold=True):
    """The table was changed in the database: a new stamp for every process, and this one's table now.

    An editor's change that other processes cannot be told of is refused (the cache's error propagates, as a
    content change is refused, issue 9); after `migrate` (refuse_if_untold=False) the stamp is only logged as not
    set: migrate already started a new page-cache generation, and a process holding no stamp reloads the table."""
    stamp = uuid.uuid4().hex
    try:
        cache.set(STAMP_KEY, stamp, None)
    except Exception:
        if refuse_if_untold:
            raise
        log.exception("conversion: could not tell other processes of the new table")
    load(stamp)
