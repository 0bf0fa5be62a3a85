"""Second-factor secrets sealed at rest: a database dump or backup holds no TOTP secret and no recovery seed.

allauth asks its MFA adapter to encrypt what it stores (the TOTP secret, the recovery codes' seed) and to
decrypt it when checking a code. Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`), keyed by
DJANGO_MFA_KEYS: the first key seals, every key listed opens, so a new key can be put in front of the old
one, `manage.py rotatemfakeys` re-seals everything with it, and the old one is then dropped (README).
"""

from functools import cache

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import transaction

# Where allauth keeps a secret inside Authenticator.data, per type: single values and lists of values.
SEALED_FIELDS = {Authenticator.Type.TOTP: ["secret"], Authenticator.Type.RECOVERY_CODES: ["seed", "migrated_codes"]}


@cache
def _fernet(keys):
    return MultiFernet([Fernet(key) for key in keys])


def fernet():
    return _fernet(tuple(settings.MFA_ENCRYPTION_KEYS))


def seal(text):
    return fernet().encrypt(text.encode()).decode("ascii")


def unseal(token):
    return fernet().decrypt(token.encode()).decode()


class SealedSecretsAdapter(DefaultMFAAdapter):
    def encrypt(self, text):
        return seal(text)

    def decrypt(self, encrypted_text):
        return unseal(encrypted_text)


def reseal_data(authenticator, convert):
    """Apply `convert` to every sealed value in the authenticator's data; True if anything changed."""
    changed = False
    for field in SEALED_FIELDS.get(authenticator.type, []):
        value = authenticator.data.get(field)
        if isinstance(value, str):
            authenticator.data[field] = convert(value)
        elif isinstance(value, list):
            authenticator.data[field] = [convert(item) for item in value]
        else:
            continue
        changed = True
    return changed


@transaction.atomic
def reseal_all(convert=lambda token: fernet().rotate(token.encode()).decode("ascii")):
    """Re-seal every stored secret (by default with the newest key); returns how many authenticators."""
    count = 0
    for authenticator in Authenticator.objects.select_for_update().filter(type__in=list(SEALED_FIELDS)):
        if reseal_data(authenticator, convert):
            authenticator.save(update_fields=["data"])
            count += 1
    return count
