"""Fixtures shared by every app's tests.

The test database is seeded once per session (django_db_setup), committed: every test that uses
the database sees it as `make run` leaves it, and rolls back whatever it changes. Browser tests
that only read share one live server for the session (`site`), which reads that committed data.
A browser test that writes gets a live server of its own over the committed database (`editable_site`);
a test like that empties the tables at its end, and `pytest_runtest_teardown` below seeds them again.

Browser tests get one Debian Chromium per session, driven by Playwright: its headless shell
(/usr/bin/chromium-headless-shell), else /usr/bin/chromium, or CHROMIUM_PATH. Without it they skip and say
why, except under CI (the CI variable set), where a missing browser is a failure, never a silent skip.
"""

import contextlib
import fcntl
import http.client
import io
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import translation
from pytest_django.live_server_helper import LiveServer
from pytest_django.plugin import blocking_manager_key

from pages.tests.helpers import CHROMIUM_ARGS, CHROMIUM_BUILDS, DESKTOP, browser_unavailable, chromium_path, with_axe

pytest_plugins = ["pytester"]  # editors/tests/test_database_between_tests.py runs a small suite of its own

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the browser tests skip (or fail under CI) and say so
    sync_playwright = None


def pytest_collection_modifyitems(items):
    """Tests marked long_running go first, in their own order, everything else after in its own: pytest-xdist
    hands tests out in this order, so the two workers end together instead of one finishing a 20-second test
    while the other waits. (Modules whose tests must run in file order on one worker are not marked.)"""
    items.sort(key=lambda item: item.get_closest_marker("long_running") is None)


SEEDED_COPY = pytest.StashKey()  # SQLite: a copy in memory of the test database as seeded


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database, migrated and then seeded once: every fixture record, published."""
    with django_db_blocker.unblock():
        call_command("seed", stdout=io.StringIO())
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            request.config.stash[SEEDED_COPY] = copy = sqlite3.connect(":memory:")
            connection.connection.backup(copy)


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """For data that many tests of one module only read: a module fixture builds it once inside this transaction
    (`with module_transaction.unblock(): ...`), which is rolled back after the module's last test. Each test
    still runs in a transaction of its own inside it, so what a test changes is gone before the next."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    yield django_db_blocker
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (sign-in's rate limits and used codes; pages and their generation)."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language, whatever an earlier test in the same worker activated
    (a request through LocaleMiddleware leaves its language active in the thread)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test over a committed database (transactional_db: live servers, real transactions) empties every table
    at its end. The one place that puts the database back as the session began, for every test after it, in
    whatever order the tests run: on SQLite copied back from the seeded copy (a hundredth of the time of seeding),
    elsewhere seeded again, with the Editor group (editors.roles.grant_editor_role)."""
    result = yield  # the test's fixtures are torn down: its flush has run
    if nextitem is not None and _empties_the_database(item):
        from editors.roles import grant_editor_role

        with item.config.stash[blocking_manager_key].unblock():
            if seeded := item.config.stash.get(SEEDED_COPY, None):
                connection.ensure_connection()
                seeded.backup(connection.connection)
            else:
                call_command("seed", stdout=io.StringIO())
                grant_editor_role()
    return result


def _empties_the_database(item):
    marker = item.get_closest_marker("django_db")
    # live_server asks for transactional_db only while it is set up, so the static closure doesn't name it
    uses_committed_data = {"transactional_db", "live_server"} & set(item.fixturenames)
    return bool(uses_committed_data or (marker and marker.kwargs.get("transaction")))


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium shared by every browser test of the session (starting one costs a second)."""
    path = chromium_path()
    if path is None:
        where = os.environ.get("CHROMIUM_PATH") or " or ".join(f"/usr/bin/{build}" for build in CHROMIUM_BUILDS)
        browser_unavailable(f"no Chromium found at {where}; install it with apt-get install {CHROMIUM_BUILDS[0]}")
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
    # Between its calls Playwright marks its event loop as running in this thread, and while a loop runs Django
    # keeps database connections apart from the thread's own. Close those now, or the one the tests used after
    # the browser started stays open, and PostgreSQL refuses to drop the test database at the end.
    connections.close_all()
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
def editable_site(live_server):
    """A live server's base URL over a committed, seeded database, for a browser test that saves."""
    return live_server.url


@pytest.fixture
def page(chromium):
    """A fresh browser tab (own cookies and storage) at desktop size, light colour scheme, axe-core at hand."""
    context = _browser_context(chromium)
    tab = context.new_page()
    yield tab
    context.close()


def _browser_context(chromium):
    return with_axe(chromium.new_context(viewport=DESKTOP, color_scheme="light", locale="en-US"))


@pytest.fixture(scope="session")
def _reading_context(chromium):
    context = _browser_context(chromium)
    yield context.new_page()
    context.close()


@pytest.fixture
def reading_tab(_reading_context):
    """For tests that only open readers' pages and look: one tab for all of them, put back to desktop size, light
    colour scheme and no cookies before each test. Opening a fresh browser context costs a new renderer process,
    a quarter of a second a test; readers' pages run no script and keep nothing from one page to the next."""
    tab = _reading_context
    tab.context.clear_cookies()
    tab.set_viewport_size(DESKTOP)
    tab.emulate_media(media="screen", color_scheme="light")
    return tab


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
def editor(db):
    """A member of the Editor group (editors/roles.py), as `createeditor` makes one."""
    from django.contrib.auth.models import Group, User

    from editors.roles import EDITOR_GROUP

    user = User.objects.create_user("erin", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor, sign_in_verified):
    """A client signed in as `editor`, second factor proved."""
    return sign_in_verified(client, editor)


@pytest.fixture
def admin_client(client, admin_user, sign_in_verified):
    """pytest-django's admin_client, with the second factor proved."""
    return sign_in_verified(client, admin_user)


# ---------------------------------------------------------------------------
# A real production server (gunicorn, debug off, several worker processes) on the test database,
# for what only shows between processes: locking, conflicting saves, a shared page cache.

ROOT = Path(__file__).resolve().parent


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url():
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    user, host, port = settings_dict["USER"], settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


class LiveSite:
    """A running server and a way to talk to it: plain HTTP, cookies of one's own, no redirects followed."""

    def __init__(self, process, base, env):
        self.process, self.base, self.env = process, base, env

    def request(self, path, data=None, session=None, method=None):
        headers = {}
        if session:
            headers["Cookie"] = f"sessionid={session}; csrftoken={LIVE_CSRF}"
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": LIVE_CSRF}, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.base, timeout=60)
        try:
            connection.request(method or ("POST" if body is not None else "GET"), path, body, headers)
            response = connection.getresponse()
            return response.status, response.getheader("Location"), response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def manage(self, *args, extra_env=None):
        """A management command in a process of its own, with the server's environment (as an operator runs one)."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=120,
        )


LIVE_CSRF = "x" * 32  # a CSRF secret of the test's choosing, sent as cookie and as form field


def session_for(user):
    """A signed-in session for `user`, committed, as its cookie value."""
    from django.test import Client

    from accounts.testing import sign_in_verified

    client = sign_in_verified(Client(), user)  # second factor proved, as staff must have
    return client.cookies["sessionid"].value


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory, worker_id):
    """Production serves hash-named static files: collect them once per test run. Every xdist worker asks for
    them, and two collectstatic runs writing one STATIC_ROOT at once break each other: the first worker collects
    under a lock shared by the run, the others wait for it and then find the work done."""
    if worker_id == "master":  # one process (-n 0): its temporary folder's parent is shared by every run
        _collect_static()
        return
    shared = tmp_path_factory.getbasetemp().parent  # the run's temporary folder, above each worker's own
    with open(shared / "collectstatic.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / "collectstatic.done"
        if not done.exists():
            _collect_static()
            done.touch()


def _collect_static():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ecomkb.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "live-test-" + os.urandom(8).hex(),
        "DJANGO_MFA_KEYS": settings.MFA_ENCRYPTION_KEYS[0],
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )


@pytest.fixture
def production_server(transactional_db, collected_static, tmp_path):
    """Start servers: production_server(cache_url=..., workers=2) -> LiveSite. Stopped after the test."""
    started = []

    def start(cache_url=None, workers=2, var_dir=None):
        port = _free_port()
        env = {
            **{name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "CACHE_"))},
            "DJANGO_SETTINGS_MODULE": "ecomkb.settings",
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the sessions the tests sign in with are signed with it
            "DJANGO_MFA_KEYS": ",".join(settings.MFA_ENCRYPTION_KEYS),  # and their second factors sealed with these
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": _database_url(),
            "DJANGO_CONN_MAX_AGE": "0",
            "ECOMKB_VAR_DIR": str(var_dir or tmp_path / "var"),
            "PORT": str(port),
            "WEB_CONCURRENCY": str(workers),
        }
        if cache_url:
            env["CACHE_URL"] = cache_url
        log = open(tmp_path / f"server-{port}.log", "w")
        process = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so that the arbiter and its workers stop together
        )
        site = LiveSite(process, f"127.0.0.1:{port}", env)
        started.append((process, log))
        deadline = time.monotonic() + 60
        while True:
            try:
                if site.request("/robots.txt")[0] == 200:
                    return site
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {(tmp_path / f'server-{port}.log').read_text()}")
            time.sleep(0.05)

    yield start
    for process, log in started:
        # Killed, not asked to stop: the test is over, and a graceful shutdown costs the arbiter's second-long nap.
        with contextlib.suppress(ProcessLookupError):  # a server that never started has no group left
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def throwaway_redis(tmp_path):
    """A redis-server of the test's own on a free port (never a shared one): its URL and a client to break it with."""
    import shutil

    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no redis-server on PATH (apt-get install redis-server); .ci/run installs it")
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0", client, process
    process.terminate()
    process.wait(timeout=10)
