from django.db import migrations


class Migration(migrations.Migration):
    """Once filled the index here from the records of every registered kind: it read the live registry, so a kind
    added later broke a fresh migrate. An index left empty beside published records (a database older than the
    index, or one restored without it) is filled after migrate instead (search.signals, as `reindexsearch`
    would). Kept, empty, so that databases that applied it and those that did not share one history."""

    dependencies = [("search", "0001_search_entries")]

    operations = []
