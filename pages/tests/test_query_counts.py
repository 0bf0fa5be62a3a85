"""Every public page costs the same few queries whether there are twenty records or two thousand."""

import pytest

from article.views import citing_relations
from content.cache import cache
from content.views import RELATED_LIMIT
from modes.models import Company, OperationMode
from trends.models import Trend
from trends.testing import trend

# A search needs at most 7 (one query on the search index per rank — title, summary, anywhere — and one per kind
# on the page: modes, trends, companies, the article's paragraphs); a trend page 6 (the trend, its modes,
# companies, source paragraphs, previous, next); the article page 1 and 2 per kind that cites it (article.views).
MAX_QUERIES = max(8, 1 + 2 * len(citing_relations()))
EXTRA = 1000


@pytest.fixture(scope="module")
def _crowded(module_transaction):
    with module_transaction.unblock():
        published = Company.Status.PUBLISHED
        companies = Company.objects.bulk_create(
            Company(
                slug=f"extra-{i}",
                name_en=f"Extra {i}",
                name_zh_hant=f"公司 {i}",
                description_en="An extra company.",
                description_zh_hant="另一家公司。",
                status=published,
            )
            for i in range(EXTRA)
        )
        trends = Trend.objects.bulk_create(trend(100 + i, f"extra-{i}", published) for i in range(EXTRA))
        modes = list(OperationMode.objects.all())
        Company.modes.through.objects.bulk_create(
            Company.modes.through(company=c, operationmode=m) for c in companies for m in modes
        )
        Trend.modes.through.objects.bulk_create(
            Trend.modes.through(trend=t, operationmode=m) for t in trends for m in modes
        )
        Trend.companies.through.objects.bulk_create(
            Trend.companies.through(trend=t, company=c) for t, c in zip(trends, companies, strict=False)
        )


@pytest.fixture
def crowded(_crowded, db):
    """The seed plus a thousand more published companies and trends, all related to every mode (built once for
    the module); the slugs of records to open."""
    return {"mode": "b2c", "trend": "extra-500", "company": "extra-500"}


PAGES = [
    "",
    "modes/",
    "modes/b2c/",
    "trends/",
    "trends/extra-500/",
    "trends/o2o-partnerships/",
    "companies/",
    "companies/extra-500/",
    "companies/jd/",
    "modes/b2c/side-by-side/",
    "trends/extra-500/side-by-side/",
    "companies/jd/side-by-side/",
    "search/?q=extra",
    "search/?q=公司",
    "article/",
]


def test_queries_stay_few_with_a_thousand_more_records(crowded, client, django_assert_max_num_queries):
    cache.clear()  # measure real renders, not cache hits
    for lang in ["en", "zh-hant", "zh-hans"]:
        for page in PAGES:
            with django_assert_max_num_queries(MAX_QUERIES):
                response = client.get(f"/{lang}/{page}")
            assert response.status_code == 200, page


def test_a_crowded_home_page_shows_the_first_of_each_list_and_links_to_the_lists(crowded, client):
    response = client.get("/en/")
    assert len(response.context["companies"]) == RELATED_LIMIT
    assert len(response.context["trends"]) == RELATED_LIMIT
    assert [t.number for t in response.context["trends"]][:10] == list(range(1, 11)), "the article's ten first"
    assert 'href="/en/companies/"' in response.content.decode()


def test_a_crowded_mode_page_shows_a_bounded_number_of_related_records(crowded, client):
    response = client.get("/en/modes/b2c/")
    assert len(response.context["related_companies"]) == RELATED_LIMIT
    assert response.context["related_companies"].more
    assert "The first 24 are shown." in response.content.decode()


def test_sitemap_queries_stay_few(crowded, client, django_assert_max_num_queries):
    for url in ["/sitemap.xml", "/sitemap-company.xml", "/sitemap-trend.xml?p=1"]:
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(url).status_code == 200, url
