"""Whole-page cache for anonymous readers, emptied the moment an editor saves.

Every cache key holds the content *generation*: a token kept in the cache itself, replaced
whenever a published-or-not record (OperationMode, Company, Trend — any `Publishable`) is
saved or deleted, its relations change, or `migrate` runs (every deploy). Pages cached under
the old token are never read again, so a save by any path (admin, history restore, seed,
a shell) shows at once, on every worker and every app server that shares the cache.

Cached: GET of a 200 response to a visitor without a session cookie, whose response sets
no cookie and is not marked private or no-store (the admin and any `never_cache` view are).
The key is scheme + host + full path with query string + language, so every language,
page and search has its own entry.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, set_response_etag
from django.utils.translation import get_language_from_path

from ecomkb.models import Publishable

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _new_generation():
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # a cache server that is down must not stop an editor's save
        log.exception("page cache: could not start a new generation")


def start_new_generation():
    """Forget every cached page (they stay in the cache until they expire, but are never read).

    Now, and again when the transaction commits: a page rendered in between from the
    not-yet-committed database would otherwise be cached under the new generation.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


@receiver(post_save)
@receiver(post_delete)
def _content_saved(sender, **kwargs):
    if issubclass(sender, Publishable):
        start_new_generation()


@receiver(m2m_changed)
def _relations_changed(sender, instance, model, action, **kwargs):
    if action.startswith("post_") and (isinstance(instance, Publishable) or issubclass(model, Publishable)):
        start_new_generation()


@receiver(post_migrate)
def _migrated(sender, **kwargs):
    start_new_generation()  # a deploy runs migrate: templates and static file names may have changed


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & {"private", "no-store", "no-cache"}


def _page_key(request, generation):
    language = get_language_from_path(request.path_info) or ""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{language}|{url}".encode()).hexdigest()
    return f"pagecache:page:{generation}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        try:
            key = _page_key(request, current_generation())
            cached = cache.get(key)
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 further down
        except Exception:
            log.exception("page cache: read failed, serving without it")
            return self.get_response(request)
        if cached is not None:
            content, headers = cached
            return HttpResponse(content, headers=headers)

        response = self.get_response(request)
        if request.method == "GET" and _cacheable_response(response):
            set_response_etag(response)  # ConditionalGetMiddleware answers repeat visits with 304
            try:
                cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
            except Exception:
                log.exception("page cache: write failed")
        return response
