"""Where the search index lives: one interface, one backend per database.

search.query asks a backend for one thing: a condition on SearchEntry that keeps the *candidates* — the
entries holding every term (search.terms) of a query word in a given part of the text (title, head or
text), for every word. The substring test that follows (search.query) is plain SQL and the same everywhere,
so a backend can only make search faster or slower, never change what it finds. Another engine (say
OpenSearch, once one database is not enough) would be one more class here, answering the same question.

- PostgreSQL: the terms are `integer[]` columns with GIN indexes (PostgreSQL's own array operators,
  no extension): `terms @> ARRAY[…]`.
- SQLite: an FTS5 table mirrors the term columns (external content, kept in step by triggers, so every
  write to SearchEntry — save, bulk_create, update, delete — reaches it): `… MATCH '{terms} : (t… AND t…)'`.
"""

from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .terms import token

TERM_COLUMNS = {"title": "title_terms", "head": "head_terms", "text": "terms"}
TEXT_COLUMNS = list(TERM_COLUMNS)  # the folded texts, named as the parts they hold
FTS_TABLE = "search_searchentry_fts"


class SearchBackend:
    vendor = None

    def candidates(self, part, words):
        """A Q keeping the entries whose `part` ("title", "head" or "text") holds, for every word, all the
        terms of one of its alternatives. `words`: a list (all must match) of lists (any may match) of lists
        of hashed terms. None when nothing can be looked up (every word lacks terms): then every entry is a
        candidate."""
        raise NotImplementedError

    def schema_sql(self):
        """SQL creating what the index needs besides the SearchEntry table, and SQL removing it."""
        return [], []

    def storage_sql(self):
        """SQL setting how the table's rows are stored, and SQL undoing it."""
        return [], []

    def shares(self, words):
        """(entries in the index, {part: the share of entries that may match}) where the database can tell;
        search.query.Rank reads a part in id order instead of through the index when that share is high."""
        return 0, {}

    @staticmethod
    def _constrained(words):
        # A word with an alternative that has no terms (`%`) constrains nothing: any entry may hold it.
        return [alternatives for alternatives in words if alternatives and all(alternatives)]


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    _statistics = {}  # (database alias, rows, fingerprint): {column: {term: share}}

    def candidates(self, part, words):
        words = self._constrained(words)
        if not words:
            return None
        column = f"{TERM_COLUMNS[part]}__has_terms"
        return reduce(and_, (reduce(or_, (Q(**{column: terms}) for terms in alts)) for alts in words))

    def schema_sql(self):
        create = [
            f"CREATE INDEX search_entry_{name}_gin ON search_searchentry USING gin ({name})"
            for name in TERM_COLUMNS.values()
        ]
        drop = [f"DROP INDEX IF EXISTS search_entry_{name}_gin" for name in TERM_COLUMNS.values()]
        return create, drop

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
            return 0, {}
        rows, shares = self._term_shares({t for alts in words for terms in alts for t in terms})
        estimates = {}
        for part, column in TERM_COLUMNS.items():
            known = shares.get(column, {})
            estimates[part] = min(
                min(1.0, sum(min(known.get(t, 0.0) for t in terms) for terms in alts)) for alts in words
            )
        return max(0, int(rows)), estimates

    def _term_shares(self, terms):
        """(entries in the table, {column: {term: share of entries holding it}}) for those of the given terms
        that are common, as of the last ANALYZE (none before the first)."""
        # Reading 10,000 terms a column takes milliseconds: each process keeps them until an ANALYZE changes
        # them (the shares' sum, a few floats to add, tells), instead of reading them for every search.
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.reltuples, array_agg(ARRAY[cardinality(s.most_common_elem_freqs),
                    (SELECT sum(f) FROM unnest(s.most_common_elem_freqs) AS f)] ORDER BY s.attname)
                FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = c.relname
                    AND s.attname = ANY(%s) AND s.most_common_elems IS NOT NULL
                WHERE c.oid = 'search_searchentry'::regclass GROUP BY c.reltuples
                """,
                [list(TERM_COLUMNS.values())],
            )
            rows, fingerprint = cursor.fetchone()
        key = (connection.alias, rows, str(fingerprint))
        if key not in self._statistics:
            self._statistics = {key: self._read_statistics()}
        return rows, {
            column: {t: known[t] for t in terms if t in known} for column, known in self._statistics[key].items()
        }

    @staticmethod
    def _read_statistics():
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT attname, most_common_elems::text::integer[], most_common_elem_freqs
                FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'search_searchentry'
                    AND attname = ANY(%s) AND most_common_elems IS NOT NULL
                """,
                [list(TERM_COLUMNS.values())],
            )
            # most_common_elem_freqs ends with three more figures: the least and the greatest share, and nulls'.
            return {
                column: dict(zip(terms, shares[: len(terms)], strict=True))
                for column, terms, shares in cursor.fetchall()
            }


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def candidates(self, part, words):
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
