"""Every change tells the shared caches exactly which pages it made stale, after it commits, through a queue that
survives a cache that refuses or is down (pagecache.purges). A stand-in cache records the purges it is sent."""

import io
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from modes.models import Company, OperationMode
from pagecache import purges
from pagecache.models import PendingPurge


class StandInCache:
    """An HTTP server answering PURGE like deploy/varnish.vcl: records each request's keys; `status` to refuse."""

    def __init__(self):
        self.purged, self.status = [], 200
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                outer.purged.append(set(self.headers["xkey-purge"].split()))
                self.send_response(outer.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def keys(self):
        return set().union(*self.purged) if self.purged else set()


@pytest.fixture
def cache(settings):
    stand_in = StandInCache()
    settings.PURGE_URLS = [stand_in.url]
    settings.PURGE_REPEAT_SECONDS = 0
    yield stand_in
    stand_in.server.shutdown()
    stand_in.server.server_close()


@pytest.fixture
def jd(db):
    return Company.objects.get(slug="jd")


def change(callback, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            callback()


def test_an_edit_of_a_records_text_purges_its_pages_only_after_commit(
    cache, jd, django_capture_on_commit_callbacks, settings
):
    settings.PURGE_REPEAT_SECONDS = 60
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            jd.description_en = "A new description."
            jd.save()
            assert cache.purged == [] and PendingPurge.objects.count() == 1  # queued with the change, not sent
    assert cache.purged == [{f"company:{jd.pk}", "company:all"}]
    assert PendingPurge.objects.get().told == 1  # sent once; once more PURGE_REPEAT_SECONDS later
    assert purges.drain() == 0  # not yet
    PendingPurge.objects.update(next_attempt_at=timezone.now())
    purges.drain()
    assert len(cache.purged) == 2 and not PendingPurge.objects.exists()


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda jd: setattr(jd, "name_en", "JD Renamed"), id="title"),
        pytest.param(lambda jd: setattr(jd, "slug", "jd-renamed"), id="slug (old and new address)"),
        pytest.param(lambda jd: setattr(jd, "status", "draft"), id="unpublish"),
    ],
)
def test_a_change_of_where_a_record_is_listed_purges_its_kinds_lists(
    cache, jd, edit, django_capture_on_commit_callbacks
):
    def save():
        edit(jd)
        jd.save()

    change(save, django_capture_on_commit_callbacks)
    assert cache.keys() == {f"company:{jd.pk}", "company:all", "company:list"}


def test_publishing_creating_and_deleting_purge_the_lists(cache, jd, django_capture_on_commit_callbacks):
    Company.objects.filter(pk=jd.pk).update(status="draft")  # before the stand-in listens
    cache.purged.clear()
    jd.refresh_from_db()
    jd.status = "published"
    change(jd.save, django_capture_on_commit_callbacks)
    assert cache.keys() == {f"company:{jd.pk}", "company:all", "company:list"}
    cache.purged.clear()
    new = Company(slug="new-co", name_en="New Co", name_zh_hant="新公司")
    change(new.save, django_capture_on_commit_callbacks)
    assert cache.keys() == {f"company:{new.pk}", "company:all", "company:list"}
    cache.purged.clear()
    pk = jd.pk
    change(jd.delete, django_capture_on_commit_callbacks)
    assert {f"company:{pk}", "company:all", "company:list"} <= cache.keys()


def test_a_new_link_purges_the_pages_of_both_records(cache, jd, django_capture_on_commit_callbacks):
    mode = OperationMode.objects.exclude(companies=jd).first()
    change(lambda: jd.modes.add(mode), django_capture_on_commit_callbacks)
    assert {f"company:{jd.pk}", f"operationmode:{mode.pk}"} <= cache.keys()
    assert "company:list" not in cache.keys() and "operationmode:list" not in cache.keys()


def test_a_bulk_change_purges_every_page_of_its_kind(db, cache, django_capture_on_commit_callbacks):
    change(lambda: Company.objects.filter(slug="jd").update(website=""), django_capture_on_commit_callbacks)
    assert cache.keys() == {"company:all", "company:list"}


def test_a_change_rolled_back_purges_nothing(cache, jd, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            jd.name_en = "Never saved"
            jd.save()
            transaction.set_rollback(True)
    assert cache.purged == [] and not PendingPurge.objects.exists()


def test_without_shared_caches_nothing_is_queued(settings, jd, django_capture_on_commit_callbacks):
    settings.PURGE_URLS = []
    jd.name_en = "No cache in front"
    change(jd.save, django_capture_on_commit_callbacks)
    assert not PendingPurge.objects.exists()


def test_a_shell_without_purge_urls_queues_its_purge_for_the_servers_to_send(
    settings, jd, cache, django_capture_on_commit_callbacks
):
    """A shell started without DJANGO_PURGE_URLS while the site runs behind Varnish: its change is queued anyway
    (debug off) and the servers, which know the cache, send it (found by a hostile tester: 29 of 29 pages stayed
    stale for a day)."""
    servers_cache, settings.PURGE_URLS, settings.PURGE_QUEUE_ALWAYS = settings.PURGE_URLS, [], True
    jd.name_en = "Renamed in a shell"
    change(jd.save, django_capture_on_commit_callbacks)
    assert PendingPurge.objects.exists() and cache.purged == []  # the shell sends nothing, and drops nothing
    settings.PURGE_URLS = servers_cache  # a server's drainer
    purges.drain_all()
    assert f"company:{jd.pk}" in cache.keys() and not PendingPurge.objects.filter(told=0).exists()


def test_a_deploy_purges_every_page(db, cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("migrate", "pagecache", verbosity=0)
    assert "site" in cache.keys()


def test_a_refusing_cache_is_retried_with_backoff_reported_and_replayed(
    cache, jd, django_capture_on_commit_callbacks, caplog
):
    cache.status = 403  # an ACL that does not list this server
    jd.name_en = "Refused at first"
    change(jd.save, django_capture_on_commit_callbacks)
    row = PendingPurge.objects.get()
    assert row.attempts == 1 and "403" in row.last_error and row.next_attempt_at > timezone.now()
    assert purges.drain() == 0  # not due yet: backoff
    for _attempt in range(2, purges.FAILED_AFTER + 1):
        PendingPurge.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        purges.drain()
    assert PendingPurge.objects.get().attempts == purges.FAILED_AFTER
    assert "has failed 5 times" in caplog.text
    with pytest.raises(CommandError, match="keep failing"):
        call_command("drainpurges", stdout=io.StringIO())
    cache.status = 200
    cache.purged.clear()
    call_command("drainpurges", "--now", stdout=io.StringIO())
    assert cache.keys() == {f"company:{jd.pk}", "company:all", "company:list"}
    assert not PendingPurge.objects.exists()


def test_a_cache_that_is_down_gets_the_purges_when_it_is_back(settings, jd, django_capture_on_commit_callbacks):
    stand_in = StandInCache()
    url = stand_in.url
    stand_in.server.shutdown()
    stand_in.server.server_close()  # nothing listens there now
    settings.PURGE_URLS, settings.PURGE_REPEAT_SECONDS = [url], 0
    jd.name_en = "While the cache was down"
    change(jd.save, django_capture_on_commit_callbacks)
    assert "ConnectionRefusedError" in PendingPurge.objects.get().last_error
    back = StandInCache()
    settings.PURGE_URLS = [back.url]
    PendingPurge.objects.update(next_attempt_at=timezone.now())
    purges.drain_all()
    assert f"company:{jd.pk}" in back.keys()
    back.server.shutdown()
    back.server.server_close()


def test_operators_see_pending_and_failed_purges_in_the_admin(admin_client, cache):
    PendingPurge.objects.create(keys="company:1 company:all", next_attempt_at=timezone.now(), attempts=7)
    page = admin_client.get("/admin/pagecache/pendingpurge/?state=failed")
    assert page.status_code == 200 and b"company:1 company:all" in page.content
    assert admin_client.get("/admin/pagecache/pendingpurge/?state=waiting").content.count(b"company:1") == 0


def test_many_keys_are_sent_in_requests_of_bounded_size(cache):
    keys = {f"company:{n}" for n in range(2000)}
    purges.VarnishBackend(cache.url).purge(keys)
    assert len(cache.purged) > 1 and cache.keys() == keys
