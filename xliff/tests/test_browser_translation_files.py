"""An editor's round trip in a real Chromium, in both UI languages: export, translate, import, preview, apply.

Every page on the way passes axe-core.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from modes.models import Company, OperationMode
from pages.tests.helpers import axe_violations
from trends.models import Trend

from .conftest import translate, uid

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (make install)"
).expect

pytestmark = [pytest.mark.browser, pytest.mark.long_running]

UI = {
    "en": {
        "locale": "en-US",
        "export": "Export everything that needs translation",
        "apply": "Apply these changes",
        "stale": "The source text changed after this file was exported",
        "done": "Imported",
    },
    "zh-hant": {
        "locale": "zh-TW",
        "export": "匯出所有需要翻譯的內容",
        "apply": "套用這些變更",
        "stale": "此檔案匯出後，原文已有修改",
        "done": "已匯入",
    },
}


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_an_editor_exports_translates_imports_previews_and_applies(
    editable_site, chromium, tmp_path, lang, enrol_in_browser
):
    site, ui = editable_site, UI[lang]
    out = io.StringIO()
    call_command("createeditor", "mei", stdout=out)  # the Editor role, as in production
    password = out.getvalue().splitlines()[1]
    Company.objects.filter(slug="alibaba").update(description_zh_hant="")  # work to do
    b2c = OperationMode.objects.get(slug="b2c")
    b2c.summary_en += " Now also live-stream shopping."  # the Chinese summary may be out of date
    b2c.save()

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale=ui["locale"], accept_downloads=True)
    page = context.new_page()
    enrol_in_browser(page, site, "mei", password, lang=lang)  # password and second factor, as in production
    page.goto(f"{site}/admin/")
    assert page.locator("html").get_attribute("lang") == lang

    page.get_by_role("link", name=ui["export"]).first.click()
    assert axe_violations(page) == [], "export page"
    with page.expect_download() as download:
        page.locator("input[type=submit].default").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)

    # The translator's tool fills every target; meanwhile an editor rewrites B2C's English summary again.
    translated = tmp_path / "delivery.xlf"
    translated.write_bytes(translate(exported.read_bytes(), "xliff12", lambda unit_id, source: f"譯：{unit_id}"))
    b2c.refresh_from_db()
    b2c.summary_en += " Rewritten once more."
    b2c.save()

    page.goto(f"{site}/admin/translation-files/import/")
    assert axe_violations(page) == [], "import page"
    page.set_input_files("#id_file", str(translated))
    page.locator("input[type=submit].default").click()
    expect(page.locator(".stale-source")).to_contain_text(ui["stale"])
    expect(page.locator(".import-record")).to_have_count(2)
    assert axe_violations(page) == [], "preview page"
    if os.environ.get("SCREENSHOT_DIR"):  # `make screenshots`
        Path(os.environ["SCREENSHOT_DIR"]).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(os.environ["SCREENSHOT_DIR"]) / f"admin-import-preview-{lang}.png", full_page=True)
    assert Company.objects.get(slug="alibaba").description_zh_hant == ""  # nothing before "Apply"

    page.get_by_role("button", name=ui["apply"]).click()
    expect(page.locator(".messagelist")).to_contain_text(ui["done"])
    assert axe_violations(page) == [], "after applying"
    context.close()

    alibaba = Company.objects.get(slug="alibaba")
    assert alibaba.description_zh_hant == "譯：" + uid(Company, "alibaba", "description")
    assert alibaba.history.first().history_change_reason == "delivery.xlf"
    assert [item.field for item in OperationMode.objects.get(slug="b2c").outdated_translations()] == ["summary"]
    assert not Trend.objects.filter(status=Trend.Status.DRAFT).exists()
