import os

import pytest
from django.conf import settings

from conftest import _database_url, _free_port  # the root conftest's: the servers every test starts

from .stack import Stack, varnish_missing


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The page cache is off in the other tests (settings_test); these tests are about it."""
    settings.PAGE_CACHE_SECONDS = 3600


def server_env(var_dir):
    """The environment of a production server over the test database (as conftest.production_server's)."""
    return {
        **{name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "CACHE_"))},
        "DJANGO_SETTINGS_MODULE": "ecomkb.settings",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_MFA_KEYS": ",".join(settings.MFA_ENCRYPTION_KEYS),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": _database_url(),
        "DJANGO_CONN_MAX_AGE": "0",
        "ECOMKB_VAR_DIR": str(var_dir),
        "WEB_CONCURRENCY": "2",
        # The second purge of each change (a page rendered just before its commit) much later than in production,
        # so that it cannot make up for a first purge that missed a page.
        "DJANGO_PURGE_REPEAT_SECONDS": "60",
    }


def skip_without_varnish():
    if reason := varnish_missing():
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; under CI this is a failure", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, collected_static, tmp_path_factory):
    """Varnish in front of gunicorn over the test database, for a module's tests (pagecache/tests/stack.py)."""
    skip_without_varnish()
    workdir = tmp_path_factory.mktemp("stack")
    with django_db_blocker.unblock():
        env = server_env(workdir / "var")
    running = Stack(env, _free_port(), _free_port(), workdir)
    try:
        running.start_varnish()
        running.start_app()
        yield running
    finally:
        running.stop()


@pytest.fixture
def through_varnish(stack, settings, transactional_db):
    """This process changes content as the app servers' own shell would: committed, purging through the stack's
    gate, and renewing the servers' page cache. Each test starts with both caches empty (the one before it
    re-seeded the database behind their backs)."""
    var = stack.env["ECOMKB_VAR_DIR"]
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.path.join(var, "cache"),
            "KEY_PREFIX": "ecomkb",
        },
    }
    settings.PURGE_URLS = [stack.gate.url]
    from pagecache.generation import renew_or_forget

    renew_or_forget()
    stack.gate.open = True
    if stack.varnish is None:
        stack.start_varnish()
    if stack.app is None:
        stack.start_app()
    stack.purge_everything()
    return stack
