import pytest
from django.test import Client

from pages.tests.helpers import SAMPLE_LANGUAGES, every_page


@pytest.fixture(scope="session")
def rendered_pages(django_db_setup, django_db_blocker):
    """Every page readers can reach, in each language, rendered once for the tests that only read them:
    {lang: {url: (status, html)}}. The database is the session's seed, which no test leaves changed."""
    client = Client()
    with django_db_blocker.unblock():
        pages = {}
        for lang in SAMPLE_LANGUAGES:
            responses = {url: client.get(url) for url in every_page(lang)}
            pages[lang] = {
                url: (response.status_code, response.content.decode()) for url, response in responses.items()
            }
        return pages
