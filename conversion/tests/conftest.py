import pytest

from bilingual.chinese import install_table, shipped_table


@pytest.fixture
def table_restored():
    """For a test that changes the table: afterwards this process holds the shipped table again (what the
    seeded database holds), under no stamp, so the next request reads the database's table afresh."""
    yield
    install_table(shipped_table(), "")
