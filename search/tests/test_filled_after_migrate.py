"""An index left empty beside published records (a database older than the index, or restored without it) is filled
after migrate, as `reindexsearch` would: the job a data migration once did by reading the live registry."""

import io

from django.core.management import call_command

from search.models import SearchEntry


def entries():
    return sorted(SearchEntry.objects.values_list("id", "kind", "object_id", "text"))


def test_migrate_fills_an_empty_index_from_the_published_records(db):
    seeded = entries()
    SearchEntry.objects.all().delete()

    call_command("migrate", verbosity=0, stdout=io.StringIO())

    assert seeded and entries() == seeded


def test_migrate_leaves_an_index_that_has_entries_as_it_is(db):
    first = SearchEntry.objects.order_by("id").first()
    SearchEntry.objects.filter(pk=first.pk).update(text="left as it is")

    call_command("migrate", verbosity=0, stdout=io.StringIO())

    assert SearchEntry.objects.get(pk=first.pk).text == "left as it is"
