import pytest
from django.db import connection

from search.models import SearchEntry
from search.terms import hashed, text_terms


@pytest.fixture
def add_filler_entries(db):
    """`add_filler_entries(count, about="markets 市場")`: entries of records no test query matches unless it
    asks for `about`, so the table has a realistic shape and size; then ANALYZE, as autovacuum would."""

    def add(count, about="markets 市場"):
        entries = []
        for i in range(count):
            text = f"filler record {i} about {about} {i % 97}"
            terms = hashed(text_terms(text))
            entries.append(
                SearchEntry(
                    id=(9 << 56) + i, kind="test.filler", object_id=i, position=9, title=text, head=text, text=text,
                    title_terms=terms, head_terms=terms, terms=terms,
                )
            )  # fmt: skip
        SearchEntry.objects.bulk_create(entries, batch_size=1000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_searchentry")

    return add
