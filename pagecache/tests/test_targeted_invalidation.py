"""A change makes stale only the cached pages that show what changed: the page cache reads the same surrogate keys
that purge Varnish (pagecache.generation). Everything else stays cached, on every worker."""

import threading

import pytest

from content.cache import cache
from modes.models import Company, OperationMode
from pagecache import generation
from pagecache.middleware import local_pages
from trends.models import Trend


@pytest.fixture(params=["shared cache (Redis, memory)", "file cache (make serve)"])
def pages_cache(request, settings, tmp_path):
    if request.param.startswith("file"):
        settings.CACHES = {
            **settings.CACHES,
            "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)},
        }
    local_pages.pages.clear()
    yield request.param
    local_pages.pages.clear()


def _page_without(company):
    """A trend page that does not show `company`."""
    return next(
        f"/en/trends/{trend.slug}/" for trend in Trend.objects.published() if company not in trend.companies.all()
    )


@pytest.mark.parametrize("other_worker", [False, True], ids=["same worker", "another worker"])
def test_an_edit_of_one_company_re_renders_only_the_pages_that_show_it(
    db, client, pages_cache, django_assert_num_queries, other_worker
):
    jd = Company.objects.get(slug="jd")
    unrelated, own = _page_without(jd), "/en/companies/jd/"
    kept = client.get(unrelated).content
    client.get(own)

    jd.description_en = "Described anew by an editor."
    jd.save()
    if other_worker:
        local_pages.pages.clear()

    with django_assert_num_queries(0):
        assert client.get(unrelated).content == kept, "a page not showing JD is still served from the cache"
    assert "Described anew by an editor." in client.get(own).content.decode()


def test_a_new_link_re_renders_the_pages_of_both_ends(db, client, pages_cache):
    jd = Company.objects.get(slug="jd")
    trend_page = _page_without(jd)
    trend = Trend.objects.get(slug=trend_page.split("/")[3])
    assert 'href="/en/companies/jd/"' not in client.get(trend_page).content.decode()
    client.get("/en/companies/jd/")
    trend.companies.add(jd)
    assert 'href="/en/companies/jd/"' in client.get(trend_page).content.decode()
    assert f'href="/en/trends/{trend.slug}/"' in client.get("/en/companies/jd/").content.decode()


def test_a_page_kept_across_more_steps_than_are_checked_is_rendered_again(db, client, pages_cache):
    page = "/en/modes/c2b/"
    client.get(page)
    for _ in range(generation.LONGEST_WALK + 1):
        generation.renew_or_forget(keys={"nothing:shown"})
    OperationMode.objects.filter(slug="c2b").update(name_en="Renamed with no signal")
    assert "Renamed with no signal" in client.get(page).content.decode()


def test_a_step_whose_log_entry_is_lost_counts_as_purging_every_page(db, client, pages_cache):
    page = "/en/modes/c2b/"
    client.get(page)
    generation.renew_or_forget(keys={"nothing:shown"})
    cache.delete(f"pagecache:purged:{generation.current_generation()}")  # evicted by a full cache
    generation._steps_seen.clear()  # nor remembered by this worker
    OperationMode.objects.filter(slug="c2b").update(name_en="Renamed with no signal")  # a change it cannot name
    assert "Renamed with no signal" in client.get(page).content.decode()


def test_steps_taken_at_once_by_many_writers_are_each_logged(db, pages_cache):
    start = generation.current_generation()

    def step(n):
        for i in range(20):
            generation.renew_or_refuse(keys={f"writer{n}:{i}"})

    writers = [threading.Thread(target=step, args=(n,)) for n in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert generation.current_generation() == start + 80, "no two writers took the same step"
    generation._steps_seen.clear()
    purged = set()
    for first in range(start, start + 80, generation.LONGEST_WALK):
        purged |= generation.purged_since(first, min(first + generation.LONGEST_WALK, start + 80))
    assert purged == {f"writer{n}:{i}" for n in range(4) for i in range(20)}


def test_a_generation_made_anew_never_starts_where_an_earlier_one_did(db, pages_cache):
    """Workers forked from one gunicorn master share the random module's state (and test frameworks seed it): two
    generations starting at one number would each read the other's purge log as their own."""
    import random

    starts = set()
    for _ in range(3):
        random.seed(2014)
        generation._generation_store().forget()
        starts.add(generation.current_generation())
    assert len(starts) == 3


def test_a_step_taken_with_debug_on_is_logged_as_long_as_servers_keep_pages(db, settings, pages_cache, monkeypatch):
    """`make run` or a debug shell keeps no pages itself; the production servers reading its steps keep theirs a day.
    Its log entry lived a minute, so every page those servers kept went stale with it."""
    import time

    settings.PAGE_CACHE_SECONDS = 0
    generation.renew_or_refuse(keys={"company:1"})
    step = generation.current_generation()
    generation._steps_seen.clear()
    later = time.time() + 2 * 3600
    monkeypatch.setattr(time, "time", lambda: later)  # two hours on: the caches' clock
    assert generation.purged_since(step - 1, step) == {"company:1"}
