"""Helpers for tests that work an admin change form the way an editor's browser does."""

from django.urls import reverse


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
