"""What a reader's browser fetches, in a real Chromium: little, all of it from this site, and no script.

In a fresh tab each: the weight is a first visit's, with nothing in the browser's cache, and the listener a test
adds goes away with its tab."""

import pytest

from pages.tests.helpers import SAMPLE_PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", [SAMPLE_PAGES["home"], SAMPLE_PAGES["trend-detail"]])
def test_pages_are_small_and_fetch_nothing_from_elsewhere(site, page, path):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{site}/en/{path}")
    page.wait_for_load_state("load")
    urls = [r.url for r in responses]
    assert all(url.startswith(site) for url in urls), urls
    scripts = [r.url for r in responses if r.request.resource_type == "script"]
    assert scripts == [], "the reader's pages work without JavaScript and load none"
    assert any(r.request.resource_type == "stylesheet" for r in responses), "the responses were recorded"
    total = sum(len(r.body()) for r in responses if r.status == 200)
    assert total < 100_000, f"{total} bytes for {urls}"
