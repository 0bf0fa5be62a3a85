"""Deploy checks (`manage.py check --deploy`): the trusted proxies that decide every client address."""

import os

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .throttle import parse_proxies

HINT = (
    "Set DJANGO_TRUSTED_PROXIES to the addresses (or CIDR networks) of the reverse proxies in front, and nothing else."
)


@register(Tags.security, deploy=True)
def trusted_proxies(app_configs, **kwargs):
    warnings = []
    entries = [entry.strip() for entry in settings.TRUSTED_PROXIES if entry.strip()]
    networks, everyone, bad = parse_proxies(entries)
    if os.environ.get("DJANGO_PROXY_COUNT", "").strip():
        warnings.append(
            Warning(
                "DJANGO_PROXY_COUNT is set, but it is no longer read: the client address comes from "
                "X-Forwarded-For only through DJANGO_TRUSTED_PROXIES.",
                hint=HINT + " Then unset DJANGO_PROXY_COUNT.",
                id="accounts.W001",
            )
        )
    forwarded = os.environ.get("FORWARDED_ALLOW_IPS")
    if forwarded is not None and {e.strip() for e in forwarded.split(",") if e.strip()} != set(entries):
        warnings.append(
            Warning(
                f"FORWARDED_ALLOW_IPS ({forwarded!r}) differs from DJANGO_TRUSTED_PROXIES ({','.join(entries)!r}): "
                "gunicorn.conf.py trusts DJANGO_TRUSTED_PROXIES and ignores FORWARDED_ALLOW_IPS.",
                hint="Unset FORWARDED_ALLOW_IPS; DJANGO_TRUSTED_PROXIES is the one setting for both.",
                id="accounts.W002",
            )
        )
    if everyone or any(network.prefixlen == 0 for network in networks):
        warnings.append(
            Warning(
                "DJANGO_TRUSTED_PROXIES trusts every address: any client can write the address the sign-in "
                "throttle counts and the audit trail records (X-Forwarded-For), and claim https (X-Forwarded-Proto).",
                hint=HINT,
                id="accounts.W003",
            )
        )
    if bad:
        warnings.append(
            Warning(
                f"DJANGO_TRUSTED_PROXIES has entries that are not an address or a network: {', '.join(bad)}. "
                "The application ignores them, and gunicorn refuses to start with them.",
                hint="Write each as 203.0.113.7, 2001:db8::7 or 10.0.0.0/8 (no host bits set past the /).",
                id="accounts.W004",
            )
        )
    return warnings


PER_PROCESS_CACHES = ("LocMemCache", "DummyCache")


@register(Tags.security, Tags.caches, deploy=True)
def security_store(app_configs, **kwargs):
    """allauth keeps its rate limits and the TOTP codes already used in Django's default cache: a cache of each
    process's own would let a code be replayed on another worker, and limits be spread over workers."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.rsplit(".", 1)[-1] in PER_PROCESS_CACHES:
        return [
            Error(
                f"The default cache ({backend}) holds sign-in's security state but is not shared by the server's "
                "processes: a used TOTP code would be accepted again by another worker.",
                hint="Keep the default cache in the database, as ecomkb/settings.py sets it (CACHES['default']).",
                id="accounts.E001",
            )
        ]
    return []
