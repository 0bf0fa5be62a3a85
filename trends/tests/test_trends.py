import pytest

from trends.models import Trend


def test_trends_are_listed_in_the_articles_order_and_numbering(client, db):
    html = client.get("/en/trends/").content.decode()
    positions = [html.index(t.get_absolute_url()) for t in Trend.objects.order_by("number")]
    assert positions == sorted(positions)
    assert '<li class="card" value="10">' in html


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_trend_page_links_to_previous_and_next(client, db, lang):
    html = client.get(f"/{lang}/trends/o2o-partnerships/").content.decode()
    assert f'rel="prev" href="/{lang}/trends/vertical-e-commerce/"' in html
    assert f'rel="next" href="/{lang}/trends/fashion/"' in html
    first = client.get(f"/{lang}/trends/going-down-market/").content.decode()
    assert 'rel="prev"' not in first


def test_trend_shows_the_companies_it_names_and_related_modes(client, db):
    html = client.get("/zh-hant/trends/o2o-partnerships/").content.decode()
    for slug in ["wanda", "baidu", "tencent"]:
        assert f'href="/zh-hant/companies/{slug}/"' in html
    assert 'href="/zh-hant/modes/o2o/"' in html


def test_relations_are_browsable_both_ways(client, db):
    company_page = client.get("/en/companies/wanda/").content.decode()
    assert 'href="/en/trends/o2o-partnerships/"' in company_page
    assert 'href="/en/modes/o2o/"' in company_page
    mode_page = client.get("/en/modes/o2o/").content.decode()
    assert 'href="/en/companies/wanda/"' in mode_page
    assert 'href="/en/trends/o2o-partnerships/"' in mode_page
