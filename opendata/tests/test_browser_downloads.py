"""The download page in a real Chromium: the licence and the checksums fit a phone and a desktop window."""

import pytest

from opendata.dumps import build_when_due

pytestmark = pytest.mark.browser


@pytest.fixture
def dump(settings, tmp_path):
    settings.OPENDATA_DUMP_DIR = tmp_path / "dumps"
    return build_when_due()


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_download_page_fits_the_window_and_checksums_stay_readable(site, reading_tab, dump, lang, width):
    page = reading_tab
    page.set_viewport_size({"width": width, "height": 800})
    assert page.goto(f"{site}/{lang}/downloads/").status == 200
    assert page.locator(".checksum").count() > 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    narrowest = page.evaluate("Math.min(...[...document.querySelectorAll('.checksum')].map(c => c.clientWidth))")
    assert narrowest >= 80, "the checksums break a character or two a line"
