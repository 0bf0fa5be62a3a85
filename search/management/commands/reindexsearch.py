from django.core.management.base import BaseCommand
from django.db import transaction

from search.index import reindex


class Command(BaseCommand):
    help = (
        "Rebuild the search index (search_searchentry) from every published record: after bulk updates, "
        "raw SQL or a restored backup that bypassed the models' signals."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            indexed = reindex()
        self.stdout.write(f"Search index rebuilt: {indexed} published records.")
