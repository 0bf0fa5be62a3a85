"""The lists of modes, trends and companies come a page at a time, in the order a reader of each language
expects, with page links and the page number in the title; a page that is not there is a 404."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertInHTML

from bilingual.pinyin import pinyin_sort_key
from content.views import LIST_PAGE_SIZE
from modes.models import Company
from trends.models import Trend
from trends.testing import trend

EXTRA = 120  # with the seed: three pages of companies and of trends


@pytest.fixture
def long_lists(db):
    names = ["北京", "上海", "廣州", "深圳", "杭州", "南京"]
    Company.objects.bulk_create(
        Company(
            slug=f"many-{i:03}",
            name_en=f"Many {i:03}",
            name_zh_hant=f"{names[i % len(names)]}{i:03}公司",
            name_pinyin=pinyin_sort_key(f"{names[i % len(names)]}{i:03}公司"),  # what save() would store
            description_en="One of many.",
            description_zh_hant="眾多之一。",
            status="published",
        )
        for i in range(EXTRA)
    )
    Trend.objects.bulk_create(trend(100 + i, f"many-{i}") for i in range(EXTRA))


@pytest.mark.parametrize("path", ["/en/companies/", "/en/trends/", "/zh-hant/companies/", "/zh-hans/trends/"])
def test_a_list_shows_one_page_of_records(long_lists, client, path):
    response = client.get(path)
    assert len(response.context["object_list"]) == LIST_PAGE_SIZE
    assert response.context["page_obj"].paginator.num_pages == 3


def test_each_page_carries_its_number_in_the_title_in_both_languages(long_lists, client):
    assertContains(client.get("/en/companies/?page=2"), "<title>Companies (page 2 of 3) · ecomkb</title>")
    assertContains(client.get("/zh-hant/companies/?page=2"), "（第2頁，共3頁）")
    assertContains(client.get("/zh-hans/trends/?page=3"), "（第3页，共3页）")


def test_page_links_are_a_labelled_navigation_in_the_readers_language(long_lists, client):
    html = client.get("/en/trends/?page=2").content.decode()
    assertInHTML('<a rel="next" href="?page=3">Next page</a>', html)
    assertInHTML('<a rel="prev" href="?page=1">Previous page</a>', html)
    assertInHTML('<a href="?page=2" aria-current="page">2</a>', html)
    assert '<nav class="pagination" aria-label="Pages">' in html
    chinese = client.get("/zh-hant/trends/?page=2").content.decode()
    assert 'aria-label="分頁"' in chinese and ">下一頁</a>" in chinese and ">上一頁</a>" in chinese


def test_a_short_list_has_no_page_links_and_no_page_number(db, client):
    response = client.get("/en/modes/")
    assert "pagination" not in response.content.decode()
    assertContains(response, "<title>Operation modes · ecomkb</title>")


@pytest.mark.parametrize("page", ["4", "0", "-1", "x", "2.5", "9" * 30, ""])
def test_a_page_that_is_not_there_is_a_404_not_a_server_error(long_lists, client, page):
    assert client.get(f"/en/companies/?page={page}").status_code == (200 if page == "" else 404)


def test_companies_are_ordered_by_english_name_for_english_readers_and_by_pinyin_for_chinese(long_lists, client):
    english = [c.name_en for c in client.get("/en/companies/").context["object_list"]]
    assert english == sorted(english, key=str.casefold)
    chinese = list(client.get("/zh-hant/companies/").context["object_list"])
    keys = [c.name_pinyin for c in chinese]
    assert keys == sorted(keys)
    # 阿里巴巴 (a) before 百度 (b) before 北京… (bei) before 廣州 (guang) before 杭州 (hang)
    slugs = [c.slug for c in chinese]
    assert slugs.index("alibaba") < slugs.index("baidu") < slugs.index("many-000")
    first_guangzhou = next(c for c in chinese if c.name_zh_hant.startswith("廣州"))
    first_hangzhou = next((c for c in chinese if c.name_zh_hant.startswith("杭州")), None)
    assert first_hangzhou is None or chinese.index(first_guangzhou) < chinese.index(first_hangzhou)


def test_trends_keep_the_articles_numbering_across_pages(long_lists, client):
    first = [t.number for t in client.get("/en/trends/").context["object_list"]]
    last = [t.number for t in client.get("/en/trends/?page=3").context["object_list"]]
    assert first[:10] == list(range(1, 11)) and first == sorted(first)
    assert last == sorted(last) and last[-1] == 100 + EXTRA - 1


@pytest.mark.parametrize("path", ["/en/companies/", "/zh-hant/companies/", "/en/trends/", "/en/modes/"])
def test_every_page_read_backwards_from_the_end_holds_what_reading_forwards_gives(long_lists, client, path):
    first = client.get(path)
    forwards = Paginator(first.context["view"].get_queryset(), LIST_PAGE_SIZE)
    for number in forwards.page_range:
        page = client.get(f"{path}?page={number}").context["page_obj"]
        assert [r.pk for r in page.object_list] == [r.pk for r in forwards.page(number).object_list], number


def test_the_last_page_of_a_long_list_skips_no_rows_to_reach_it(long_lists, client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/companies/?page=last")
    listing = [q["sql"] for q in queries if 'FROM "modes_company"' in q["sql"] and "LIMIT" in q["sql"]]
    assert listing and all("OFFSET" not in sql or "OFFSET 0" in sql for sql in listing), listing
