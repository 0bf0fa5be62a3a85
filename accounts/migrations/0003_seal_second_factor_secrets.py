"""Seal the second-factor secrets stored in plain text before accounts/sealing.py (issue 23).

The sealing is written out here as accounts.sealing did it at this migration (Fernet, the first of
DJANGO_MFA_KEYS seals, any opens): a migration must run the same whatever the code around it becomes."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import migrations

# Where allauth keeps a secret inside Authenticator.data, per type: single values and lists of values.
SEALED_FIELDS = {"totp": ["secret"], "recovery_codes": ["seed", "migrated_codes"]}


def seal_plain_secrets(apps, schema_editor):
    fernet = MultiFernet([Fernet(key) for key in settings.MFA_ENCRYPTION_KEYS])

    def seal_if_plain(value):
        try:
            fernet.decrypt(value.encode())
            return value  # already sealed
        except InvalidToken:
            return fernet.encrypt(value.encode()).decode("ascii")

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=list(SEALED_FIELDS)):
        changed = False
        for field in SEALED_FIELDS[authenticator.type]:
            value = authenticator.data.get(field)
            if isinstance(value, str):
                authenticator.data[field] = seal_if_plain(value)
            elif isinstance(value, list):
                authenticator.data[field] = [seal_if_plain(item) for item in value]
            else:
                continue
            changed = True
        if changed:
            authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_staff_area_events"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(seal_plain_secrets, migrations.RunPython.noop)]
