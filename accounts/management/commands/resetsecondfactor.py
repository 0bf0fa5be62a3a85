"""Reset a staff account's lost second factor from the command line (docs/operations.md)."""

import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services import second_factor_reset


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and recovery codes, so their next sign-in sets up new ones. "
        "Ends every session of theirs; the reset is recorded in the sign-in audit trail."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}; nothing was changed.")
        removed = second_factor_reset(user=user, by=f"{getpass.getuser()} (command line)")
        self.stdout.write(
            f"Second factor of {username!r} reset ({removed} authenticator(s) removed); their sessions have ended. "
            "At their next sign-in, with their password, they set up an authenticator app again."
        )
