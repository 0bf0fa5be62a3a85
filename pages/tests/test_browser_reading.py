"""Reading with a phone, a keyboard or a printer, in a real Chromium."""

import pytest

from bilingual.languages import html_lang
from pages.tests.helpers import PHONE

pytestmark = pytest.mark.browser

NAMES = {"en": "English", "zh-hant": "繁體中文", "zh-hans": "简体中文"}
OTHERS = {lang: [(other, name) for other, name in NAMES.items() if other != lang] for lang in NAMES}
ARTICLE = "trends/going-global/"
FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"


@pytest.fixture
def page(reading_tab):
    """These tests only open readers' pages, read, click and type: they share one tab (conftest.py, reading_tab)."""
    return reading_tab


def box_fits_phone(locator):
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] > 0


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_phone_navigation_is_visible_and_leads_to_each_section(site, page, lang):
    page.set_viewport_size(PHONE)
    sections = {"modes/": 0, "trends/": 1, "companies/": 2}
    for path, index in sections.items():
        page.goto(f"{site}/{lang}/{ARTICLE}")
        link = page.locator(".site-nav a").nth(index)
        assert link.is_visible() and box_fits_phone(link), path
        link.click()
        page.wait_for_url(f"{site}/{lang}/{path}")
        assert page.locator(".site-nav a[aria-current='page']").get_attribute("href") == f"/{lang}/{path}"
    page.locator(".site-name").click()
    page.wait_for_url(f"{site}/{lang}/")


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_phone_language_switch_is_labelled_in_its_own_language_and_keeps_the_page(site, page, lang):
    page.set_viewport_size(PHONE)
    for other, other_name in OTHERS[lang]:
        page.goto(f"{site}/{lang}/{ARTICLE}")
        switch = page.locator(f".language-switch a[hreflang='{html_lang(other)}']")
        assert switch.inner_text() == other_name
        assert switch.get_attribute("lang") == html_lang(other)
        assert switch.is_visible() and box_fits_phone(switch)
        current = page.locator(".language-switch [aria-current='true']")
        assert current.get_attribute("lang") == html_lang(lang)
        switch.click()
        page.wait_for_url(f"{site}/{other}/{ARTICLE}")
        assert page.get_attribute("html", "lang") == html_lang(other)


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_keyboard_reaches_skip_link_header_and_content_in_reading_order_with_visible_focus(site, page, lang):
    page.goto(f"{site}/{lang}/{ARTICLE}")
    assert page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0  # no tabindex > 0
    dom_order = page.eval_on_selector_all(FOCUSABLE, "els => els.map(e => e.outerHTML)")
    tab_order = []
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        tab_order.append(focused.evaluate("e => e.outerHTML"))
        outline = focused.evaluate(
            "e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]"
        )
        assert outline[0] != "none" and outline[1] >= 2, tab_order[-1]
        box = focused.as_element().bounding_box()
        assert box and box["y"] >= 0 and box["width"] > 0, f"focused but not on screen: {tab_order[-1]}"
    assert tab_order == dom_order[:10]
    assert 'class="skip-link"' in tab_order[0]
    for other, name in OTHERS[lang]:
        assert any(f'lang="{html_lang(other)}"' in html and name in html for html in tab_order)


def test_skip_link_moves_focus_to_the_main_content(site, page):
    page.goto(f"{site}/en/{ARTICLE}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_printing_an_article_leaves_out_navigation_in_black_on_white(site, page):
    page.emulate_media(media="print", color_scheme="dark")
    page.goto(f"{site}/zh-hant/{ARTICLE}")
    for hidden in (".site-header", ".breadcrumbs", ".pager", ".related", ".skip-link"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.locator("article h1").is_visible() and page.locator("article .prose").is_visible()
    assert page.locator(".source-credit").is_visible()
    colours = page.evaluate("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    assert page.pdf(format="A4").startswith(b"%PDF")


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_mode_map_is_a_two_by_two_grid_on_a_desktop_and_a_readable_column_on_a_phone(site, page, lang):
    page.goto(f"{site}/{lang}/")
    cells = page.locator(".map-grid td a")
    assert cells.count() == 4
    boxes = [cells.nth(i).bounding_box() for i in range(4)]
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]  # B2B beside B2C
    assert boxes[2]["y"] > boxes[0]["y"] and boxes[2]["x"] == boxes[0]["x"]  # C2B below B2B
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/{lang}/")
    content_width = page.locator(".mode-map").bounding_box()["width"]
    caption = page.locator(".map-grid caption").bounding_box()
    assert caption["width"] >= 0.9 * content_width, "the caption is squeezed into a narrow column"
    assert caption["height"] < 160
    for i in range(4):
        box = cells.nth(i).bounding_box()
        assert box["width"] >= 0.9 * content_width and box["x"] + box["width"] <= PHONE["width"]
    for header in page.locator(".map-grid th[scope='row']").all():
        assert header.is_visible() and header.bounding_box()["width"] >= 0.9 * content_width
    assert page.locator(".map-grid thead").bounding_box()["height"] <= 1  # column headers: for screen readers only
