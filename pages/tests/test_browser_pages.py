"""Every kind of page in a real Chromium: accessible (axe-core), fits a phone, screenshots for the README.

With SCREENSHOT_DIR set (`make screenshots` sets docs/screenshots/) every page is photographed there, named
<page>-<lang>-<desktop|phone>.png, so anyone can look at the site without running it.
"""

import os
from pathlib import Path

import pytest
from django.utils import translation

from bilingual.languages import html_lang
from modes.models import Company, OperationMode
from pages.tests.helpers import DESKTOP, PHONE, SAMPLE_LANGUAGES, SAMPLE_PAGES, axe_violations
from trends.models import Trend

pytestmark = pytest.mark.browser

LANGS, PAGES = SAMPLE_LANGUAGES, SAMPLE_PAGES
# Set (`make screenshots` sets docs/screenshots) to photograph every page; a plain test run writes no files.
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")


@pytest.fixture
def page(reading_tab):
    """These tests only open readers' pages and look: they share one tab (conftest.py, reading_tab)."""
    return reading_tab


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def photograph(page, name):
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENSHOT_DIR) / name, full_page=True)


def open_page(page, url, expected_status):
    response = page.goto(url)
    assert response.status == expected_status, url
    page.evaluate("document.fonts.ready")
    return response


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_page_passes_axe_at_desktop_and_phone_width_and_fits_the_phone(site, page, name, lang):
    url = f"{site}/{lang}/{PAGES[name]}"
    page.set_viewport_size(DESKTOP)
    open_page(page, url, 404 if name == "404" else 200)
    assert page.get_attribute("html", "lang") == html_lang(lang)
    # Readers' pages run no script, so the same page narrowed is laid out as it would be opened on a phone.
    # No script runs: the only script element a page may carry is structured data (JSON-LD), which browsers never run.
    assert page.locator("script:not([type='application/ld+json'])").count() == 0
    for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        assert axe_violations(page) == [], f"{device} {url}"
        if device == "phone":
            assert horizontal_overflow(page) <= 0, f"{url} scrolls sideways at 375 px"
        photograph(page, f"{name}-{lang}-{device}.png")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["home", "mode-detail", "trend-detail", "company-list", "article", "404"])
def test_dark_colour_scheme_passes_axe(site, page, name, lang):
    """Contrast is checked again with the dark palette (prefers-color-scheme: dark). The palette changes colours
    only (static/css/site.css), so the light run's other rules hold as they are; contrast is what can break."""
    page.emulate_media(color_scheme="dark")
    url = f"{site}/{lang}/{PAGES[name]}"
    open_page(page, url, 404 if name == "404" else 200)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(251, 250, 247)", "the dark palette is not applied"
    assert axe_violations(page, rules=["color-contrast", "link-in-text-block"]) == [], url
    if name == "home" and lang == "en":
        photograph(page, "home-en-desktop-dark.png")


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_scrolls_sideways_on_a_375_px_phone(site, page, lang):
    """Every published record's page, not only the one of each kind the first test narrows to a phone's width
    (it checks the lists too): long words and URLs must wrap."""
    with translation.override(lang):
        urls = [
            o.get_absolute_url() for o in [*OperationMode.objects.all(), *Trend.objects.all(), *Company.objects.all()]
        ]
    urls = [url for url in urls if url.removeprefix(f"/{lang}/") not in PAGES.values()]
    assert len(urls) > 20
    page.set_viewport_size(PHONE)
    too_wide = {}
    for path in urls:
        open_page(page, site + path, 200)
        if horizontal_overflow(page) > 0:
            too_wide[path] = horizontal_overflow(page)
    assert too_wide == {}


def test_the_axe_check_reports_what_is_wrong_on_a_bad_page(page):
    """The check the tests above rely on finds real faults: a missing alt text, grey on grey, a page in no language."""
    page.goto("about:blank")  # a new document: set_content alone writes into the last page's, axe's state and all
    page.set_content('<html><body><main><img src="x.png"><p style="color:#aaa;background:#bbb">faint</p></main>')
    found = {line.split(" ")[0] for line in axe_violations(page)}
    assert {"image-alt", "color-contrast", "html-has-lang"} <= found
    assert {line.split(" ")[0] for line in axe_violations(page, rules=["color-contrast"])} == {"color-contrast"}
