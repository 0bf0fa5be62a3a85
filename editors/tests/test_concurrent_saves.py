"""Saves that arrive at the same moment, at a real server with several worker processes, on the
suite's database (SQLite file or PostgreSQL): one wins, the other is told, nothing is lost, no 500."""

import threading

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from accounts.testing import sign_in_verified
from conftest import session_for
from editors.roles import EDITOR_GROUP
from editors.tests.admin_forms import change_url, open_form
from modes.models import Company
from trends.models import Trend

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.long_running]

ROUNDS = 4
CONFLICT = "Your changes were not saved"


def at_once(site, *requests):
    """POST (path, data, session) requests from threads released together; their answers in order."""
    barrier, results = threading.Barrier(len(requests)), [None] * len(requests)

    def run(index, path, data, session):
        barrier.wait()
        results[index] = site.request(path, data, session)

    threads = [threading.Thread(target=run, args=(index, *request)) for index, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def editors():
    group = Group.objects.get(name=EDITOR_GROUP)
    people = []
    for name in ("erin", "sam"):
        user = User.objects.create_user(name, password="a-long-test-password", is_staff=True)
        user.groups.add(group)
        client = Client()
        sign_in_verified(client, user)
        people.append((session_for(user), client))
    return people


def test_two_editors_saving_one_record_at_once_get_one_success_and_one_conflict_message(production_server, editors):
    site = production_server(workers=2)
    (erin, erin_client), (sam, sam_client) = editors
    trend = Trend.objects.get(number=5)
    url = change_url(trend)
    for round_ in range(ROUNDS):
        versions_before = trend.history.count()
        erin_data = open_form(erin_client, trend) | {"title_en": f"Erin's title {round_}"}
        sam_data = open_form(sam_client, trend) | {"title_en": f"Sam's title {round_}"}
        results = at_once(site, (url, erin_data, erin), (url, sam_data, sam))

        statuses = sorted(status for status, _location, _body in results)
        assert statuses == [200, 302], [(status, body[-2000:]) for status, _location, body in results if status >= 500]
        assert [location for status, location, _body in results if status == 302] == ["/admin/trends/trend/"]
        (refused,) = [body for status, _location, body in results if status == 200]
        assert CONFLICT in refused
        winner = "Erin" if results[0][0] == 302 else "Sam"
        trend.refresh_from_db()
        assert trend.title_en == f"{winner}'s title {round_}"
        assert trend.history.count() == versions_before + 1


def test_a_double_click_on_save_saves_once_and_explains_the_second(production_server, editors):
    site = production_server(workers=2)
    (erin, erin_client), _sam = editors
    company = Company.objects.get(slug="jd")
    for round_ in range(ROUNDS):
        data = open_form(erin_client, company) | {"description_en": f"JD, revised {round_}."}
        results = at_once(site, *[(change_url(company), data, erin)] * 2)
        assert sorted(status for status, _location, _body in results) == [200, 302]
        company.refresh_from_db()
        assert company.description_en == f"JD, revised {round_}."


def test_two_editors_saving_different_records_at_once_both_succeed(production_server, editors):
    site = production_server(workers=2)
    (erin, erin_client), (sam, sam_client) = editors
    for round_ in range(ROUNDS):
        first, second = Trend.objects.get(number=2), Company.objects.get(slug="tmall")
        erin_data = open_form(erin_client, first) | {"summary_en": f"Summary {round_}."}
        sam_data = open_form(sam_client, second) | {"description_en": f"Tmall {round_}."}
        results = at_once(site, (change_url(first), erin_data, erin), (change_url(second), sam_data, sam))
        assert [status for status, _location, _body in results] == [302, 302]
    assert Trend.objects.get(number=2).summary_en == f"Summary {ROUNDS - 1}."
    assert Company.objects.get(slug="tmall").description_en == f"Tmall {ROUNDS - 1}."


def test_two_editors_adding_the_same_slug_at_once_get_one_record_and_one_form_error(production_server, editors):
    site = production_server(workers=2)
    (erin, _erin_client), (sam, _sam_client) = editors
    for round_ in range(ROUNDS):
        slug = f"pinduoduo-{round_}"
        data = {
            "status": "draft",
            "slug": slug,
            "name_en": "Pinduoduo",
            "name_zh_hant": "拼多多",
            "description_en": "",
            "description_zh_hant": "",
            "website": "",
            "opened_version": "0",
        }
        results = at_once(site, ("/admin/modes/company/add/", data, erin), ("/admin/modes/company/add/", data, sam))
        statuses = sorted(status for status, _location, _body in results)
        assert statuses == [200, 302], [body[-2000:] for status, _location, body in results if status >= 500]
        (refused,) = [body for status, _location, body in results if status == 200]
        assert "Company with this Slug already exists." in refused
        assert Company.objects.filter(slug=slug).count() == 1
