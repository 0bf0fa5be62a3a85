"""`?_to_field=` (empty) on any admin page: a 400, not the 500 Django's admin gave on every change page."""

from django.urls import resolve

from accounts.staff_area import is_public
from accounts.testing import every_url_pattern


def test_an_empty_to_field_is_refused_on_every_admin_page(admin_client):
    answers = {}
    for path, _ in every_url_pattern():
        if path.startswith("/admin/") and "logout" not in path and not is_public(resolve(path).func):
            answers[path] = admin_client.get(path, {"_to_field": ""}).status_code
    assert answers["/admin/modes/operationmode/1/change/"] == 400
    assert {path: code for path, code in answers.items() if code >= 500} == {}
