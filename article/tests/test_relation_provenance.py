"""Every relation a page shows is either the article's (with its paragraph) or marked as editors' background."""

import pytest

from trends.models import Trend


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("url", "note"),
    [
        ("/en/modes/b2c/", "Background — not from the article: companies editors know to work this way."),
        ("/zh-hant/modes/b2c/", "背景（並非出自原文）：編輯所知以此模式經營的企業。"),
        ("/en/companies/jd/", "Background — not from the article: editors' general knowledge."),
        ("/zh-hant/companies/jd/", "背景（並非出自原文）：編輯的一般知識。"),
    ],
)
def test_company_mode_links_are_marked_as_editors_background_on_both_pages(client, db, url, note):
    assert note in html(client, url)


def test_a_mode_without_companies_does_not_imply_the_others_come_from_the_article(client, db):
    page = html(client, "/en/modes/c2b/")
    assert "None given." in page and "None named in the article" not in page


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_side_by_side_pages_carry_the_date_note_and_the_source_paragraphs(client, db, language):
    page = html(client, f"/{language}/trends/internet-finance/side-by-side/")
    assert f'href="/{language}/article/#trend-3"' in page
    expected = {"en": "“This year” here is the article's", "zh-hant": "這裡的「今年」", "zh-hans": "这里的“今年”"}
    assert expected[language] in page


def test_the_article_page_dates_the_article_by_the_three_paragraphs_that_say_this_year(client, db):
    page = html(client, "/en/article/")
    for anchor in ("trend-2", "trend-3", "trend-5"):
        assert f'<a href="#{anchor}">' in page
    assert "Tmall's fashion strategy)" not in page
    assert 'the numbers before the original\'s headings (“<span lang="zh-Hant">一、</span>” to' in page


def test_trend_bodies_quote_their_paragraph_exactly(db):
    for trend in Trend.objects.published().prefetch_related("sources"):
        paragraphs = [p.text_zh_hant for p in trend.sources.all() if p.heading_zh_hant == trend.title_zh_hant]
        assert paragraphs and trend.body_zh_hant == paragraphs[0], trend.slug
