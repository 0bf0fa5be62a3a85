"""Where an old address leads now: the one look-up readers' 404s and translators' commands share."""

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch
from django.utils import translation

from . import paths
from .models import Redirect


def new_location(requested_path, lang):
    """The URL (in `lang`) a reader asking for `requested_path` (a path without its language) is sent to, or None.

    One query for the path and its parents: a record's redirect also leads its other pages (`…/side-by-side/`)
    to the same page of the record; a redirect to an address leads that address only. A redirect to a draft,
    or to a record since deleted, leads nowhere (the 404 stands).
    """
    path = paths.normalise(requested_path)
    found = {row.old_path: row for row in Redirect.objects.filter(old_path__in=paths.candidates(path))}
    for old_path in paths.candidates(path):  # longest first
        redirect = found.get(old_path)
        if redirect is None:
            continue
        if redirect.record_key is None:
            return paths.in_language(redirect.target_path, lang) if old_path == path else None
        record = redirect.target_record()
        if record is None:
            return None
        with translation.override(lang):
            url = record.get_absolute_url()
        rest = path[len(old_path) :]  # "" or e.g. "/side-by-side"
        return url if not rest else url.rstrip("/") + rest + ("/" if requested_path.endswith("/") else "")
    return None


def record_formerly_at(model, slug):
    """The record of `model` that had `slug` before a rename (or that an editor's redirect names), else None."""
    try:
        old_path = paths.record_path(model(slug=slug))
    except NoReverseMatch:  # not a slug at all (a name typed on the command line)
        return None
    if old_path is None:
        return None
    redirect = Redirect.objects.filter(old_path=old_path, content_type=ContentType.objects.get_for_model(model))
    redirect = redirect.first()
    return redirect.target_record(published_only=False) if redirect is not None else None
