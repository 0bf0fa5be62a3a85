import pytest
from django.db import connection

from content.registry import kind_of
from modes.models import Company
from search.backends import backend_for
from search.index import entry_id
from search.models import SearchEntry
from search.terms import hashed, text_terms


@pytest.fixture
def add_filler_entries(db):
    """`add_filler_entries(count, about="markets 市場", model=Company)`: entries (of `model`'s kind, for records that
    do not exist) that no test query matches unless it asks for `about`, so the table has a realistic shape and
    size; then what autovacuum would do: the GIN indexes' pending entries put in place, ANALYZE."""

    def add(count, about="markets 市場", model=Company):
        kind = kind_of(model)
        start = model.objects.order_by("-pk").values_list("pk", flat=True).first() + 1  # as if added after them
        entries = []
        for i in range(count):
            text = f"filler record {i} about {about} {i % 97}"
            terms = hashed(text_terms(text))
            entries.append(
                SearchEntry(
                    id=entry_id(kind, start + i), kind=kind.label, object_id=start + i,
                    position=kind.position, title=text, head=text, text=text,
                    title_terms=terms, head_terms=terms, terms=terms,
                )
            )  # fmt: skip
        SearchEntry.objects.bulk_create(entries, batch_size=1000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT gin_clean_pending_list(indexrelid) FROM pg_index JOIN pg_class ON oid = indexrelid "
                    "JOIN pg_am ON pg_am.oid = relam WHERE indrelid = 'search_searchentry'::regclass AND amname = 'gin'"
                )
                cursor.execute("ANALYZE search_searchentry")

    return add


@pytest.fixture(autouse=True)
def forget_term_statistics():
    """Each test's ANALYZE is rolled back with it, but not the count of ANALYZEs by which the PostgreSQL backend
    tells that its statistics changed (search.backends.PostgresBackend._current_statistics): forget them."""
    yield
    backend_for("postgresql").forget_statistics()
