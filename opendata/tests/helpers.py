"""Edits as an editor makes them (a save with a user and a summary), for opendata's tests."""

from django.contrib.auth import get_user_model
from django.utils import translation

EDITOR_NAME = "mallory-editor-login"  # a user name that must never reach a reader


def editor():
    user, _created = get_user_model().objects.get_or_create(username=EDITOR_NAME, defaults={"is_staff": True})
    return user


def edit(record, reason="", user=None, **values):
    """Save `record` with these field values, as `user` (default: an editor) with this change summary."""
    for name, value in values.items():
        setattr(record, name, value)
    record._history_user = user or editor()
    record._change_reason = reason
    record.save()
    return record.history.order_by("-history_date", "-history_id").first()


def page(record, lang):
    """The record's page for a reader of `lang` (a request leaves its language active: never rely on it)."""
    with translation.override(lang):
        return record.get_absolute_url()
