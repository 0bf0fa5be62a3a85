"""Between the numbered pages at each end, a list is read by key (issue 28): each page's links carry the key of the
record it starts after or ends before, so a page in the middle of a million records is one index range read."""

from urllib.parse import parse_qs

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models.functions import Lower
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pytest_django.asserts import assertContains, assertInHTML

from bilingual.pinyin import pinyin_sort_key
from content.views import LIST_PAGE_SIZE, NUMBERED_PAGES, PAGE_PARAMETERS, PublishedListPaginator
from glossary.models import Term
from modes.models import Company, OperationMode
from trends.models import Trend
from trends.testing import trend

MANY = 700  # with the seed, 14 or 15 pages: 5 numbered at each end, the rest by key
UNNAMED = 70  # companies with no English name yet: more than a page, at one end of the English list (NULL)
CITIES = ["北京", "上海", "廣州", "深圳", "杭州", "南京"]


@pytest.fixture
def many_companies(db):
    def chinese(i):
        return f"{CITIES[i % len(CITIES)]}{i // 2:03}公司"  # every name twice: the slug breaks the tie

    Company.objects.bulk_create(
        Company(
            slug=f"many-{i:03}",
            name_en=None if i < UNNAMED else f"Many {i // 2:03}",
            name_zh_hant=chinese(i),
            name_pinyin=pinyin_sort_key(chinese(i)),  # what save() would store
            description_en="One of many.",
            description_zh_hant="眾多之一。",
            status="published",
        )
        for i in range(MANY)
    )


@pytest.fixture
def many_trends(db):
    Trend.objects.bulk_create(trend(100 + i, f"many-{i}") for i in range(MANY))


@pytest.fixture
def many_modes(db):
    OperationMode.objects.bulk_create(
        OperationMode(
            code=f"M{i}",
            slug=f"many-{i}",
            order=10 + i % 7,  # ties in `order`: `code` breaks them
            name_en=f"Mode {i}",
            name_zh_hant=f"模式{i}",
            summary_en="More.",
            summary_zh_hant="更多。",
            body_en="More.",
            body_zh_hant="更多。",
            seller_side_en="Businesses",
            seller_side_zh_hant="企業",
            buyer_side_en="Consumers",
            buyer_side_zh_hant="消費者",
            status="published",
        )
        for i in range(MANY)
    )


@pytest.fixture
def many_terms(db):
    Term.objects.bulk_create(
        Term(
            slug=f"many-{i}",
            term_en=f"Term {i // 3}",
            term_zh_hant=f"{CITIES[i % len(CITIES)]}術語{i // 3}",
            simplified=f"术语{i}",
            term_pinyin=pinyin_sort_key(f"{CITIES[i % len(CITIES)]}術語{i // 3}"),
            definition_en="More.",
            definition_zh_hant="更多。",
            status="published",
        )
        for i in range(MANY)
    )


LISTS = [
    ("/en/companies/", "many_companies"),  # by LOWER(name_en), slug, with NULL names at one end
    ("/zh-hant/companies/", "many_companies"),  # by pinyin, slug
    ("/en/trends/", "many_trends"),  # by number
    ("/en/modes/", "many_modes"),  # by order, code
    ("/en/glossary/", "many_terms"),
    ("/zh-hant/glossary/", "many_terms"),
]


def in_list_order(path, response):
    """Every record's pk in the list's order, read with OFFSET by Django's own Paginator."""
    with translation.override(path.split("/")[1]):
        records = response.context["view"].get_queryset()
        return [[r.pk for r in page.object_list] for page in Paginator(records, LIST_PAGE_SIZE)]


def pks(response):
    return [record.pk for record in response.context["page_obj"].object_list]


def walk(client, path, start, link):
    """The responses from `start` on, following each page's `link` ("next_link" or "previous_link") to the end."""
    responses = [client.get(path + start)]
    page = responses[-1].context["page_obj"]
    while page.has_next() if link == "next_link" else page.has_previous():
        responses.append(client.get(path + getattr(page, link)))
        assert responses[-1].status_code == 200
        page = responses[-1].context["page_obj"]
    return responses


def middle_page(client, path):
    """The first page only a key reaches: the next page after the last numbered one at the start."""
    numbered = client.get(f"{path}?page={NUMBERED_PAGES}").context["page_obj"]
    return f"{path}{numbered.next_link}"


@pytest.mark.parametrize("path, records", LISTS)
def test_following_next_from_the_first_page_shows_every_record_once_in_the_lists_order(
    db, request, client, path, records
):
    request.getfixturevalue(records)
    pages = walk(client, path, "", "next_link")
    expected = in_list_order(path, pages[0])
    assert len(expected) > 2 * NUMBERED_PAGES  # some pages are reached by key only
    assert [pks(response) for response in pages] == expected
    assert [response.context["page_obj"].number for response in pages[NUMBERED_PAGES:]] == [None] * (
        len(expected) - NUMBERED_PAGES
    )


@pytest.mark.parametrize("path, records", LISTS)
def test_following_previous_from_the_end_comes_back_to_the_first_page_through_the_same_pages(
    db, request, client, path, records
):
    request.getfixturevalue(records)
    last_by_key = walk(client, path, "", "next_link")[-1].request["QUERY_STRING"]
    pages = walk(client, path, f"?{last_by_key}", "previous_link")
    assert [pks(response) for response in reversed(pages)] == in_list_order(path, pages[0])
    assert pages[-1].context["page_obj"].number == 1  # the start, numbered again


@pytest.mark.parametrize(
    "ordering",
    [
        ("name_pinyin", "-slug"),  # directions differ: no row comparison
        (Lower("name_en").desc(), "slug"),  # NULLs at the other end
        ("-slug",),
        (Lower("name_en"), "name_pinyin", "slug"),
    ],
)
def test_a_list_in_any_total_order_reads_the_same_by_key_as_by_offset_both_ways(many_companies, ordering):
    companies = Company.objects.published().order_by(*ordering)
    expected = [[c.pk for c in page.object_list] for page in Paginator(companies, LIST_PAGE_SIZE)]
    paginator = PublishedListPaginator(companies, LIST_PAGE_SIZE)
    pages = [paginator.page(1)]
    while pages[-1].has_next():
        pages.append(paginator.page_after(paginator.key_from(paginator.key_of(pages[-1].object_list[-1]))))
    assert [[c.pk for c in page.object_list] for page in pages] == expected
    while pages[-1].number != 1:
        pages.append(paginator.page_before(paginator.key_from(paginator.key_of(pages[-1].object_list[0]))))
    assert [[c.pk for c in page.object_list] for page in pages[len(expected) - 1 :]] == expected[::-1]


def test_a_middle_page_shows_the_records_after_its_key_in_each_languages_order(many_companies, client):
    english = client.get(middle_page(client, "/en/companies/"))
    names = [c.name_en for c in english.context["object_list"]]
    assert names == sorted(names, key=str.casefold) and None not in names
    chinese = client.get(middle_page(client, "/zh-hant/companies/"))
    keys = [(c.name_pinyin, c.slug) for c in chinese.context["object_list"]]
    assert keys == sorted(keys) and len(keys) == LIST_PAGE_SIZE
    assert pks(english) == in_list_order("/en/companies/", english)[NUMBERED_PAGES]
    assert pks(chinese) == in_list_order("/zh-hant/companies/", chinese)[NUMBERED_PAGES]


def test_next_then_previous_comes_back_to_the_same_records(many_companies, client):
    middle = client.get(middle_page(client, "/en/companies/"))
    after = client.get("/en/companies/" + middle.context["page_obj"].next_link)
    back = client.get("/en/companies/" + after.context["page_obj"].previous_link)
    assert pks(back) == pks(middle) and pks(after) != pks(middle)
    assert back.context["page_obj"].number is None


def test_the_key_of_a_record_deleted_meanwhile_still_gives_the_records_after_it(many_companies, client):
    middle = client.get(middle_page(client, "/en/companies/"))
    next_link = middle.context["page_obj"].next_link
    following = pks(client.get("/en/companies/" + next_link))
    Company.objects.filter(pk=pks(middle)[-1]).delete()
    assert pks(client.get("/en/companies/" + next_link)) == following


def test_a_key_past_every_record_left_gives_the_last_page(many_trends, client):
    last_page = walk(client, "/en/trends/", "", "next_link")[-1]
    link = last_page.context["page_obj"].paginator.link("after", last_page.context["object_list"][-1])
    Trend.objects.filter(pk__in=pks(last_page)).delete()
    response = client.get("/en/trends/" + link)
    assert response.status_code == 200
    assert response.context["page_obj"].number == response.context["paginator"].num_pages


def garbled_keys(client):
    real = parse_qs(client.get(middle_page(client, "/en/companies/")).context["page_obj"].next_link[1:])["after"][0]
    trends_key = parse_qs(middle_page(client, "/en/trends/").split("?")[1])["after"][0]
    flipped = real[:-1] + ("A" if real[-1] != "A" else "B")
    return {
        "not a key": "/en/companies/?after=garbage",
        "empty": "/en/companies/?before=",
        "one character changed": f"/en/companies/?after={flipped}",
        "the value changed, signature kept": "/en/companies/?after=" + "W10" + real[real.index(":") :],
        "the English list's key on the Chinese list": f"/zh-hant/companies/?after={real}",
        "a key of another kind's list": f"/en/companies/?after={trends_key}",
        "far too long": "/en/companies/?after=" + "A" * 5000,
        "both directions": f"/en/companies/?after={real}&before={real}",
    }


def test_a_garbled_or_foreign_key_is_a_404_not_a_server_error(many_companies, many_trends, client):
    for case, url in garbled_keys(client).items():
        assert client.get(url).status_code == 404, case


def test_a_middle_page_costs_the_queries_of_the_first_and_skips_no_rows(many_companies, client):
    middle = middle_page(client, "/en/companies/")
    client.get("/en/companies/")  # the count kept, as for every reader after the first
    with CaptureQueriesContext(connection) as first:
        client.get("/en/companies/")
    with CaptureQueriesContext(connection) as by_key:
        client.get(middle)
    assert len(by_key) == len(first)
    listing = [q["sql"] for q in by_key if 'FROM "modes_company"' in q["sql"] and "LIMIT" in q["sql"]]
    assert len(listing) == 1 and "OFFSET" not in listing[0] and f"LIMIT {LIST_PAGE_SIZE + 1}" in listing[0]


def test_a_middle_page_is_one_range_of_the_index_even_where_many_records_tie_on_the_first_term(many_companies, client):
    Company.objects.update(name_pinyin="")  # as a bulk insert that skips save() leaves them: one long tie
    middle = middle_page(client, "/zh-hant/companies/")
    with CaptureQueriesContext(connection) as by_key:
        response = client.get(middle)
    assert pks(response) == in_list_order("/zh-hant/companies/", response)[NUMBERED_PAGES]
    listing = next(q["sql"] for q in by_key if 'FROM "modes_company"' in q["sql"] and "LIMIT" in q["sql"])
    # a row comparison, which the (status, name_pinyin, slug) index reads from the key on; not `name_pinyin >= ''`
    assert '("modes_company"."name_pinyin", "modes_company"."slug") > (' in listing
    assert '"modes_company"."name_pinyin" >=' not in listing


def test_an_old_link_to_a_page_number_in_the_middle_goes_to_the_lists_first_page(many_companies, client):
    num_pages = client.get("/en/companies/").context["paginator"].num_pages
    response = client.get(f"/en/companies/?page={NUMBERED_PAGES + 1}")
    assert response.status_code == 302 and response["Location"] == "/en/companies/"
    for number in (NUMBERED_PAGES, num_pages - NUMBERED_PAGES + 1, "last"):
        assert client.get(f"/en/companies/?page={number}").status_code == 200
    assert client.get(f"/en/companies/?page={num_pages + 1}").status_code == 404


def test_numbered_pages_link_by_number_to_numbered_neighbours_and_by_key_beyond(many_companies, client):
    html = client.get(f"/en/companies/?page={NUMBERED_PAGES - 1}").content.decode()
    assertInHTML(f'<a rel="next" href="?page={NUMBERED_PAGES}">Next page</a>', html)
    last_numbered = client.get(f"/en/companies/?page={NUMBERED_PAGES}").context["page_obj"]
    assert last_numbered.next_link.startswith("?after=")
    paginator = last_numbered.paginator
    assert paginator.page_links(last_numbered) == [1, 2, 3, 4, 5, paginator.ELLIPSIS, paginator.num_pages]  # not 6, 7


def test_a_page_reached_by_key_is_named_by_its_first_and_last_records_in_both_languages(many_companies, client):
    response = client.get(middle_page(client, "/en/companies/"))
    page = response.context["page_obj"]
    first, last = page.object_list[0].name_en, page.object_list[-1].name_en
    assertContains(response, f"<title>Companies ({first} to {last}) · ecomkb</title>")
    html = response.content.decode()
    assert '<nav class="pagination" aria-label="Pages">' in html
    assertInHTML(f"<p>{first} to {last}</p>", html)
    assertInHTML(f'<a rel="next" href="{page.next_link}">Next page</a>', html)
    assertInHTML(f'<a rel="prev" href="{page.previous_link}">Previous page</a>', html)
    assertInHTML('<a href="?page=1">1</a>', html)
    assertInHTML(f'<a href="?page={page.paginator.num_pages}">{page.paginator.num_pages}</a>', html)
    assert "aria-current" not in html.split('class="pagination"')[1]  # no number of its own to mark
    chinese = client.get(middle_page(client, "/zh-hant/companies/"))
    chinese_html = chinese.content.decode()
    first = chinese.context["object_list"][0].name_zh_hant
    assert first in chinese_html.split("<title>")[1].split("</title>")[0]
    assert 'aria-label="分頁"' in chinese_html and ">下一頁</a>" in chinese_html and ">上一頁</a>" in chinese_html


def test_every_parameter_a_page_link_carries_is_one_the_shared_cache_treats_as_a_page(many_companies, client):
    middle = client.get(middle_page(client, "/en/companies/")).context["page_obj"]
    numbered = client.get("/en/companies/?page=2").context["page_obj"]
    links = [middle.next_link, middle.previous_link, numbered.next_link, numbered.previous_link]
    assert {name for link in links for name in parse_qs(link[1:])} == PAGE_PARAMETERS
