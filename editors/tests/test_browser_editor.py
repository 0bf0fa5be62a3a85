"""An editor's whole path in a real Chromium: edit Chinese, draft, preview, publish, restore."""

import io

import pytest
from django.core.management import call_command

from trends.models import Trend

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (make install)"
).expect

pytestmark = [pytest.mark.browser, pytest.mark.long_running]


def test_an_editor_edits_previews_publishes_and_restores_a_chinese_title(editable_site, page, enrol_in_browser):
    site = editable_site
    out = io.StringIO()
    call_command("createeditor", "mei", stdout=out)
    password = out.getvalue().splitlines()[1]
    trend = Trend.objects.get(number=3)
    old_title, english_title = trend.title_zh_hant, trend.title_en
    new_title = "網路金融：編輯的新標題"
    public_zh = f"{site}/zh-hant/trends/{trend.slug}/"
    public_en = f"{site}/en/trends/{trend.slug}/"

    # Sign in as an Editor (the first sign-in sets up the authenticator app), then into the admin.
    enrol_in_browser(page, site, "mei", password)
    page.goto(f"{site}/admin/")

    # Change the Chinese title and save as a draft: readers no longer see it.
    page.goto(f"{site}/admin/trends/trend/{trend.pk}/change/")
    page.fill("#id_title_zh_hant", new_title)
    page.select_option("#id_status", "draft")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert page.goto(public_zh).status == 404

    # Preview the draft in Chinese from its admin page.
    page.goto(f"{site}/admin/trends/trend/{trend.pk}/change/")
    with page.context.expect_page() as preview_opened:
        page.click("text=Preview in Traditional Chinese")
    preview = preview_opened.value
    preview.wait_for_load_state()
    assert new_title in preview.inner_text("h1")
    assert preview.locator(".preview-banner").is_visible()
    preview.close()

    # Publish it: both languages are on the public pages.
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(public_zh)
    assert page.inner_text("h1") == new_title
    page.goto(public_en)
    assert page.inner_text("h1") == english_title

    # Restore the previous version from history: the old title is back.
    page.goto(f"{site}/admin/trends/trend/{trend.pk}/history/")
    page.locator("#change-history tbody tr").last.locator("a").first.click()  # the oldest version
    assert page.input_value("#id_title_zh_hant") == old_title
    page.click("input[name=_save]")  # "Revert"
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(public_zh)
    assert page.inner_text("h1") == old_title
