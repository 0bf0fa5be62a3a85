"""Every mode, trend and company can be read in English and Chinese side by side."""

import re

import pytest

from modes.models import Company, OperationMode
from trends.models import Trend

PAGES = ["/modes/b2b/", "/trends/internet-of-things/", "/companies/jd/"]
COLUMN_LANGS = {"en": ["en", "zh-Hant"], "zh-hant": ["zh-Hant", "en"], "zh-hans": ["zh-Hans", "en"]}


def cells(html):
    """(lang, inner HTML) of every cell, in reading order."""
    return re.findall(r'<div class="parallel-cell[^"]*" lang="([^"]+)">(.*?)\n  </div>', html, re.S)


@pytest.mark.parametrize("lang", COLUMN_LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_each_page_has_a_side_by_side_version_linked_from_it(client, db, lang, path):
    page = client.get(f"/{lang}{path}").content.decode()
    assert f'<a href="/{lang}{path}side-by-side/">' in page
    response = client.get(f"/{lang}{path}side-by-side/")
    assert response.status_code == 200
    html = response.content.decode()
    heads = re.findall(r'<p class="parallel-head" lang="([^"]+)">', html)
    assert heads == COLUMN_LANGS[lang]  # the reader's language first
    found = cells(html)
    assert len(found) >= 4 and len(found) % 2 == 0  # a title row and at least one text row, two cells each
    assert [cell_lang for cell_lang, _ in found] == COLUMN_LANGS[lang] * (len(found) // 2)
    assert f'href="/{lang}{path}"' in html  # and back


def test_paragraphs_sit_against_their_translations(client, db):
    rows = client.get("/en/modes/b2b/side-by-side/").context["rows"]
    texts = [[html for _column, html in row.cells] for row in rows]
    assert [row.is_title for row in rows] == [True] + [False] * (len(rows) - 1)
    assert texts[0] == ["Business to business (B2B)", "企業對企業（B2B）"]
    mode = OperationMode.objects.get(slug="b2b")
    assert mode.summary_en in texts[1][0] and mode.summary_zh_hant in texts[1][1]
    assert "supply chain" in texts[2][0] and "供應鏈" in texts[2][1]


def test_the_simplified_reader_gets_the_converted_chinese_column(client, db):
    html = client.get("/zh-hans/trends/internet-of-things/side-by-side/").content.decode()
    chinese = " ".join(inner for lang, inner in cells(html) if lang == "zh-Hans")
    assert "物联网" in chinese and "物聯網" not in chinese
    english = " ".join(inner for lang, inner in cells(html) if lang == "en")
    assert "Internet of Things" in english
    assert '<html lang="zh-Hans">' in html and "中英对照" in html


def test_unequal_paragraph_counts_leave_a_marked_gap(client, db):
    trend = Trend.objects.get(slug="fashion")
    trend.body_en += "\n\nA second English paragraph.\n\nAnd a third."
    trend.save()
    html = client.get("/en/trends/fashion/side-by-side/").content.decode()
    found = cells(html)
    assert len(found) == 2 * 5  # title, summary and three body rows
    last_en, last_zh = found[-2], found[-1]
    assert "And a third." in last_en[1]
    assert last_zh[0] == "zh-Hant"
    assert '<p class="muted" lang="en">(No matching paragraph in this language.)' in last_zh[1]


def test_a_record_with_one_language_only_still_reads_side_by_side(client, db):
    Company.objects.create(
        slug="meituan", name_zh_hant="美團", description_zh_hant="美團是一家生活服務平臺。", status="published"
    )
    response = client.get("/zh-hant/companies/meituan/side-by-side/")
    assert response.status_code == 200
    assert "(No matching paragraph" not in response.content.decode()  # a zh-Hant page says it in Chinese
    assert "此語言沒有對應的段落" in response.content.decode()


@pytest.mark.parametrize(
    "model,slug,path", [(OperationMode, "c2c", "modes"), (Trend, "fashion", "trends"), (Company, "jd", "companies")]
)
def test_a_draft_has_no_side_by_side_page(client, db, model, slug, path):
    model.objects.filter(slug=slug).update(status="draft")
    assert client.get(f"/en/{path}/{slug}/side-by-side/").status_code == 404
