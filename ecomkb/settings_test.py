"""Test settings: the real settings with a throwaway key and fast hashing."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-test-key-not-for-production")
# A fixed, public test key: the servers the tests start must open the secrets the tests enrol.
os.environ.setdefault("DJANGO_MFA_KEYS", "dGVzdC1rZXktbm90LWZvci1wcm9kdWN0aW9uLTMyYiE=")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("CACHE_URL", "locmem://")  # one process; conftest.py empties it before each test
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")  # the test client speaks plain HTTP

from .settings import *  # noqa: E402,F403

# Sign-in's security store in memory: one process per test worker, emptied before each test (conftest.py);
# the servers tests start use the real one, in the database.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No collectstatic before tests: plain static storage (pages/tests/test_static_files.py checks the real one).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = True  # static files straight from static/, as with `make run`
# The page cache is off: a test sees what its own request renders. pagecache/tests turn it on.
PAGE_CACHE_SECONDS = 0
# No purge queued unless a test sets PURGE_URLS (pagecache/tests/test_purges.py turns this on where it tests it).
PURGE_QUEUE_ALWAYS = False
# Each request closes its database connection: a live server's keep-alive threads must not hold the test
# database open when the session drops it (PostgreSQL refuses to drop a database in use).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory, so that a real server started by a test (conftest.production_server)
    # shares it, with the same write-ahead log and locking as production. One per test run.
    import tempfile

    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), f"ecomkb-test-{os.getpid()}.sqlite3")}  # noqa: F405
