import pytest


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The page cache is off in the other tests (settings_test); these tests are about it."""
    settings.PAGE_CACHE_SECONDS = 3600
