"""Create an editor account: staff, in the Editor group, with a one-time random password."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editors.roles import EDITOR_GROUP, grant_editor_role


class Command(BaseCommand):
    help = "Create an editor account and print its one-time password (the editor changes it after logging in)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists; nothing was changed.")
        # The migration made the group; this restores it if it was deleted or emptied since.
        grant_editor_role()
        group = Group.objects.get(name=EDITOR_GROUP)
        password = secrets.token_urlsafe(15)
        with transaction.atomic():
            user = User(username=username, email=User.objects.normalize_email(email), is_staff=True)
            user.set_password(password)
            user.password_is_one_time = True  # expires, and must be changed at first sign-in (accounts/passwords.py)
            user.save()
            user.groups.add(group)
        self.stdout.write(f"Editor {username!r} created. One-time password (shown only now):")
        self.stdout.write(password)
        self.stdout.write(
            f"It expires in {settings.ACCOUNTS_ONE_TIME_PASSWORD_HOURS} hours. Sign in at /admin/: the first sign-in "
            "sets up an authenticator app (a second factor), then asks for a new password of the editor's own."
        )
