"""Fixtures shared by every app's tests."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The database as `make run` leaves it: every fixture record, published."""
    call_command("seed", stdout=io.StringIO())
