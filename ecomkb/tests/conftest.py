"""Fixtures for the browser tests: one Debian Chromium per test session, driven by Playwright.

Chromium comes from the system (Playwright's own browser download does not work on our machines):
/usr/bin/chromium, or the path in CHROMIUM_PATH. Without it the browser tests skip and say why,
except under CI (the CI variable set), where a missing browser is a failure, never a silent skip.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


def chromium_path():
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None)


def _unavailable(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests, so this is a failure (see .ci/run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium shared by every browser test of the session (starting one costs a second)."""
    path = chromium_path()
    if path is None:
        where = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium (or set CHROMIUM_PATH)"
        _unavailable(f"no Chromium found at {where}; install it with apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (make install)")
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


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL, with the database as `make run` leaves it."""
    call_command("seed", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def page(chromium):
    """A fresh browser tab (own cookies and storage) at desktop size, light colour scheme."""
    context = chromium.new_context(viewport=DESKTOP, color_scheme="light", locale="en-US")
    tab = context.new_page()
    yield tab
    context.close()
