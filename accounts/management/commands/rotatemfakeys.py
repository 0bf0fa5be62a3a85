"""Re-seal every second-factor secret with the newest of DJANGO_MFA_KEYS (docs/operations.md)."""

from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError

from accounts.sealing import reseal_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every TOTP secret and recovery-code seed with the first key of DJANGO_MFA_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then remove the old keys."
    )

    def handle(self, *args, **options):
        try:
            count = reseal_all()
        except InvalidToken:
            raise CommandError(
                "A stored secret opens with none of DJANGO_MFA_KEYS: keep the key it was sealed with in the list. "
                "Nothing was changed."
            ) from None
        self.stdout.write(f"{count} authenticator(s) re-sealed with the newest key.")
