"""Results come best first (title, then summary, then body), a page of 20 at a time, with their count."""

import pytest
from django.utils import translation
from pytest_django.asserts import assertContains

from modes.models import Company
from search import query as search_query
from trends.models import Trend


def results(client, q, lang="en", **params):
    response = client.get(f"/{lang}/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def urls(response):
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return [hit.record.get_absolute_url() for hit in response.context["results"].hits]


def add_word(record, field, word):
    setattr(record, field, f"{getattr(record, field)} {word}")
    record.save()


def test_a_match_in_the_title_comes_before_one_in_the_summary_before_one_in_the_body(client, db):
    add_word(Company.objects.get(slug="jd"), "description_en", "zqxv")  # a company's first text: its "summary"
    add_word(Trend.objects.get(number=5), "body_en", "zqxv")
    add_word(Trend.objects.get(number=3), "summary_zh_hant", "zqxv")  # either language counts
    add_word(Company.objects.get(slug="alibaba"), "name_en", "zqxv")
    add_word(Trend.objects.get(number=7), "body_zh_hant", "ZQXV")
    trend = {n: Trend.objects.get(number=n).slug for n in (3, 5, 7)}
    assert urls(results(client, "zqxv")) == [
        "/en/companies/alibaba/",  # title
        f"/en/trends/{trend[3]}/",  # summary: trends come before companies (content.registry position)
        "/en/companies/jd/",
        f"/en/trends/{trend[5]}/",  # body, in record order
        f"/en/trends/{trend[7]}/",
    ]


def test_with_several_words_a_record_ranks_by_where_the_last_of_them_is_found(client, db):
    add_word(Company.objects.get(slug="alibaba"), "name_en", "zqxv")
    add_word(Company.objects.get(slug="alibaba"), "description_en", "wyyk")
    add_word(Company.objects.get(slug="jd"), "name_en", "zqxv wyyk")
    assert urls(results(client, "zqxv wyyk")) == ["/en/companies/jd/", "/en/companies/alibaba/"]


def test_results_come_twenty_a_page_with_the_count_and_every_match_on_one_page(client, db):
    first = results(client, "e")
    count, pages = first.context["results"].count, first.context["results"].pages
    assert count > 40 and pages == -(-count // 20)
    seen = []
    for page in range(1, pages + 1):
        found = urls(results(client, "e", page=page))
        assert len(found) == (20 if page < pages else count - 20 * (pages - 1))
        seen += found
    assert len(seen) == len(set(seen)) == count
    html = first.content.decode()
    assert f"Pages found: {count} · page 1 of {pages}" in html
    assertContains(first, '<a rel="next" href="?q=e&amp;page=2">Next page</a>', html=True)


def test_each_page_is_in_the_readers_language(client, db):
    response = results(client, "e", "zh-hant", page=2)
    html = response.content.decode()
    assert "下一頁" in html and "上一頁" in html and "第2頁，共" in html
    hits = response.context["results"].hits
    assert hits and all(hit.title_lang == "zh-Hant" for hit in hits if hit.record.is_published)
    simplified = results(client, "e", "zh-hans", page=2).content.decode()
    assert "下一页" in simplified


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "９", "99", "", "9" * 40])
def test_a_page_that_is_not_there_is_a_404(client, db, page):
    assert client.get("/en/search/", {"q": "e", "page": page}).status_code == 404


def test_a_page_past_the_end_of_an_empty_search_is_a_404_too(client, db):
    assert client.get("/en/search/", {"q": "", "page": "2"}).status_code == 404
    assert client.get("/en/search/", {"q": "blockchain", "page": "2"}).status_code == 404
    assert client.get("/en/search/", {"q": "blockchain", "page": "1"}).status_code == 200


def test_past_the_counted_results_the_count_says_more_than(client, db, monkeypatch):
    monkeypatch.setattr(search_query, "MAX_RESULTS", 30)
    response = results(client, "e")
    assert (response.context["results"].count, response.context["results"].more) == (30, True)
    assert "Pages found: more than 30" in response.content.decode()
    assert len(urls(results(client, "e", page=2))) == 10
    assert client.get("/en/search/", {"q": "e", "page": "3"}).status_code == 404
