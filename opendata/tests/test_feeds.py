"""The Atom feeds of recent changes, read by a feed parser as a feed reader reads them."""

import feedparser
import pytest

from modes.models import Company, OperationMode

from .helpers import edit

LANGUAGES = ["en", "zh-hant", "zh-hans"]
pytestmark = pytest.mark.django_db


def parsed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")  # well-formed, as the W3C validator requires first
    return feed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_of_all_changes_carries_the_newest_published_edit_first(client, lang):
    b2c = OperationMode.objects.get(slug="b2c")
    version = edit(b2c, reason="Feed-worthy summary", seller_side_en="Companies that sell")
    feed = parsed(client, f"/{lang}/changes/feed/")
    assert feed.version == "atom10"
    assert feed.feed.language == {"en": "en", "zh-hant": "zh-Hant", "zh-hans": "zh-Hans"}[lang]
    assert feed.feed.author  # Atom wants an author for every entry: the feed's
    entry = feed.entries[0]
    assert entry.link == f"http://testserver/{lang}/history/operationmode/{b2c.key}/{version.history_id}/"
    assert entry.id == entry.link and len({e.id for e in feed.entries}) == len(feed.entries)
    assert "Feed-worthy summary" in entry.summary
    assert entry.updated_parsed is not None
    assert len(feed.entries) == 25


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_kinds_feed_carries_only_that_kind_and_never_a_draft(client, lang):
    alibaba = Company.objects.get(slug="alibaba")
    edit(alibaba, reason="public summary", description_en="Published words.")
    jd = Company.objects.get(slug="jd")
    edit(jd, reason="secret summary", status="draft", description_en="Draft words.")
    feed = parsed(client, f"/{lang}/changes/company/feed/")
    assert feed.entries and all("/history/company/" in entry.link for entry in feed.entries)
    assert "public summary" in feed.entries[0].summary
    assert not any("secret summary" in entry.summary for entry in feed.entries)
    assert not any(str(jd.key) in entry.link for entry in feed.entries)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_points_feed_readers_to_the_feed(client, lang):
    for path in (f"/{lang}/", f"/{lang}/modes/b2c/", f"/{lang}/changes/"):
        html = client.get(path).content.decode()
        assert f'<link rel="alternate" type="application/atom+xml" href="/{lang}/changes/feed/"' in html


def test_an_unknown_kinds_feed_is_a_404(client):
    assert client.get("/en/changes/nosuchkind/feed/").status_code == 404
