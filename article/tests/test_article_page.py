"""The source article as a page of its own: whole, in order, each paragraph with an anchor, in every language."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from article.models import ArticleParagraph
from bilingual.chinese import to_simplified

LANGS = ["en", "zh-hant", "zh-hans"]
SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "001_7797a9ddcd5d8398.txt"


def article_url(lang):
    with translation.override(lang):
        return reverse("article:article")


@pytest.mark.parametrize("lang", LANGS)
def test_every_paragraph_appears_in_order_in_both_languages_each_with_its_anchor(db, client, lang):
    html = client.get(article_url(lang)).content.decode()
    paragraphs = list(ArticleParagraph.objects.order_by("number"))
    assert len(paragraphs) == 16
    positions = {"anchor": [], "chinese": [], "english": []}
    for paragraph in paragraphs:
        chinese = to_simplified(paragraph.text_zh_hant) if lang == "zh-hans" else paragraph.text_zh_hant
        positions["anchor"].append(html.find(f'id="{paragraph.slug}"'))
        positions["chinese"].append(html.find(chinese))
        positions["english"].append(html.find(paragraph.text_en.replace("'", "&#x27;").replace('"', "&quot;")))
    for kind, found in positions.items():
        assert -1 not in found, (kind, [p.slug for p, at in zip(paragraphs, found, strict=True) if at == -1])
        assert found == sorted(found), f"{kind} out of order"


def test_each_anchor_is_the_paragraphs_own_address(db):
    with translation.override("zh-hant"):
        assert ArticleParagraph.objects.get(slug="trend-5").get_absolute_url() == "/zh-hant/article/#trend-5"


@pytest.mark.parametrize(
    "lang,unknown,inferred",
    [
        ("en", "Not given on the page", "place it in the second half of 2014: an inference"),
        ("zh-hant", "頁面上沒有註明", "推斷寫於2014年下半年"),
        ("zh-hans", "页面上没有注明", "推断写于2014年下半年"),
    ],
)
def test_the_page_says_where_it_was_published_and_what_is_not_known(db, client, lang, unknown, inferred):
    html = client.get(article_url(lang)).content.decode()
    assert unknown in html and inferred in html
    assert ("才华斋" if lang == "zh-hans" else "才華齋") in html


def test_the_chinese_text_is_the_seed_article_cleaned_only_of_page_furniture():
    """Compared with the original file when it is there (it sits outside the repository)."""
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED} (it is kept beside the repository, not in it)")
    fixture = json.loads((Path(settings.BASE_DIR) / "fixtures" / "article.json").read_text(encoding="utf-8"))
    texts = [item["fields"]["text_zh_hant"] for item in sorted(fixture, key=lambda item: item["fields"]["number"])]
    full_width = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", "“": "「", "”": "」"})
    slips = {"需要面對的.問題": "需要面對的問題", "siri空調": "Siri空調"}  # the two slips the page says it mended

    def cleaned(line):
        line = line.translate(full_width)
        for printed, mended in slips.items():
            line = line.replace(printed, mended)
        return line

    # Every paragraph of the page (headings, breadcrumb and counter are short lines), in order; the
    # first ends with the site editor's stock sentence ("那麼,下面是小編…"), which is furniture.
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 40]
    lines[0] = lines[0].split("那麼")[0]
    assert [cleaned(line) for line in lines] == texts


def test_search_finds_a_paragraph_of_the_article_and_links_to_it(db, client):
    html = client.get("/en/search/", {"q": "水到渠成"}).content.decode()
    assert 'href="/en/article/#trend-1"' in html
    html = client.get("/zh-hans/search/", {"q": "电子商务运营模式是指"}).content.decode()
    assert 'href="/zh-hans/article/#definition"' in html


def test_the_definition_is_content_from_the_article_not_template_text(db, client):
    definition = ArticleParagraph.objects.get(slug="definition")
    definition.text_en = "An edited definition of an operation mode."
    definition.save()
    for url in ("/en/", "/en/modes/"):
        html = client.get(url).content.decode()
        assert "An edited definition of an operation mode." in html
        assert 'href="/en/article/#definition"' in html
    assert "電子商務運營模式是指" in client.get("/zh-hant/modes/").content.decode()
    definition.status = ArticleParagraph.Status.DRAFT
    definition.save()
    assert "An edited definition" not in client.get("/en/").content.decode()


def test_a_draft_paragraph_is_not_on_the_article_page(db, client):
    paragraph = ArticleParagraph.objects.get(slug="trend-9")
    paragraph.status = ArticleParagraph.Status.DRAFT
    paragraph.save()
    assert 'id="trend-9"' not in client.get("/en/article/").content.decode()
