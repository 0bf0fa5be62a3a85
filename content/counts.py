"""Counts of a kind's records, kept in the shared cache until that kind changes.

A list's page numbers, the sitemap index and the admin's translation work all need "how many": at a million
records a COUNT reads half a million index entries (more on PostgreSQL before VACUUM), on every request. The
count changes only when a record of that kind is saved or deleted, so it is kept in the cache that every
process shares (ecomkb.settings) under a key per kind, and dropped when `content_changed` says that kind
changed: one save costs the next reader of that kind one count, and nothing for the other kinds.

A bulk `QuerySet.update()` sends no signal; COUNT_SECONDS bounds how long such a count can be stale. A cache
that cannot be read or written is passed over: the count is then made by the database, as without this.
"""

import logging

from django.dispatch import receiver

from .cache import cache
from .signals import content_changed

log = logging.getLogger(__name__)

COUNT_SECONDS = 600  # a count made stale by a write that sends no signal is right again within this


def _key(model):
    return f"content:counts:{model._meta.label_lower}"


def kind_count(model, name, count):
    """`count()` for the kind `model`, kept under `name` until a record of that kind changes."""
    try:
        counts = cache.get(_key(model)) or {}
    except Exception:  # an unreachable cache: count in the database, as without it
        log.warning("counts: the cache could not be read; counting %s in the database", model._meta.label)
        return count()
    if name not in counts:
        counts = {**counts, name: count()}
        try:
            cache.set(_key(model), counts, COUNT_SECONDS)
        except Exception:
            log.warning("counts: the cache refused a count of %s", model._meta.label)
    return counts[name]


def published_count(model):
    """How many published records of the kind `model` has."""
    return kind_count(model, "published", lambda: model.objects.published().count())


@receiver(content_changed)
def _forget_counts(sender, **kwargs):
    try:
        cache.delete(_key(sender))
    except Exception:  # the page cache's generation refuses or forgets the change in this case (pagecache)
        log.warning("counts: the cache could not forget the counts of %s", sender._meta.label)
