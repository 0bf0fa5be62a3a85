"""Search: any word of a record in English, Traditional or Simplified Chinese finds it, safely."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertInHTML

from modes.models import Company
from search.folding import fold
from search.models import fill_search_text
from search.query import Query, highlight, scan_published
from trends.models import Trend


def search(client, q, lang="en"):
    response = client.get(f"/{lang}/search/", {"q": q})
    assert response.status_code == 200
    return response


def found(response):
    """The URLs of the records the results page lists, in order (from the view's context, not the markup)."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        results = response.context["results"]
        return [hit.record.get_absolute_url() for hit in results.hits] if results else []


def found_paths(response):
    """The same results, without the language prefix, so languages can be compared."""
    return [url.split("/", 2)[2] for url in found(response)]


# Folding: the one rule both the stored text and the query go through.


def test_fold_ignores_case_width_and_script():
    assert fold("Ｂ２Ｂ") == fold("b2b") == fold("B2B") == "b2b"
    assert fold("供應鏈") == fold("供应链")
    assert fold("京東") == fold("京东")


def test_highlight_escapes_text_and_marks_every_match():
    assert highlight("<b>B2B</b> and b2b", {"b2b"}) == "&lt;b&gt;<mark>B2B</mark>&lt;/b&gt; and <mark>b2b</mark>"
    assert highlight("供應鏈管理", Query.parse("供应链").needles()) == "<mark>供應鏈</mark>管理"


def test_highlight_maps_matches_back_through_characters_that_fold_to_several():
    # "ﬁ" (one character) folds to "fi" (two): the mark must still cover the original character.
    assert highlight("ﬁnance", {"finance"}) == "<mark>ﬁnance</mark>"


# Finding records, in every direction.


def test_an_english_reader_typing_chinese_finds_the_record(client, db):
    response = search(client, "供應鏈", "en")
    html = response.content.decode()
    # the glossary's term first (the words are its title), then the article's paragraph: the words are in its first
    # text (ranked as a summary), B2B's are in its body
    assert found(response)[:2] == ["/en/glossary/supply-chain/", "/en/article/#b2b"]
    assert found(response)[-1] == "/en/modes/b2b/"
    assert "Business to business (B2B)" in html  # the title in the reader's language
    assert "text in the other language." in html


def test_a_chinese_reader_typing_english_finds_the_record(client, db):
    response = search(client, "supply chain", "zh-hant")
    html = response.content.decode()
    assert found(response)[:2] == ["/zh-hant/glossary/supply-chain/", "/zh-hant/article/#b2b"]
    assert found(response)[-1] == "/zh-hant/modes/b2b/"
    assert "企業對企業（B2B）" in html


@pytest.mark.parametrize(
    "simplified,traditional",
    [("供应链", "供應鏈"), ("物联网", "物聯網"), ("阿里巴巴", "阿里巴巴"), ("京东", "京東")],
)
@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_simplified_input_finds_what_traditional_finds(client, db, simplified, traditional, lang):
    expected = found_paths(search(client, traditional, lang))
    assert expected, traditional
    assert found_paths(search(client, simplified, lang)) == expected


def test_mainland_phrasing_finds_taiwan_phrasing(client, db):
    # 互联网 (mainland) is 網際網路 in the Taiwan text.
    assert "trends/internet-finance/" in found_paths(search(client, "互联网", "zh-hans"))


def test_part_of_a_chinese_word_is_enough(client, db):
    paths = found_paths(search(client, "物流", "zh-hant"))
    assert "trends/basic-services/" in paths and "trends/going-down-market/" in paths


@pytest.mark.parametrize("variant", ["Ｂ２Ｂ", "b2b", "  B2B  ", "\tb2B\n"])
def test_case_width_and_surrounding_space_do_not_matter(client, db, variant):
    expected = found_paths(search(client, "B2B"))
    assert "modes/b2b/" in expected
    assert found_paths(search(client, variant)) == expected


def test_every_word_must_match(client, db):
    assert found(search(client, "supply chain")) == [
        "/en/glossary/supply-chain/",
        "/en/article/#b2b",
        "/en/glossary/b2b/",
        "/en/glossary/extranet/",
        "/en/modes/b2b/",
    ]
    assert found(search(client, "supply zebra")) == []


def test_results_are_one_ranked_list_with_a_count_and_each_kind_named(client, db):
    # Results used to be grouped by kind; they are now one list, best match first (search/tests/test_ranking.py).
    response = search(client, "京東")
    html = response.content.decode()
    # 3 trends, 3 companies, 3 of the article's paragraphs, 7 glossary terms
    assert response.context["results"].count == 16
    assert "Pages found: 16" in html
    assert found(response)[0] == "/en/companies/jd/"  # JD's own page: 京東 is in its title
    assertInHTML('<span class="muted result-kind">Company</span>', html, count=3)


def test_the_match_is_highlighted_in_title_and_snippet(client, db):
    assertContains(search(client, "logistics"), "<mark>logistics</mark>", html=True)
    # shown in the page's script, whatever the query's
    assertContains(search(client, "供应链", "zh-hant"), "<mark>供應鏈</mark>", html=True)
    assertContains(search(client, "供應鏈", "zh-hans"), "<mark>供应链</mark>", html=True)
    alibaba = search(client, "alibaba").content.decode()
    title = re.search(r'<h2 class="result-title"><a href="/en/companies/alibaba/">.*?</h2>', alibaba, re.S).group(0)
    assertInHTML("<mark>Alibaba</mark>", title)


def test_drafts_are_never_found(client, db):
    jd = Company.objects.get(slug="jd")
    jd.status = "draft"
    jd.save()
    assert "/en/companies/jd/" not in found(search(client, "JD.com"))


def test_a_draft_is_not_shown_even_if_a_bulk_update_left_its_entry_behind(client, db):
    Company.objects.filter(slug="jd").update(status="draft")  # no signal: the entry is stale until reindex()
    assert "/en/companies/jd/" not in found(search(client, "JD.com"))


def test_search_text_follows_every_save(client, db):
    trend = Trend.objects.get(slug="fashion")
    trend.body_zh_hant += "\n\n新增的段落提到直播帶貨。"
    trend.save(update_fields=["body_zh_hant"])
    assert found_paths(search(client, "直播带货")) == ["trends/fashion/"]


def test_the_migration_helper_fills_search_text_for_existing_rows(client, db):
    # search_text is what the plain scan (the reference search is measured against) reads.
    def scan_trends(q):
        return {pk for kind, pk in scan_published(Query.parse(q)) if kind == "trends.trend"}

    Trend.objects.update(search_text="")
    assert scan_trends("物聯網") == set()
    fill_search_text(Trend, ["title_en", "title_zh_hant", "summary_en", "summary_zh_hant", "body_en", "body_zh_hant"])
    assert scan_trends("物聯網") == {Trend.objects.get(slug="internet-of-things").pk}


def test_search_runs_a_bounded_number_of_queries(client, db, django_assert_max_num_queries):
    # At most one query per rank (title, summary, anywhere) and one per kind shown on the page; on PostgreSQL one
    # for the terms' shares (search.backends), whose statistics a process reads once after each ANALYZE (as
    # autovacuum may have run on the seeded table, a first search reads them).
    client.get("/en/search/", {"q": "e-commerce"})
    with django_assert_max_num_queries(8):
        client.get("/en/search/", {"q": "e-commerce"})


# The search box, and the pages around a search.


@pytest.mark.parametrize(
    "lang,label", [("en", "Search the knowledge base"), ("zh-hant", "搜尋知識庫"), ("zh-hans", "搜索知识库")]
)
def test_every_page_has_a_labelled_search_box(client, db, lang, label):
    for url in [f"/{lang}/", f"/{lang}/modes/b2b/", f"/{lang}/trends/", f"/{lang}/no/such/page/"]:
        html = client.get(url).content.decode()
        form = re.search(
            r'<form class="search-form" role="search" action="([^"]+)" method="get">.*?</form>', html, re.S
        )
        assert form and form.group(1) == f"/{lang}/search/", url
        assertInHTML(f'<label for="site-search">{label}</label>', form.group(0))
        assert 'id="site-search" type="search" name="q"' in form.group(0)


@pytest.mark.parametrize("q", ["", "   ", "\u3000"])
def test_an_empty_query_shows_how_to_search(client, db, q):
    response = search(client, q)
    html = response.content.decode()
    assertInHTML("<h1>Search</h1>", html)
    assert "Type a word or two" in html
    assert 'href="?q=%E4%BE%9B%E5%BA%94%E9%93%BE"' in html  # an example in Simplified Chinese
    assert found(response) == []


def test_a_query_that_matches_nothing_says_so_and_suggests_what_to_do(client, db):
    response = search(client, "blockchain", "zh-hant")
    html = response.content.decode()
    assert "沒有符合搜尋的頁面。" in html and found(response) == []


def test_the_query_stays_in_the_search_box(client, db):
    assertContains(
        search(client, "supply chain"),
        '<input id="site-search" type="search" name="q" value="supply chain" maxlength="100" autocomplete="off">',
        html=True,
    )


# Hostile input: never a 500, always escaped.


def test_a_very_long_query_is_cut_and_said_so(client, db):
    response = search(client, "B2B " + "x" * 10_000)
    html = response.content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    assert "only its beginning was used" in main
    assert "x" * 96 in main and "x" * 97 not in main  # "B2B " and 96 x: the first 100 characters
    assert 'value="B2B ' + "x" * 96 + '"' in html  # what the box searches next time


@pytest.mark.parametrize("q", ["' OR 1=1 --", "%", "_", "\\", "%%' ; DROP TABLE modes_company; --"])
def test_sql_in_the_query_is_just_text(client, db, q):
    companies = Company.objects.count()
    response = search(client, q)
    assert found(response) == []  # % and _ are not wildcards: they would match every record
    assert Company.objects.count() == companies > 0  # the table is still there, every row in it


def test_html_in_the_query_is_shown_escaped(client, db):
    response = search(client, '<script>alert("x")</script> B2B')
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.parametrize("raw", ["q=%FF%FE%FD", "q=%ED%A0%80", "q=%C3", "q=%00B2B", "q=%%%", "q=%E4%BE"])
def test_invalid_utf8_and_broken_percent_encoding_get_a_normal_page(client, db, raw):
    response = client.get(f"/en/search/?{raw}")
    assert response.status_code == 200


def test_nul_and_control_characters_are_dropped(client, db):
    assert found_paths(search(client, "B2B\x00\x07")) == found_paths(search(client, "B2B"))


def test_the_results_page_is_kept_out_of_search_engines(client, db):
    assertContains(search(client, "B2B"), '<meta name="robots" content="noindex">', html=True)


def test_search_url_reverses_in_each_language(db):
    from django.utils import translation

    for lang in ["en", "zh-hant", "zh-hans"]:
        with translation.override(lang):
            assert reverse("search") == f"/{lang}/search/"


def test_the_query_shown_back_carries_the_language_its_script_suggests(client, db):
    assertContains(search(client, "供应链"), 'Search results for “<span lang="zh">供应链</span>”', html=True)
    assertContains(
        search(client, "supply chain", "zh-hant"), '「<span lang="en">supply chain</span>」的搜尋結果', html=True
    )


@pytest.mark.parametrize(
    "lang,query",
    [("en", "Classification of e-commerce"), ("zh-hant", "電子商務運營模式分類"), ("zh-hans", "电子商务运营模式分类")],
)
def test_the_articles_title_finds_the_article_in_every_language(client, db, lang, query):
    """The article is titled by its section heading (¶2's, as the original is): a reader who types it, in any
    script, finds the paragraph it heads."""
    assert "article/#b2b" in found_paths(search(client, query, lang))
