"""Seal the second-factor secrets stored in plain text before accounts/sealing.py (issue 23)."""

from cryptography.fernet import InvalidToken
from django.db import migrations


def seal_plain_secrets(apps, schema_editor):
    from accounts import sealing

    def seal_if_plain(value):
        try:
            sealing.unseal(value)
            return value  # already sealed
        except InvalidToken:
            return sealing.seal(value)

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=list(sealing.SEALED_FIELDS)):
        if sealing.reseal_data(authenticator, seal_if_plain):
            authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_staff_area_events"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(seal_plain_secrets, migrations.RunPython.noop)]
