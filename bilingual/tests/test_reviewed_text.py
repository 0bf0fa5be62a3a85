"""What /zh-hans/ readers read, as a person reviewed it; and the zh-hant house style, on every page.

Conversion is automatic (bilingual.chinese), so a change anywhere — a content edit, a new rule in the conversion
table, an OpenCC upgrade, a template — can change what mainland readers read without anyone reading it. The
reviewed text (reviewed/zh_hans.json) is every zh-hans page's readable text as a person last read it, reading as
a mainland reader: any difference fails here until someone reads the new text and accepts it:

    ECOMKB_WRITE_REVIEWED=1 .venv/bin/python -m pytest bilingual/tests/test_reviewed_text.py -n 0

rewrites the file; `git diff bilingual/tests/reviewed/` is then the review. Read every changed line as written
Chinese, fix what reads as converted (conversion table, or a `-{…}-` marker in the text), and commit the file.
"""

import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from content.registry import content_kinds

from .reader_pages import readable_text, reader_urls

REVIEWED = Path(__file__).parent / "reviewed" / "zh_hans.json"


def pages_text(client, language):
    found = {}
    for url in reader_urls(language):
        response = client.get(url)
        assert response.status_code == 200, url
        found[url] = readable_text(response.content.decode(), language)
    return found


def test_every_simplified_page_reads_as_reviewed(client, db):
    found = pages_text(client, "zh-hans")
    if os.environ.get("ECOMKB_WRITE_REVIEWED"):
        REVIEWED.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.skip(f"wrote {REVIEWED}: review the difference (git diff) before committing it")
    reviewed = json.loads(REVIEWED.read_text(encoding="utf-8"))
    unreviewed = {url: [line for line in lines if line not in reviewed.get(url, [])] for url, lines in found.items()}
    unreviewed = {url: lines for url, lines in unreviewed.items() if lines}
    gone = sorted(set(reviewed) - set(found))
    assert not unreviewed and not gone, (
        "zh-hans text nobody has reviewed (ECOMKB_WRITE_REVIEWED=1, then read the diff):\n"
        + "\n".join(f"{url}: {line}" for url, lines in unreviewed.items() for line in lines)
        + ("\npages gone: " + ", ".join(gone) if gone else "")
    )


# --- zh-hant: Taiwan usage, one spelling per word, the house typography -----------------------------------------

# One spelling per word in editors' own text (the article's paragraphs keep the original's words): the variant on
# the left is written as the one on the right. Mainland terms first, then the site's choice between Taiwan variants.
PROJECT_WORDS = {
    "可穿戴裝置": "穿戴式裝置",
    "智慧家居": "智慧家庭",
    "移動網際網路": "行動網路",
    "營銷": "行銷",
    "記錄": "紀錄",
    "發佈": "發布",
    "後台": "後臺",
}
EDITORS_FIELDS = ("summary", "description", "background")  # editors' words; titles and bodies quote the article
FULL_WIDTH_THEN_SPACE = re.compile(r"[，。：；！？、）」』》](?:[ \t]|&nbsp;)+[\w\u3400-\u9fff「《（]")
ASCII_COLON_IN_CHINESE = re.compile(r"[\u3400-\u9fff]\s*:|:\s*[\u3400-\u9fff]")


INLINE_TAG = re.compile(r"</?(?:a|abbr|cite|code|em|mark|small|span|strong)\b[^>]*>")


def running_text(html):
    """The body's text as it runs on a line: inline tags dropped (a space after "譯註：</span>" counts), every
    other tag a line break (the space between two paragraphs is no space a reader sees)."""
    body = html.split("<body", 1)[-1]
    return re.sub(r"<[^>]*>", "\n", INLINE_TAG.sub("", body))


@pytest.fixture(scope="module")
def traditional_pages(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        client = Client()
        return {url: client.get(url).content.decode() for url in reader_urls("zh-hant")}


def test_editors_zh_hant_text_writes_each_word_one_way(db):
    found = [
        (kind.model.__name__, record.pk, field, variant, PROJECT_WORDS[variant])
        for kind in content_kinds()
        if kind.model._meta.app_label != "glossary"  # the glossary names words as words, variants included
        for record in kind.model.objects.all()
        for field in EDITORS_FIELDS
        if hasattr(record, f"{field}_zh_hant")
        for variant in PROJECT_WORDS
        if variant in (getattr(record, f"{field}_zh_hant") or "")
    ]
    assert found == []


def test_zh_hant_pages_put_no_space_after_full_width_punctuation(traditional_pages):
    found = [
        (url, match.group(0))
        for url, html in traditional_pages.items()
        for match in FULL_WIDTH_THEN_SPACE.finditer(running_text(html))
    ]
    assert found == []


def test_zh_hant_titles_use_no_ascii_colon_and_cite_the_article_in_title_marks(traditional_pages):
    title = settings.SOURCE_ARTICLE["title"]
    for url, html in traditional_pages.items():
        page_title = readable_text(html, "zh-hant")[0]
        assert not ASCII_COLON_IN_CHINESE.search(page_title), (url, page_title)
        credit = re.search(r'class="source-credit">(.*?)</p>', html, re.S)
        if credit:  # a title cited in running text (the page's own heading is no citation)
            cited = re.sub(r"<[^>]*>", "", credit.group(1))
            assert f"《{title}》" in cited, (url, cited)


def test_the_interface_catalog_spells_each_word_as_the_project_word_list_does():
    """The zh-hant catalog holds one variant per word too (it said 發佈 and 記錄 beside the content's 發布, 紀錄)."""
    import polib
    from django.conf import settings

    catalog = polib.pofile(str(settings.BASE_DIR / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"))
    found = [
        (entry.msgid[:40], variant)
        for entry in catalog
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        for variant in PROJECT_WORDS
        if variant in text
    ]
    assert found == []
