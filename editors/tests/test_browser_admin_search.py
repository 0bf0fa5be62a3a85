"""The admin's search in a real Chromium, in Chinese: Simplified input finds a Traditional title (through the
search index, editors.admin.EditorialAdmin.get_search_results), and the page passes axe-core."""

import io

import pytest
from django.core.management import call_command

from bilingual.chinese import to_simplified
from pages.tests.helpers import axe_violations
from trends.models import Trend

pytestmark = pytest.mark.browser


def test_an_editor_searching_in_simplified_finds_the_traditional_title_on_an_accessible_page(
    editable_site, chromium, enrol_in_browser
):
    out = io.StringIO()
    call_command("createeditor", "mei", stdout=out)
    password = out.getvalue().splitlines()[1]
    trend = Trend.objects.get(slug="going-down-market")
    context = chromium.new_context(locale="zh-TW")  # the admin in the editor's language
    page = context.new_page()
    try:
        enrol_in_browser(page, editable_site, "mei", password, lang="zh-hant")
        page.goto(f"{editable_site}/admin/trends/trend/?q={to_simplified(trend.title_zh_hant)}")
        assert page.evaluate("document.documentElement.lang") == "zh-hant"
        rows = page.locator("#result_list tbody tr").all_inner_texts()
        assert len(rows) == 1 and trend.title_zh_hant in rows[0], rows
        assert axe_violations(page) == []
    finally:
        context.close()
