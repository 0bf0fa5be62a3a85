"""What `make serve` and `make run` run before they serve: migrate, seed, collect static files, in one process.

As three `manage.py` runs, Django was set up three times (about a second each), and a restart waited for all three.
"""

import fcntl
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

# PostgreSQL advisory locks are named by a number: any fixed one, unique to this step.
PREPARE_LOCK_ID = 0x65636F6D6B62  # "ecomkb"


class Command(BaseCommand):
    help = (
        "Migrate the database, seed what was never delivered and, with debug off, collect static files: "
        "the first step of `make serve` and `make run`."
    )

    def handle(self, *args, verbosity, **options):
        with self.one_at_a_time():
            call_command("migrate", interactive=False, verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
            call_command("seed", verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
            if not settings.DEBUG:  # with debug on (`make run`) runserver serves static/ as it is
                call_command("collectstatic", interactive=False, verbosity=0, stdout=self.stdout, stderr=self.stderr)

    @contextmanager
    def one_at_a_time(self):
        """Servers started at once (a deploy, a scale-out) would migrate a new database together, and all but one
        stopped with "table already exists". Each waits here until the other's prepare is done, then finds nothing
        left to do. PostgreSQL: an advisory lock, which holds across machines; SQLite: a lock file beside the
        database, which all its servers share."""
        lock_connection = connections[DEFAULT_DB_ALIAS].copy()  # a session of its own: migrate may close the default
        try:
            if lock_connection.vendor == "postgresql":
                try:
                    cursor = lock_connection.cursor()  # the first contact with the database: say plainly if it fails
                except OperationalError as error:
                    raise CommandError(f"cannot reach the database (DATABASE_URL): {error}".strip()) from error
                with cursor:
                    cursor.execute("SELECT pg_try_advisory_lock(%s)", [PREPARE_LOCK_ID])
                    if not cursor.fetchone()[0]:
                        self.stdout.write("Waiting for another server's prepare to finish...")
                        cursor.execute("SELECT pg_advisory_lock(%s)", [PREPARE_LOCK_ID])
                yield  # held until the session ends, below
            else:
                database = lock_connection.settings_dict["NAME"]
                try:
                    lock_file = open(f"{database}.prepare-lock", "w")  # closed by the with below
                except OSError as error:
                    raise CommandError(f"cannot write beside the database {database}: {error.strerror}") from error
                with lock_file:
                    try:
                        fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except BlockingIOError:
                        self.stdout.write("Waiting for another server's prepare to finish...")
                        fcntl.flock(lock_file, fcntl.LOCK_EX)
                    yield
        finally:
            lock_connection.close()
