import pytest
from django.test import Client

from pages.tests.helpers import SAMPLE_LANGUAGES, every_page


@pytest.hookimpl(tryfirst=True)  # before pytest-django's own (also tryfirst, registered earlier) sorts the tests
def pytest_collection_modifyitems(items):
    """A test that reads `rendered_pages` reads the database (once, through the session fixture), so it runs
    with the database tests: pytest-django would otherwise put it last, after a transactional test (a browser
    test that saves) has emptied the database at its end, and the pages would be rendered from nothing."""
    for item in items:
        if "rendered_pages" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def rendered_pages(django_db_setup, django_db_blocker):
    """Every page readers can reach, in each language, rendered once for the tests that only read them:
    {lang: {url: (status, html)}}. The database is the session's seed, which no test leaves changed."""
    client = Client()
    with django_db_blocker.unblock():  # first used by a database test (the hook above), before any flush
        pages = {}
        for lang in SAMPLE_LANGUAGES:
            responses = {url: client.get(url) for url in every_page(lang)}
            pages[lang] = {
                url: (response.status_code, response.content.decode()) for url, response in responses.items()
            }
        return pages
