"""Every public page costs the same few queries whether there are twenty records or two thousand."""

import pytest
from django.core.cache import cache

from modes.models import Company, OperationMode
from trends.models import Trend

MAX_QUERIES = 6  # a trend page needs 5 (the trend, its modes, its companies, previous, next); one to spare
EXTRA = 1000


@pytest.fixture
def crowded(db):
    """The seed plus a thousand more published companies and trends, all related to every mode."""
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
    trends = Trend.objects.bulk_create(
        Trend(
            number=100 + i,
            slug=f"extra-{i}",
            title_en=f"Extra trend {i}",
            title_zh_hant=f"趨勢 {i}",
            summary_en="More.",
            summary_zh_hant="更多。",
            body_en="More.",
            body_zh_hant="更多。",
            status=published,
        )
        for i in range(EXTRA)
    )
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
]


def test_queries_stay_few_with_a_thousand_more_records(crowded, client, django_assert_max_num_queries):
    cache.clear()  # measure real renders, not cache hits
    for lang in ["en", "zh-hant", "zh-hans"]:
        for page in PAGES:
            with django_assert_max_num_queries(MAX_QUERIES):
                response = client.get(f"/{lang}/{page}")
            assert response.status_code == 200, page


def test_a_crowded_home_page_lists_every_record(crowded, client):
    html = client.get("/en/").content.decode()
    assert html.count('href="/en/companies/extra-') == EXTRA
    assert html.count('href="/en/trends/extra-') == EXTRA


def test_sitemap_queries_stay_few(crowded, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/sitemap.xml").status_code == 200
