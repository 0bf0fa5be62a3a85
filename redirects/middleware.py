"""A reader's 404 at an old address becomes a 301 to where it leads now (redirects.lookup)."""

import logging

from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect

from . import paths
from .lookup import new_location

logger = logging.getLogger(__name__)


class RedirectMiddleware:
    """Only 404s of readers' pages (a language prefix, GET or HEAD) are looked up: one indexed query each.

    Placed after LocaleMiddleware, so a path without its language has been sent to one already. Should the
    database fail, the 404 stands (the error pages need no database)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        lang, path = paths.split_language(request.path_info)
        if lang is None:
            return response
        try:
            location = new_location(path, lang)
        except DatabaseError:
            logger.warning("redirects not looked up: the database failed", exc_info=True)
            return response
        if location is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        # No cache keeps it (pagecache.headers: private, no-store): a record may yet take this address, and wins.
        return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)
