"""Save clicked twice (four identical POSTs at once, at a real server with several workers): one redirect is added,
the other answers are forms saying it exists; no 500 (an IntegrityError on PostgreSQL, before content.locking)."""

import pytest
from django.contrib.auth.models import User

from conftest import session_for
from editors.tests.test_concurrent_saves import at_once
from redirects.models import Redirect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.long_running]


def test_a_double_clicked_save_adds_one_redirect_and_no_server_error(production_server):
    site = production_server(workers=4)
    session = session_for(User.objects.create_superuser("ada", password="a-long-test-password"))
    for round_ in range(4):
        data = {"old_path": f"/an-old-address-{round_}", "to": "/modes/b2c/"}
        answers = at_once(site, *[("/admin/redirects/redirect/add/", data, session)] * 4)
        assert sorted(status for status, _location, _body in answers) == [200, 200, 200, 302]
        assert Redirect.objects.filter(old_path=f"/an-old-address-{round_}").count() == 1
