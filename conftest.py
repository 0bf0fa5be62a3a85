"""Fixtures shared by every app's tests.

The test database is seeded once per session (django_db_setup), committed: every test that uses
the database sees it as `make run` leaves it, and rolls back whatever it changes. Browser tests
that only read share one live server for the session (`site`), which reads that committed data.
A browser test that writes gets a live server of its own over a database emptied and seeded again
around it (`editable_site`); pytest-django runs such tests after all the others that use the database.

Browser tests get one Debian Chromium per session, driven by Playwright: /usr/bin/chromium, or
CHROMIUM_PATH. Without it they skip and say why, except under CI (the CI variable set), where a
missing browser is a failure, never a silent skip.
"""

import io
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

from pages.tests.helpers import CHROMIUM_ARGS, DESKTOP, browser_unavailable, chromium_path

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the browser tests skip (or fail under CI) and say so
    sync_playwright = None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated and then seeded once: every fixture record, published."""
    with django_db_blocker.unblock():
        call_command("seed", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (login throttling and the page cache's generation live there)."""
    cache.clear()


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium shared by every browser test of the session (starting one costs a second)."""
    path = chromium_path()
    if path is None:
        where = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium (or set CHROMIUM_PATH)"
        browser_unavailable(f"no Chromium found at {where}; install it with apt-get install chromium")
    if sync_playwright is None:
        browser_unavailable("Playwright for Python is not installed (make install)")
    # Playwright's sync API keeps an event loop in this thread; Django refuses ORM calls from a
    # thread with a running loop unless told that this test thread is not really async.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def reading_server(django_db_setup, django_db_blocker):
    """One live server for the session, serving the seeded database to browser tests that only read."""
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def site(db, reading_server):
    """The base URL of a live server showing the database as `make run` leaves it. For tests that only read:
    what a test writes stays in its own transaction (rolled back), which on PostgreSQL the server never sees."""
    return reading_server.url


@pytest.fixture
def seeded_again_afterwards(django_db_blocker):
    """For a test over a committed database (transactional_db), which leaves it emptied: seeds it again once
    that test is done, for the tests after it that read the session's seed without a `db` of their own
    (pytest-django runs those last). Listed before transactional_db, so it is torn down after its flush."""
    yield
    with django_db_blocker.unblock():
        call_command("seed", stdout=io.StringIO())


@pytest.fixture
def editable_site(seeded_again_afterwards, live_server, transactional_db):
    """A live server's base URL over a committed, freshly seeded database, for a browser test that saves."""
    call_command("seed", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def page(chromium):
    """A fresh browser tab (own cookies and storage) at desktop size, light colour scheme."""
    context = chromium.new_context(viewport=DESKTOP, color_scheme="light", locale="en-US")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def sign_in_verified(db):
    """`sign_in_verified(client, user)`: signed in as the real sign-in leaves a staff user, second factor
    proved (accounts/testing.py). For tests of what staff can do; sign-in itself is tested in accounts/."""
    from accounts.testing import sign_in_verified

    return sign_in_verified


@pytest.fixture
def enrol_in_browser():
    """`enrol_in_browser(page, site, username, password)`: a new staff account's first sign-in in Chromium,
    with the authenticator app set up (accounts/testing.py); returns the TOTP secret."""
    from accounts.testing import enrol_in_browser

    return enrol_in_browser


@pytest.fixture
def admin_client(client, admin_user, sign_in_verified):
    """pytest-django's admin_client, with the second factor proved."""
    return sign_in_verified(client, admin_user)
