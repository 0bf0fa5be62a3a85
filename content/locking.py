"""Saves of one model that take turns, so a check before the write sees every save that came first."""

import zlib

from django.db import connections, router


def queue_behind_other_saves(model):
    """Saves of `model` take turns from here on, until the request's transaction ends, on both databases: the
    checks that follow (this version, a unique slug, a unique phrase or address) see every save that came first,
    and a double-clicked Save is a form error, not an IntegrityError (a 500).

    The admin runs the whole request in one transaction. SQLite: that transaction took the database's write lock
    when it began (transaction_mode IMMEDIATE in settings). PostgreSQL: an advisory lock for this model, held until
    the transaction ends; row locks alone would let two new records with the same unique value both pass the check.
    """
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(model._meta.label_lower.encode())])
