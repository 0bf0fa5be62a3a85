from django.core.management.base import BaseCommand
from django.db import transaction

from search.index import default_workers, reindex


class Command(BaseCommand):
    help = (
        "Rebuild the search index (search_searchentry) from every published record: after bulk updates, "
        "raw SQL or a restored backup that bypassed the models' signals. Searches and saves wait for it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="processes that split the records' texts into terms (default: one per core, here %(default)s)",
        )

    def handle(self, *args, workers, **options):
        with transaction.atomic():
            indexed = reindex(workers=workers)
        self.stdout.write(f"Search index rebuilt: {indexed} published records.")
