"""Varnish (deploy/varnish.vcl) in front of gunicorn over the test database, on free ports (pagecache/tests/stack.py):
pages come from Varnish, every change shows through it within a second, no draft and nothing of the staff area is
ever served from it, and purges survive Varnish down, a purge endpoint refusing and an app restarted."""

import html
import itertools
import time

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from modes.models import Company, OperationMode
from pagecache.models import PendingPurge

pytestmark = [pytest.mark.long_running, pytest.mark.xdist_group("varnish")]  # one stack (Varnish, gunicorn) per run

WITHIN = 1.0  # seconds: how soon a change must show through Varnish


def eventually(check, within=WITHIN):
    """Call `check` (which asserts) until it passes or `within` seconds have gone; then once more, to fail."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            check()
            return
        except AssertionError:
            time.sleep(0.05)
    check()


def test_a_page_comes_from_varnish_the_second_time_and_an_edit_shows_within_a_second(through_varnish):
    stack = through_varnish
    jd = Company.objects.get(slug="jd")
    assert stack.get("/en/companies/jd/")[1]["x-cache"] == "MISS"
    status, headers, _ = stack.get("/en/companies/jd/")
    assert status == 200 and headers["x-cache"] == "HIT"
    mode_page = jd.modes.published().first().get_absolute_url()
    stack.get(mode_page)
    assert stack.get(mode_page)[1]["x-cache"] == "HIT"
    jd.name_en = "JD Through Varnish"
    jd.save()

    def shows_new_name():
        for path in ("/en/companies/jd/", mode_page, "/en/companies/"):
            assert "JD Through Varnish" in stack.get(path)[2], path

    eventually(shows_new_name)
    unrelated = OperationMode.objects.published().exclude(companies=jd).first().get_absolute_url()
    stack.get(unrelated)
    jd.description_en = "Only its own pages change."
    jd.save()
    assert stack.get(unrelated)[1]["x-cache"] == "HIT"  # a page that does not show it was not purged


def test_a_record_published_shows_on_the_lists_that_did_not_name_it(through_varnish):
    stack = through_varnish
    jd = Company.objects.get(slug="jd")
    jd.status = "draft"
    jd.save()
    eventually(lambda: _hides(stack, "/en/companies/", 'href="/en/companies/jd/"'))
    assert stack.get("/en/companies/")[1]["x-cache"] == "HIT"
    jd.status = "published"
    jd.save()
    eventually(lambda: _shows(stack, "/en/companies/", 'href="/en/companies/jd/"'))


def test_nothing_of_the_staff_area_or_a_session_comes_from_varnish(through_varnish):
    stack = through_varnish
    for path in ("/admin/", "/admin/login/", "/en/accounts/login/", "/en/admin/"):
        for _ in range(2):
            assert stack.get(path)[1]["x-cache"] != "HIT", path
    stack.get("/en/companies/")
    assert stack.get("/en/companies/", Cookie="sessionid=abc")[1]["x-cache"] == "PASS"
    assert stack.get("/en/search/?q=B2B", Authorization="Basic eDp5")[1]["x-cache"] == "PASS"


def test_with_varnish_down_pages_are_served_and_purges_wait_for_its_return(through_varnish):
    stack = through_varnish
    stack.get("/en/companies/jd/")
    stack.stop_varnish()
    jd = Company.objects.get(slug="jd")
    jd.name_en = "Saved while Varnish was down"
    jd.save()  # not refused: readers are served by the app meanwhile
    assert "Saved while Varnish was down" in stack.get_app("/en/companies/jd/")[2]
    assert PendingPurge.objects.filter(attempts__gte=1).exists()
    stack.start_varnish()
    eventually(assert_all_sent, within=10)  # the servers' drainers retry with backoff
    assert "Saved while Varnish was down" in stack.get("/en/companies/jd/")[2]


def assert_all_sent():
    assert not PendingPurge.objects.filter(told=0).exists()  # (each is sent once more later: PURGE_REPEAT_SECONDS)


def test_a_refusing_purge_endpoint_is_retried_until_the_page_is_right(through_varnish):
    stack = through_varnish
    assert "JD" in stack.get("/en/companies/jd/")[2]
    stack.gate.open = False  # Varnish up, its purge endpoint refusing
    jd = Company.objects.get(slug="jd")
    jd.name_en = "Renamed while purges were refused"
    jd.save()
    time.sleep(1.5)
    assert "Renamed while purges were refused" not in stack.get("/en/companies/jd/")[2]  # Varnish still has it
    # The edit's purge waits, refused (the app's own start-up purge of "site" may be waiting beside it)
    assert any("503" in (row.last_error or "") for row in PendingPurge.objects.all())
    stack.gate.open = True
    eventually(lambda: _shows(stack, "/en/companies/jd/", "Renamed while purges were refused"), within=10)


def test_purges_pending_when_the_app_restarts_are_sent_by_the_new_app(through_varnish):
    stack = through_varnish
    stack.get("/en/companies/jd/")
    stack.gate.open = False
    stack.stop_app()
    jd = Company.objects.get(slug="jd")
    jd.name_en = "Pending across a restart"
    jd.save()  # a shell's save: it could not purge, and no server is running to retry
    assert PendingPurge.objects.exists()
    stack.gate.open = True
    stack.start_app()
    eventually(lambda: _shows(stack, "/en/companies/jd/", "Pending across a restart"), within=10)


def _shows(stack, path, text):
    assert text in stack.get(path)[2]


def _hides(stack, path, text):
    assert text not in stack.get(path)[2]


SUFFIXES = itertools.count()


class ReadersThroughVarnish(RuleBasedStateMachine):
    """Random edits, renames, deletes, publishing and unpublishing, links made and removed; after each step every
    watched page, fetched through Varnish, shows what the database holds within a second."""

    stack = None  # set by the test
    baseline = None  # the watched companies as the test found them: each example starts from them

    @classmethod
    def remember_baseline(cls):
        cls.baseline = [
            (Company.objects.filter(pk=company.pk).values().get(), list(company.modes.values_list("pk", flat=True)))
            for company in Company.objects.order_by("pk")[:4]
        ]
        cls.baseline[0][0]["status"] = "draft"  # one to publish: a page that did not show it must learn of it

    @initialize()
    def watch(self):
        for fields, modes in self.baseline:  # as saves, so that the caches hear of them too
            company = Company.objects.filter(pk=fields["id"]).first() or Company(pk=fields["id"])
            for name, value in fields.items():
                setattr(company, name, value)
            company.save()
            company.modes.set(modes)
        self.companies = [fields["id"] for fields, _modes in self.baseline]
        self.modes = list(OperationMode.objects.published().order_by("pk").values_list("pk", flat=True)[:2])
        self.old_addresses = set()
        self.described = {}  # pk: the text edit_text gave it

    def _company(self, index):
        pk = self.companies[index % len(self.companies)]
        return Company.objects.filter(pk=pk).first()

    @rule(index=st.integers(0, 3), words=st.sampled_from(["Alpha", "Beta & Co", "甲乙", "Gamma <b>"]))
    def retitle(self, index, words):
        company = self._company(index)
        if company:
            company.name_en = f"{words} {next(SUFFIXES)}"
            company.save()

    @rule(index=st.integers(0, 3))
    def edit_text(self, index):
        company = self._company(index)
        if company:
            company.description_en = self.described[company.pk] = f"Zq{next(SUFFIXES)} described."
            company.save()

    @rule(index=st.integers(0, 3))
    def rename(self, index):
        company = self._company(index)
        if company:
            self.old_addresses.add(company.get_absolute_url())
            company.slug = f"co-{next(SUFFIXES)}"
            company.save()

    @rule(index=st.integers(0, 3))
    def publish_or_unpublish(self, index):
        company = self._company(index)
        if company:
            company.status = "draft" if company.is_published else "published"
            company.save()

    @rule(index=st.integers(0, 3))
    def delete(self, index):
        company = self._company(index)
        if company and Company.objects.count() > 6:
            self.old_addresses.add(company.get_absolute_url())
            company.delete()

    @rule(index=st.integers(0, 3), mode=st.integers(0, 1))
    def link_or_unlink(self, index, mode):
        company = self._company(index)
        mode = OperationMode.objects.get(pk=self.modes[mode])
        if company:
            (company.modes.remove if company.modes.filter(pk=mode.pk).exists() else company.modes.add)(mode)

    @invariant()
    def pages_show_the_database_within_a_second(self):
        if not hasattr(self, "companies"):
            return
        eventually(self._pages_match)

    def _pages_match(self):
        stack = self.stack
        listing = stack.get("/en/companies/")[2]
        current = set()
        for pk in self.companies:
            company = Company.objects.filter(pk=pk).first()
            if company is None:
                continue
            url = company.get_absolute_url()
            current.add(url)
            status, _, body = stack.get(url)
            if company.is_published:
                assert status == 200 and html.escape(company.name_en) in body, (url, status)
                assert self.described.get(pk, "") in body
                assert f'href="{url}"' in listing
            else:  # no draft is ever served
                assert status == 404, (url, status)
                assert f'href="{url}"' not in listing
        for url in self.old_addresses - current:
            assert stack.get(url)[0] != 200, url  # gone, or a redirect to the record's new address
        for pk in self.modes:
            mode = OperationMode.objects.get(pk=pk)
            body = stack.get(mode.get_absolute_url())[2]
            for company in Company.objects.filter(pk__in=self.companies):
                shown = f'href="{company.get_absolute_url()}"' in body
                assert shown == (company.is_published and company.modes.filter(pk=pk).exists()), (mode, company)

    @invariant()
    def nothing_of_the_staff_area_is_cached(self):
        assert self.stack.get("/admin/")[1]["x-cache"] != "HIT"


def test_readers_through_varnish_see_the_database_within_a_second_whatever_editors_do(through_varnish):
    ReadersThroughVarnish.stack = through_varnish
    ReadersThroughVarnish.remember_baseline()
    run_state_machine_as_test(
        ReadersThroughVarnish,
        settings=settings(
            max_examples=12, stateful_step_count=8, deadline=None, suppress_health_check=[HealthCheck.too_slow]
        ),
    )
