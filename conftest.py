"""Fixtures shared by every app's tests."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The database as `make run` leaves it: every fixture record, published."""
    call_command("seed", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached pages (the database is rolled back between tests)."""
    from django.core.cache import cache

    cache.clear()
