"""Where the search index lives: one interface, one backend per database.

search.query asks a backend for one thing: a condition on SearchEntry that keeps the *candidates* — the
entries holding every term (search.terms) of a query word in a given part of the text (title, head or
text), for every word. The substring test that follows (search.query) is plain SQL and the same everywhere,
so a backend can only make search faster or slower, never change what it finds. Another engine (say
OpenSearch, once one database is not enough) would be one more class here, answering the same question.

- PostgreSQL: the terms are `integer[]` columns with GIN indexes (PostgreSQL's own array operators,
  no extension), one per column and kind (`WHERE position = n`): `position = n AND terms @> ARRAY[…]`.
- SQLite: an FTS5 table mirrors the term columns (external content, kept in step by triggers, so every
  write to SearchEntry — save, bulk_create, update, delete — reaches it): `… MATCH '{terms} : (t… AND t…)'`.

A backend also writes entries in bulk for a rebuild (search.index.reindex): rows encoded in worker processes
(encode), written in few statements (write: COPY on PostgreSQL), the lookup structures dropped before and built
after (rebuilding).
"""

import struct
import sys
from array import array
from contextlib import contextmanager
from functools import reduce
from operator import and_, or_

from django.db import connection, connections, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

from content.registry import content_kinds

from .terms import token

TERM_COLUMNS = {"title": "title_terms", "head": "head_terms", "text": "terms"}
TEXT_COLUMNS = list(TERM_COLUMNS)  # the folded texts, named as the parts they hold
FTS_TABLE = "search_searchentry_fts"
# SearchEntry's columns, in the order of an entry's row (search.index.EntryShape.row) and of a bulk write.
ENTRY_COLUMNS = ("id", "kind", "object_id", "position", "title", "head", "text", "title_terms", "head_terms", "terms")


# PostgreSQL's binary COPY format: a header, then each row as its number of fields and each field as its length and
# its bytes (big-endian integers; text in UTF-8; an array as dimensions, element type and elements), then a trailer.
_COPY_HEADER = b"PGCOPY\n\xff\r\n\0" + struct.pack(">ii", 0, 0)  # signature; flags; no header extension
_COPY_TRAILER = struct.pack(">h", -1)
_ROW_START = struct.Struct(">hiqi")  # fields; the id (its length, 8, and value); the kind's length
_ROW_NUMBERS = struct.Struct(">iqih")  # object_id (8 bytes), position (2 bytes)
_LENGTH = struct.Struct(">i")
_ARRAY_START = struct.Struct(">iiiiii")  # length; 1 dimension; no nulls; of int4 (oid 23); its size; from 1
_EMPTY_ARRAY = struct.pack(">iiii", 12, 0, 0, 23)  # length; no dimension; no nulls; of int4


def _binary_int4_array(numbers):
    if not numbers:
        return _EMPTY_ARRAY
    # Each element is its length (4), then its value: written by slicing arrays, not one number at a time.
    cells = array("i", [4]) * (2 * len(numbers))
    cells[1::2] = array("i", numbers)
    if sys.byteorder == "little":
        cells.byteswap()
    return _ARRAY_START.pack(20 + 8 * len(numbers), 1, 0, 23, len(numbers), 1) + cells.tobytes()


def registered_positions():
    return sorted({kind.position for kind in content_kinds()})


class SearchBackend:
    vendor = None

    def candidates(self, part, words, positions=None):
        """A Q keeping the entries whose `part` ("title", "head" or "text") holds, for every word, all the
        terms of one of its alternatives. `words`: a list (all must match) of lists (any may match) of lists
        of hashed terms. None when nothing can be looked up (every word lacks terms): then every entry is a
        candidate. With `positions` (content.registry), the entries of those kinds only."""
        raise NotImplementedError

    def ensure_structures(self, using):
        """Make what the index needs and the registry's kinds call for, where missing (after migrate)."""

    def schema_sql(self):
        """SQL creating what the index needs besides the SearchEntry table, and SQL removing it."""
        return [], []

    def encode(self, rows):
        """Entries' rows (search.index.EntryShape.row) as write() takes them; a pure function, run in workers."""
        raise NotImplementedError

    def write(self, cursor, encoded):
        """Add encoded rows to the SearchEntry table, in one statement or a few."""
        raise NotImplementedError

    @contextmanager
    def rebuilding(self):
        """Around writing every entry afresh: the table emptied and its lookup structures (schema_sql) dropped
        before, made again from all the rows after, which is several times faster than keeping them up to date
        row by row. Inside a transaction (search.index.reindex)."""
        create, drop = self.schema_sql()
        with connection.cursor() as cursor:
            for statement in drop:
                cursor.execute(statement)
            cursor.execute(self.empty_sql)
        yield
        with connection.cursor() as cursor:
            self.build(cursor, create)

    def build(self, cursor, create):
        """Make the lookup structures (schema_sql's `create`) over the rows just written."""
        for statement in create:
            cursor.execute(statement)

    def storage_sql(self):
        """SQL setting how the table's rows are stored, and SQL undoing it."""
        return [], []

    def shares(self, words):
        """(entries in the index, {part: the share of entries that may match}, {kind's position: about how many
        entries it has}) where the database can tell; search.query.Rank reads a part in id order instead of
        through the index when that share is high."""
        return 0, {}, {}

    @staticmethod
    def _constrained(words):
        # A word with an alternative that has no terms (`%`) constrains nothing: any entry may hold it.
        return [alternatives for alternatives in words if alternatives and all(alternatives)]


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    _statistics = {}  # (database alias, rows, ANALYZE counts): {column: {term or position: share}}

    # One GIN index per term column *and kind* (a partial index: `WHERE position = n`). A word common in one kind
    # and absent from another is then cheap to rule out in the other: the kind's index holds no entry for its
    # terms. With one index for all kinds, `阿里巴巴 京东` cost 20 ms of index reading at 1,000,000 entries before
    # a single row was read, for every kind search.query.Rank asked about. (`IS NOT NULL`, true of every row, keeps
    # an index to the queries on its own column: with `position = n` alone, the planner could read a whole index of
    # another column to find the kind's rows, every one of them then checked.)

    def candidates(self, part, words, positions=None):
        words = self._constrained(words)
        if not words:
            return None
        column = f"{TERM_COLUMNS[part]}__has_terms"
        holds = reduce(and_, (reduce(or_, (Q(**{column: terms}) for terms in alts)) for alts in words))
        # Each kind's part through its own index (a BitmapOr of them when several).
        return reduce(or_, (Q(position=position) & holds for position in positions or registered_positions()))

    @staticmethod
    def index_name(column, position):
        return f"search_entry_{column}_gin_{position}"

    def schema_sql(self):
        with connection.cursor() as cursor:  # those of kinds no longer registered too, and the old ones for all kinds
            drop = [f"DROP INDEX IF EXISTS {name}" for name in self._existing_indexes(cursor)]
        return list(self._indexes().values()), drop

    def _indexes(self):
        """{name: SQL creating it} of every index the registered kinds call for."""
        return {
            self.index_name(name, position): f"CREATE INDEX {self.index_name(name, position)} ON search_searchentry "
            f"USING gin ({name}) WHERE position = {position} AND {name} IS NOT NULL"
            for position in registered_positions()
            for name in TERM_COLUMNS.values()
        }

    @staticmethod
    def _existing_indexes(cursor):
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = 'search_searchentry' AND indexname LIKE %s",
            ["search\\_entry\\_%\\_gin%"],
        )
        return [name for (name,) in cursor.fetchall()]

    def ensure_structures(self, using):
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            existing = set(self._existing_indexes(cursor))
            missing = [create for name, create in self._indexes().items() if name not in existing]
            if missing:
                self.build(cursor, missing)

    # Rows go in by COPY, in PostgreSQL's binary format: no SQL to parse, and no integer arrays written out as text
    # (psycopg's array dumper, in Python, took longer than splitting the texts into terms) for the server to read.
    empty_sql = "TRUNCATE search_searchentry"
    copy_sql = f"COPY search_searchentry ({', '.join(ENTRY_COLUMNS)}) FROM STDIN (FORMAT binary)"
    # A GIN index is built by sorting its entries in this much memory at a time; the server's default (64 MB)
    # spills to disk. For the builds of a rebuild only.
    build_memory = "1GB"

    def encode(self, rows):
        encoded = []
        for entry_id, kind, object_id, position, title, head, text, *term_columns in rows:
            kind = kind.encode()
            encoded.append(_ROW_START.pack(len(ENTRY_COLUMNS), 8, entry_id, len(kind)))
            encoded.append(kind)
            encoded.append(_ROW_NUMBERS.pack(8, object_id, 2, position))
            for value in (title, head, text):
                value = value.encode()
                encoded.append(_LENGTH.pack(len(value)))
                encoded.append(value)
            encoded.extend(map(_binary_int4_array, term_columns))
        return b"".join(encoded)

    def write(self, cursor, encoded):
        if encoded:
            with cursor.copy(self.copy_sql) as copy:
                copy.write(_COPY_HEADER)
                copy.write(encoded)
                copy.write(_COPY_TRAILER)

    def build(self, cursor, create):
        cursor.execute("SELECT current_setting('maintenance_work_mem')")
        (memory,) = cursor.fetchone()
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [self.build_memory])
        super().build(cursor, create)
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [memory])
        cursor.execute("ANALYZE search_searchentry")  # the statistics shares() reads, of the new rows

    def storage_sql(self):
        # Verifying a candidate reads its folded text. PostgreSQL moves a row's large values out of line once
        # the row passes 2 kB, so each check cost a lookup in the TOAST table per LIKE, and pglz to undo:
        # about 14 µs a row. Rows kept whole in the page (up to 8 kB), compressed with lz4, cost a quarter.
        # Statistics on more terms let search.query tell a common word from a rare one (most_common_elems).
        apply = ["ALTER TABLE search_searchentry SET (toast_tuple_target = 8160)"]
        apply += [f"ALTER TABLE search_searchentry ALTER COLUMN {name} SET COMPRESSION lz4" for name in TEXT_COLUMNS]
        apply += [
            f"ALTER TABLE search_searchentry ALTER COLUMN {name} SET STATISTICS 1000" for name in TERM_COLUMNS.values()
        ]
        revert = ["ALTER TABLE search_searchentry RESET (toast_tuple_target)"]
        revert += [
            f"ALTER TABLE search_searchentry ALTER COLUMN {name} SET COMPRESSION default" for name in TEXT_COLUMNS
        ]
        revert += [
            f"ALTER TABLE search_searchentry ALTER COLUMN {name} SET STATISTICS -1" for name in TERM_COLUMNS.values()
        ]
        return apply, revert

    def shares(self, words):
        # The planner cannot tell a common word from a rare one (it misjudges how common a term is, and LIKE's
        # selectivity even more), so ANALYZE's statistics are read here: the share of entries holding each
        # term (most_common_elems, kept for 10,000 terms a column by storage_sql). A word's share is at most
        # its rarest term's (terms common apart may be rare together: search.query.Rank watches what it
        # reads), and a query's at most its rarest word's. A term not listed counts as rare: the index.
        words = self._constrained(words)
        if not words:
            return 0, {}, {}
        rows, statistics = self._current_statistics()
        estimates = {}
        for part, column in TERM_COLUMNS.items():
            known = statistics.get(column, {})
            estimates[part] = min(
                min(1.0, sum(min(known.get(t, 0.0) for t in terms) for terms in alts)) for alts in words
            )
        kinds = {position: round(share * rows) for position, share in statistics.get("position", {}).items()}
        return rows, estimates, kinds

    def forget_statistics(self):
        """Read the statistics afresh at the next search (a test's ANALYZE is rolled back, its count is not)."""
        self._statistics = {}

    def _current_statistics(self):
        """(entries in the table, the statistics _read_statistics reads), as of the last ANALYZE."""
        # Reading 10,000 terms a column takes milliseconds: each process keeps them until an ANALYZE may have changed
        # them, which the table's counts of ANALYZEs tell in a tenth of a millisecond. (A digest of the shares, read
        # for every search, took 7-14 ms at 1,000,000 entries; anything read through pg_stats, about 1 ms.) An
        # ANALYZE rolled back leaves its count behind: a process that read its statistics before the rollback
        # keeps them until the next ANALYZE — a plan chosen on them, never a different result.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples, pg_stat_get_analyze_count(oid), pg_stat_get_autoanalyze_count(oid) "
                "FROM pg_class WHERE oid = 'search_searchentry'::regclass"
            )
            rows, analyzed, autoanalyzed = cursor.fetchone()
        key = (connection.alias, rows, analyzed, autoanalyzed)
        if key not in self._statistics:
            self._statistics = {key: self._read_statistics()}
        return max(0, int(rows)), self._statistics[key]

    @staticmethod
    def _read_statistics():
        """{column: {term: share of entries holding it}} for the common terms of each term column, and
        {"position": {position: share of entries}}: how the kinds divide the table."""
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT attname, most_common_elems::text::integer[], most_common_elem_freqs
                FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'search_searchentry'
                    AND attname = ANY(%s) AND most_common_elems IS NOT NULL
                UNION ALL
                SELECT attname, most_common_vals::text::integer[], most_common_freqs
                FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'search_searchentry'
                    AND attname = 'position' AND most_common_vals IS NOT NULL
                """,
                [list(TERM_COLUMNS.values())],
            )
            # most_common_elem_freqs ends with three more figures: the least and the greatest share, and nulls'.
            return {
                column: dict(zip(values, shares[: len(values)], strict=True))
                for column, values, shares in cursor.fetchall()
            }


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def candidates(self, part, words, positions=None):
        # Every kind through the one FTS5 table, which gives its candidates in id order (a kind's are one range).
        words = self._constrained(words)
        if not words:
            return None
        column = TERM_COLUMNS[part]
        expression = " AND ".join(
            "(" + " OR ".join("(" + " AND ".join(token(t) for t in terms) + ")" for terms in alts) + ")"
            for alts in words
        )
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        return Q(pk__in=RawSQL(sql, [f"{{{column}}} : ({expression})"]))

    empty_sql = "DELETE FROM search_searchentry"  # without triggers left, SQLite empties the table at once
    insert_sql = (
        f"INSERT INTO search_searchentry ({', '.join(ENTRY_COLUMNS)}) VALUES ({', '.join(['%s'] * len(ENTRY_COLUMNS))})"
    )

    def encode(self, rows):
        # The term columns as TermsField writes them: tokens, space-separated.
        return [(*row[:7], *(" ".join(map(token, terms)) for terms in row[7:])) for row in rows]

    def write(self, cursor, encoded):
        if encoded:
            cursor.executemany(self.insert_sql, encoded)

    def schema_sql(self):
        columns = ", ".join(TERM_COLUMNS.values())
        new = ", ".join(f"new.{name}" for name in TERM_COLUMNS.values())
        old = ", ".join(f"old.{name}" for name in TERM_COLUMNS.values())
        insert = f"INSERT INTO {FTS_TABLE}(rowid, {columns}) VALUES (new.id, {new});"
        delete = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {columns}) VALUES ('delete', old.id, {old});"
        create = [
            # Tokens are base-36 words (search.terms.token); positions are not needed, columns are.
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({columns}, content='search_searchentry', "
            f"content_rowid='id', tokenize='ascii', detail='column')",
            f"CREATE TRIGGER search_entry_inserted AFTER INSERT ON search_searchentry BEGIN {insert} END",
            f"CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_searchentry BEGIN {delete} END",
            f"CREATE TRIGGER search_entry_updated AFTER UPDATE ON search_searchentry BEGIN {delete} {insert} END",
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
        ]
        drop = [
            "DROP TRIGGER IF EXISTS search_entry_inserted",
            "DROP TRIGGER IF EXISTS search_entry_deleted",
            "DROP TRIGGER IF EXISTS search_entry_updated",
            f"DROP TABLE IF EXISTS {FTS_TABLE}",
        ]
        return create, drop


BACKENDS = {backend.vendor: backend for backend in (PostgresBackend(), SQLiteBackend())}


def backend_for(vendor):
    try:
        return BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(f"search has no backend for {vendor}") from None


def current_backend():
    return backend_for(connection.vendor)
