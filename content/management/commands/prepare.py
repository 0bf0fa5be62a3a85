"""What `make serve` runs before gunicorn starts: migrate, seed, collect static files, in one process.

As three `manage.py` runs, Django was set up three times (about a second each), and a restart waited for all three.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate the database, seed what was never delivered and collect static files: `make serve`'s first step."

    def handle(self, *args, verbosity, **options):
        call_command("migrate", interactive=False, verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
        call_command("seed", verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
        call_command("collectstatic", interactive=False, verbosity=0, stdout=self.stdout, stderr=self.stderr)
