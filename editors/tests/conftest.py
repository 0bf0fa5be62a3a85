"""Editors, staff without the role, and a helper that fills an admin form the way a browser would."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from editors.roles import EDITOR_GROUP


@pytest.fixture
def editor(db):
    user = User.objects.create_user("erin", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def second_editor_client(editor, client_class=None):
    from django.test import Client

    other = User.objects.create_user("sam", password="another-long-test-password", is_staff=True)
    other.groups.add(Group.objects.get(name=EDITOR_GROUP))
    second = Client()
    second.force_login(other)
    return second


def change_url(record):
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])


def form_data(response):
    """The change form's current values as POST data (what pressing Save without edits sends)."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = value
    return data


def open_form(client, record):
    response = client.get(change_url(record))
    assert response.status_code == 200
    return form_data(response)


def save(client, record, data):
    """POST the change form; returns the response (302 when saved, 200 with errors when refused)."""
    return client.post(change_url(record), data)


def form_errors(response):
    form = response.context["adminform"].form
    return {name: [str(error) for error in errors] for name, errors in form.errors.items()}
