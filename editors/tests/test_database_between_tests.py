"""A test over committed data (live servers, real transactions) empties every table at its end; the next test
still finds the database as `make run` leaves it: seeded, with the Editor group (conftest.pytest_runtest_teardown)."""

import pytest
from django.contrib.auth.models import Group

from editors.roles import EDITOR_GROUP
from modes.models import Company, OperationMode
from trends.models import Trend

pytestmark = pytest.mark.xdist_group("database-between-tests")  # one worker, in file order


def seeded_counts():
    return Company.objects.count(), OperationMode.objects.count(), Trend.objects.count()


def test_a_test_over_committed_data_starts_seeded(transactional_db):
    assert seeded_counts() >= (1, 5, 10)
    assert Group.objects.filter(name=EDITOR_GROUP, permissions__isnull=False).exists()


def test_the_test_after_it_starts_seeded_too(transactional_db):
    assert seeded_counts() >= (1, 5, 10)
    assert Group.objects.filter(name=EDITOR_GROUP, permissions__isnull=False).exists()
