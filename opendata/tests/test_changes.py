"""Recent changes, a record's public history and a version's diff, read as a reader reads them."""

import re

import pytest

from modes.models import Company, OperationMode
from trends.models import Trend

from .helpers import EDITOR_NAME, edit, page

LANGUAGES = ["en", "zh-hant", "zh-hans"]
pytestmark = pytest.mark.django_db


def history_path(lang, record):
    return f"/{lang}/history/{record._meta.model_name}/{record.key}/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_recent_changes_list_the_newest_published_edit_first_with_its_fields_and_summary(client, lang):
    b2c = OperationMode.objects.get(slug="b2c")
    version = edit(b2c, reason="Clarified the seller side", seller_side_en="Companies that sell")
    html = client.get(f"/{lang}/changes/").content.decode()
    first = html.split('<li class="change">')[1]
    assert page(b2c, lang) in first
    assert f"{history_path(lang, b2c)}{version.history_id}/" in first
    assert "Clarified the seller side" in first
    assert {"en": "seller side (English)", "zh-hant": "賣方（英文）", "zh-hans": "卖方（英文）"}[lang] in first


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_draft_version_and_an_unpublished_record_never_appear(client, lang):
    alibaba = Company.objects.get(slug="alibaba")
    edit(alibaba, reason="public summary", description_en="Published words.")
    edit(alibaba, reason="secret summary", status="draft", description_en="Draft words nobody may read.")
    for path in (f"/{lang}/changes/", f"/{lang}/changes/company/"):
        html = client.get(path).content.decode()
        assert "secret summary" not in html and "Draft words" not in html
        assert "public summary" not in html  # the record is a draft now: its history went with it
    assert client.get(history_path(lang, alibaba)).status_code == 404


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_draft_between_two_published_versions_is_never_shown(client, lang):
    trend = Trend.objects.get(number=1)
    edit(trend, reason="draft reason", status="draft", summary_en="A draft that says secretword.")
    version = edit(trend, reason="published again", status="published", summary_en="Published summary again.")
    for path in (f"/{lang}/changes/", f"/{lang}/changes/trend/", history_path(lang, trend)):
        html = client.get(path).content.decode()
        assert "published again" in html
        assert "draft reason" not in html and "secretword" not in html
    html = client.get(f"{history_path(lang, trend)}{version.history_id}/").content.decode()
    assert "secretword" not in html


def test_the_diff_is_word_by_word_in_english(client):
    b2b = OperationMode.objects.get(slug="b2b")
    version = edit(b2b, summary_en=b2b.summary_en + " Added sentence.")
    html = client.get(f"{history_path('en', b2b)}{version.history_id}/").content.decode()
    assert re.search(r"<ins>\s*Added sentence\.\s*</ins>|<ins> Added sentence.</ins>", html)
    assert "<del>" not in html


def test_the_diff_is_character_by_character_in_the_readers_script(client):
    b2b = OperationMode.objects.get(slug="b2b")
    version = edit(b2b, summary_zh_hant=b2b.summary_zh_hant + "這是網際網路。")
    path = f"{history_path('zh-hans', b2b)}{version.history_id}/"
    html = client.get(path).content.decode()
    assert "<ins>这是互联网。</ins>" in html  # Simplified, and the Taiwan phrase as the mainland says it
    traditional = client.get(path.replace("/zh-hans/", "/zh-hant/")).content.decode()
    assert "<ins>這是網際網路。</ins>" in traditional
    english = client.get(path.replace("/zh-hans/", "/en/")).content.decode()
    assert "<ins>" not in english and "summary (Chinese)" in english  # named, not shown, in the other language


@pytest.mark.parametrize("lang", LANGUAGES)
def test_editors_are_never_named(client, lang):
    b2b = OperationMode.objects.get(slug="b2b")
    version = edit(b2b, reason="typo", summary_en=b2b.summary_en + ".")
    for path in (f"/{lang}/changes/", history_path(lang, b2b), f"{history_path(lang, b2b)}{version.history_id}/"):
        html = client.get(path).content.decode()
        assert EDITOR_NAME not in html
        assert {"en": "by an editor", "zh-hant": "由一位編輯", "zh-hans": "由一位编辑"}[lang] in html


def test_changes_are_read_a_page_at_a_time_by_key(client, django_assert_max_num_queries):
    b2b = OperationMode.objects.get(slug="b2b")
    for number in range(30):
        edit(b2b, summary_en=f"Summary number {number}.")
    with django_assert_max_num_queries(40):  # a page: a few rows per kind, one previous version per change
        first = client.get("/en/changes/")
    cursor = re.search(r'rel="next" href="\?before=([^"]+)"', first.content.decode()).group(1)
    second = client.get(f"/en/changes/?before={cursor}").content.decode()
    seen = set(re.findall(r"/history/\w+/[0-9a-f-]+/\d+/", first.content.decode()))
    later = set(re.findall(r"/history/\w+/[0-9a-f-]+/\d+/", second))
    assert len(seen) == 25 and later and not seen & later


@pytest.mark.parametrize(
    "query", ["?before=x", "?before=1.nosuchkind.1", "?before=99999999999999999999.trend.1", "?before="]
)
def test_a_bad_cursor_is_a_404(client, query):
    assert client.get(f"/en/changes/{query}").status_code == 404


@pytest.mark.parametrize("path", ["/en/changes/nosuchkind/", "/en/history/trend/00000000-0000-0000-0000-000000000000/"])
def test_unknown_kinds_and_records_are_a_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_record_page_links_to_its_public_history(client, lang):
    for record in (
        OperationMode.objects.get(slug="b2c"),
        Company.objects.get(slug="alibaba"),
        Trend.objects.get(number=2),
    ):
        html = client.get(page(record, lang)).content.decode()
        assert f'href="{history_path(lang, record)}"' in html
        assert client.get(history_path(lang, record)).status_code == 200
