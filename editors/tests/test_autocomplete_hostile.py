"""The relation pickers' search (/admin/autocomplete/) answers any query a signed-in staff member can craft
with results, a 403 or a 404: never a server error. Django's own view resolves a reverse relation named in
the query (`model_name=operationmode&field_name=companies`) and then fails on it."""

import pytest
from django.apps import apps
from django.contrib import admin

HOSTILE_TERMS = ["", "x", "%", "_", "'\"<>&;--", "\x00", "\x1b[2J\r\n", " " * 300]
HOSTILE_TERMS += ["ａ" * 50, "電" * 2000, "\ufffd", "💥"]  # full width, long, a replacement, beyond the BMP
HOSTILE_NAMES = ["", " ", "pk", "id", "__class__", "modes__name", "companies\x00", "../", "💥", "x" * 500]


def relation_fields():
    """(app label, model name, field name) for every relation of every model, both directions."""
    return [
        (model._meta.app_label, model._meta.model_name, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields(include_hidden=True)
        if field.is_relation
    ]


def autocomplete(client, app_label, model_name, field_name, term="x", **extra):
    query = {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term, **extra}
    return client.get("/admin/autocomplete/", query)


@pytest.fixture
def staff_client(admin_client):
    admin_client.raise_request_exception = False  # a server error is a 500 response, as a browser sees it
    return admin_client


@pytest.mark.django_db
def test_every_relation_of_every_model_is_answered_without_a_server_error(staff_client):
    answered = {}
    for app_label, model_name, field_name in relation_fields():
        answered[app_label, model_name, field_name] = autocomplete(staff_client, app_label, model_name, field_name)
    assert [(where, r.status_code) for where, r in answered.items() if r.status_code >= 500] == []
    assert answered["modes", "operationmode", "companies"].status_code == 403  # a reverse relation: no picker


@pytest.mark.django_db
def test_every_picker_of_every_registered_admin_takes_hostile_search_terms(staff_client):
    pickers = [
        (model._meta.app_label, model._meta.model_name, field_name)
        for model, model_admin in admin.site._registry.items()
        for field_name in model_admin.autocomplete_fields
    ]
    assert ("trends", "trend", "companies") in pickers
    for picker in pickers:
        assert autocomplete(staff_client, *picker).status_code == 200, picker
        for term in HOSTILE_TERMS:
            for extra in [{}, {"page": "abc"}, {"page": "-1"}, {"page": "99999999999999999999"}]:
                response = autocomplete(staff_client, *picker, term=term, **extra)
                assert response.status_code < 500, (picker, term, extra)


@pytest.mark.django_db
def test_hostile_app_model_and_field_names_are_refused(staff_client):
    for name in HOSTILE_NAMES:
        for query in [
            ("trends", "trend", name),
            ("trends", name, "companies"),
            (name, "trend", "companies"),
            ("modes", "operationmode", name),
        ]:
            assert autocomplete(staff_client, *query).status_code in (403, 404), query
