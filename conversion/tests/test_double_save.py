"""Save clicked twice (four identical POSTs at once, at a real server with several workers): one rule is added, the
other answers are forms saying it exists; no 500 (an IntegrityError on PostgreSQL, before content.locking)."""

import pytest
from django.contrib.auth.models import User

from conftest import session_for
from conversion.models import ConversionRule
from editors.tests.test_concurrent_saves import at_once

ROUNDS = [("蘋果樹", "苹果树"), ("蘋果園", "苹果园"), ("蘋果醬", "苹果酱"), ("蘋果派", "苹果派")]
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.long_running]


def test_a_double_clicked_save_adds_one_rule_and_no_server_error(production_server):
    site = production_server(workers=4)
    session = session_for(User.objects.create_superuser("ada", password="a-long-test-password"))
    for traditional, simplified in ROUNDS:
        data = {"traditional": traditional, "simplified": simplified, "note": ""}
        answers = at_once(site, *[("/admin/conversion/conversionrule/add/", data, session)] * 4)
        assert sorted(status for status, _location, _body in answers) == [200, 200, 200, 302]
        assert ConversionRule.objects.filter(traditional=traditional).count() == 1
