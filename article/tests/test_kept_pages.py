"""A record's page is kept whole for what it shows (templates/base.html, content.templatetags.fragments): the same
bytes and surrogate keys as a page rendered afresh, and never a page older than the data, whatever path changed it."""

import logging

import pytest
from django.template import Context, Template
from django.test import override_settings

from article.models import ArticleParagraph
from bilingual.chinese import install_table, shipped_table
from content.cache import cache
from content.term_links import targets_fingerprint
from conversion.models import ConversionRule
from glossary.models import Term
from modes.models import Company, OperationMode
from trends.models import Trend
from trends.views import TrendDetailView

pytestmark = pytest.mark.django_db

LANGS = ["en", "zh-hant", "zh-hans"]
PAGES = [
    "",
    "modes/",
    "modes/b2c/",
    "modes/b2c/side-by-side/",
    "trends/",
    "trends/o2o-partnerships/",
    "trends/going-global/side-by-side/",
    "companies/",
    "companies/alibaba/",
    "glossary/",
    "glossary/going-down-market/",
    "article/",
    "search/?q=O2O",
    "changes/",
]
RECORD_PAGES = [
    "modes/b2c/",
    "trends/o2o-partnerships/",
    "companies/alibaba/",
    "glossary/going-down-market/",
    "article/",
]


def kept():
    """How many fragments the cache holds (the tests' cache is in memory: LocMemCache)."""
    return sum(":fragment:" in key for key in cache._cache)


def page(client, url, fragments=True):
    with override_settings(CONTENT_FRAGMENT_CACHE=fragments):
        response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def links_read():
    """The glossary's link targets read in this process: the page that reads them names every term (content.cache),
    kept or not, and the pages after it do not."""
    targets_fingerprint()


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_is_the_same_byte_for_byte_and_key_for_key_kept_or_rendered_afresh(client, links_read, lang):
    for path in PAGES:
        url = f"/{lang}/{path}"
        afresh = page(client, url, fragments=False)
        for _kept_then_served in range(2):
            response = page(client, url)
            assert response.content == afresh.content, url
            assert response["xkey"] == afresh["xkey"], url  # what purges it from shared caches (pagecache)


def test_record_pages_are_kept_and_other_pages_are_not(client):
    for path in PAGES:
        before = kept()
        page(client, f"/en/{path}")
        assert kept() == before + (path in RECORD_PAGES), path


def rename_trend(_client):
    trend = Trend.objects.get(slug="o2o-partnerships")
    trend.title_en = "Online meets offline"
    trend.save()


def bulk_update_trend_body(_client):  # update(): no save, updated_at and version as they were
    Trend.objects.filter(slug="o2o-partnerships").update(body_en="A body rewritten in bulk.")


def bulk_rename_company(_client):
    Company.objects.filter(slug="wanda").update(name_en="Wanda Renamed")


def bulk_update_source_paragraph(_client):
    paragraph = Trend.objects.get(slug="o2o-partnerships").sources.get()
    ArticleParagraph.objects.filter(pk=paragraph.pk).update(text_en="A paragraph rewritten in bulk.")


def bulk_rename_neighbour(_client):
    Trend.objects.filter(slug="vertical-e-commerce").update(title_en="The trend before, renamed")


def add_glossary_term(_client):
    Term.objects.create(
        slug="bumpy-road",
        term_en="bumpy",
        term_zh_hant="坎坷",
        simplified="坎坷",
        definition_en="Hard going.",
        definition_zh_hant="艱難。",
        status=Term.Status.PUBLISHED,
    )


def add_conversion_rule(_client):
    ConversionRule.objects.create(traditional="生態鏈", simplified="生态系统")


def bulk_rename_mode(_client):
    OperationMode.objects.filter(slug="b2b").update(name_en="Business to business, renamed")


def bulk_rename_citing_company(_client):
    Company.objects.filter(slug="baidu").update(name_en="Baidu Renamed")


@pytest.mark.parametrize(
    ("url", "edit", "shown"),
    [
        ("/en/trends/o2o-partnerships/", rename_trend, "Online meets offline"),
        ("/en/trends/o2o-partnerships/", bulk_update_trend_body, "A body rewritten in bulk."),
        ("/en/trends/o2o-partnerships/", bulk_rename_company, "Wanda Renamed"),
        ("/en/trends/o2o-partnerships/", bulk_update_source_paragraph, "A paragraph rewritten in bulk."),
        ("/en/trends/o2o-partnerships/", bulk_rename_neighbour, "The trend before, renamed"),
        ("/en/trends/o2o-partnerships/", add_glossary_term, 'href="/en/glossary/bumpy-road/"'),
        ("/zh-hans/trends/o2o-partnerships/", add_conversion_rule, "生态系统"),
        ("/en/companies/alibaba/", bulk_rename_mode, "Business to business, renamed"),
        ("/en/article/", bulk_rename_citing_company, "Baidu Renamed"),
        ("/en/trends/", bulk_rename_neighbour, "The trend before, renamed"),  # a list: never kept
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_a_change_by_any_path_shows_at_once_on_a_kept_page(client, url, edit, shown):
    try:
        page(client, url), page(client, url)  # kept, then served kept
        edit(client)
        response = page(client, url)
        assert shown in response.content.decode()
        assert response.content == page(client, url, fragments=False).content
    finally:
        install_table(shipped_table(), "")  # the process's conversion table as the seeded database holds it


def test_an_editors_preview_is_rendered_afresh(rf):
    request = rf.get("/en/trends/o2o-partnerships/")
    response = TrendDetailView.as_view(include_drafts=True)(request, slug="o2o-partnerships")
    assert "page_shows" not in response.context_data
    response = TrendDetailView.as_view()(request, slug="o2o-partnerships")
    assert response.context_data["page_shows"][0] == Trend.objects.get(slug="o2o-partnerships")


def test_a_fragment_that_reads_the_database_is_rendered_afresh_and_says_so(
    links_read, caplog, django_assert_num_queries
):
    trend = Trend.objects.get(slug="o2o-partnerships")
    template = Template("{% load fragments %}{% fragment shows %}{{ trend.modes.all|length }}{% endfragment %}")
    for _time in range(2):
        with caplog.at_level(logging.WARNING), django_assert_num_queries(1):
            assert template.render(Context({"shows": [trend], "trend": trend})) == "1"
        assert "read the database while it rendered; not kept" in caplog.text
    assert kept() == 0


def test_a_fragment_refuses_to_be_kept_for_a_value_it_cannot_name():
    template = Template("{% load fragments %}{% fragment shows %}…{% endfragment %}")
    with pytest.raises(TypeError, match="cannot key on object values"):
        template.render(Context({"shows": [object()]}))
