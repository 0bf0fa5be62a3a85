"""A test over committed data (live servers, real transactions) empties every table at its end; the next test
still finds the database as `make run` leaves it: seeded, with the Editor group (conftest.pytest_runtest_teardown).

The two tests must run one after the other in one worker, or the second proves nothing: the last test checks that
`make test`'s pytest-xdist settings keep a module marked xdist_group together, in file order.
"""

import textwrap

import pytest
from django.contrib.auth.models import Group

from editors.roles import EDITOR_GROUP
from modes.models import Company, OperationMode
from trends.models import Trend

pytestmark = pytest.mark.xdist_group("database-between-tests")  # one worker, in file order


# At least this many records of each kind after seeding. Each count is compared on its own: tuples compare element
# by element, so (12, 0, 0) >= (1, 5, 10) held although no mode or trend was there.
SEEDED_AT_LEAST = {Company: 1, OperationMode: 5, Trend: 10}


def missing_seeds():
    """{model name: count} of the kinds with fewer records than seeding delivers; empty when seeded."""
    counts = {model: model.objects.count() for model in SEEDED_AT_LEAST}
    return {model.__name__: count for model, count in counts.items() if count < SEEDED_AT_LEAST[model]}


def test_a_test_over_committed_data_starts_seeded(transactional_db):
    assert missing_seeds() == {}
    assert Group.objects.filter(name=EDITOR_GROUP, permissions__isnull=False).exists()


def test_the_test_after_it_starts_seeded_too(transactional_db):
    assert missing_seeds() == {}
    assert Group.objects.filter(name=EDITOR_GROUP, permissions__isnull=False).exists()


def test_a_kind_left_empty_counts_as_not_seeded(db):
    OperationMode.objects.all().delete()
    Trend.objects.all().delete()
    assert missing_seeds() == {"OperationMode": 0, "Trend": 0}


def test_tests_marked_xdist_group_run_in_one_worker_in_file_order(pytester, tmp_path):
    """With pytest 9.2, pytest-xdist's loadgroup silently stopped grouping (pytest-xdist#1386): this module's two
    tests, and bilingual/tests/test_language_between_tests.py's, could run in two workers and pass without
    checking anything. requirements-dev.txt pins a pytest that keeps them together."""
    log = tmp_path / "ran.txt"
    pytester.makepyfile(
        test_grouped=textwrap.dedent(
            f"""
            import os
            import pytest

            pytestmark = pytest.mark.xdist_group("together")

            @pytest.mark.parametrize("n", range(8))
            def test_grouped(n):
                with open({str(log)!r}, "a") as log:
                    log.write(f"{{n}} {{os.environ['PYTEST_XDIST_WORKER']}}\\n")
            """
        ),
        test_others="\n".join(f"def test_other_{n}(): pass" for n in range(8)),
    )
    result = pytester.runpytest_subprocess(
        "-n", "2", "--dist", "loadgroup", "-p", "no:django", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=16)
    ran = [line.split() for line in log.read_text().splitlines()]
    assert [int(n) for n, _worker in ran] == list(range(8)), "in file order"
    assert len({worker for _n, worker in ran}) == 1, f"one worker, not {ran}"
