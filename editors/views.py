"""Editors' preview: a record's public page, drafts included, for staff only (mounted under /admin/)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import resolve
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control


def preview(request, obj, lang):
    """Render `obj` with its public view and template in `lang`, as readers would see it once published."""
    if lang not in settings.MODELTRANSLATION_LANGUAGES:
        raise Http404
    with translation.override(lang):
        match = resolve(urlsplit(obj.get_absolute_url()).path)  # a paragraph's address ends in #anchor
        view = match.func.view_class.as_view(include_drafts=True)
        response = view(request, *match.args, **match.kwargs)
        response.render()
    # Never stored by a browser or a shared cache: a draft must not leak from a cache to readers.
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response
