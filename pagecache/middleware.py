"""Whole-page cache for anonymous readers; an editor's save makes stale exactly the pages that show what changed.

Each page is kept with the surrogate keys it was rendered with (the xkey header, pagecache.headers) and stamped
with the page cache's generation read before it was rendered (pagecache.generation). A later generation serves
it still when no step since its stamp purged one of its keys, so an edit of one company re-renders only the
pages that show it; a change by any path shows at once on every worker and server. A page without keys is
stale after any change.

When no generation is known good (pagecache.generation, "Failing safe"), pages are served fresh.

Cached: GET of a 200 response to a visitor without a session cookie or credentials, whose
response sets no cookie and is not marked private, no-cache or no-store (the admin and any
`never_cache` view are). The key is scheme + host + path + query string; the language is
the path's prefix, so every language, page and search has its own entry. Each worker keeps
its own copy of the pages it served (LocalPages), so a hit costs no cache round trip.
"""

import hashlib
import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, set_response_etag

from content.cache import cache

from .generation import LONGEST_WALK, current_generation, purged_since

log = logging.getLogger(__name__)


class LocalPages:
    """This worker's own copy of the pages it served lately: a hit costs no cache round trip.

    Entries are checked against the generation as the shared cache's are; the copies are dropped wholesale when
    they pass a size bound.
    """

    MAX_BYTES = 32 * 1024 * 1024

    def __init__(self):
        self.pages, self.size = {}, 0

    def get(self, url):
        return self.pages.get(url)

    def put(self, url, entry):
        if self.size > self.MAX_BYTES:
            self.pages, self.size = {}, 0
        replaced = self.pages.get(url)
        self.pages[url] = entry
        self.size += len(entry[0]) - (len(replaced[0]) if replaced else 0)


local_pages = LocalPages()


def still_good(entry, generation):
    """The entry (content, headers, keys, stamp) stamped `generation` if no step since its stamp purged one of
    its keys; None if one did, or if that cannot be told."""
    content, headers, keys, stamp = entry
    if stamp == generation:
        return entry
    purged = purged_since(stamp, generation)
    if purged is None or (purged and (keys is None or not purged.isdisjoint(keys))):
        return None
    return (content, headers, keys, generation)


class _Uncacheable(Exception):
    pass


class PageCacheMiddleware:
    """First in MIDDLEWARE: a cached page is answered before any other middleware runs.

    What the rest of the stack adds (security headers, CSP, ETag) is stored with the page;
    HSTS differs between http and https, and the scheme is part of the key.
    """

    def __init__(self, get_response):
        if settings.PAGE_CACHE_SECONDS <= 0:
            raise MiddlewareNotUsed("page cache off (PAGE_CACHE_SECONDS=0, or debug on)")
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        try:
            url = self._url(request)
            generation = current_generation()
            if generation is None:
                raise _Uncacheable  # not known good: every reader gets the database's answer
            cached = self._cached(url, generation)
        except _Uncacheable:
            return self.get_response(request)
        except Exception:
            log.exception("page cache: read failed, serving without it")
            return self.get_response(request)
        if cached is not None:
            return self._from_cache(request, *cached[:2])

        response = self.get_response(request)
        if request.method == "GET" and self._cacheable_response(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            keys = frozenset(response["xkey"].split()) if response.has_header("xkey") else None
            entry = (response.content, list(response.items()), keys, generation)  # stamped before it rendered
            local_pages.put(url, entry)
            try:
                cache.set(self._shared_key(url), entry, settings.PAGE_CACHE_SECONDS)
            except Exception:
                log.exception("page cache: write failed")
        return response

    def _cached(self, url, generation):
        """The page kept for `url` if it is still good under `generation`: this worker's copy, else the shared one."""
        local = local_pages.get(url)
        entry = still_good(local, generation) if local is not None else None
        if entry is None:
            shared = cache.get(self._shared_key(url))
            entry = still_good(shared, generation) if shared is not None else None
            if entry is not None and generation - shared[3] > LONGEST_WALK // 2:
                cache.set(self._shared_key(url), entry, settings.PAGE_CACHE_SECONDS)  # before its stamp is too old
        if entry is not None and entry is not local:
            local_pages.put(url, entry)
        return entry

    def _cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and self.session_cookie not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(self.static_prefix)
        )

    def _url(self, request):
        """Scheme, host as sent, path and query string as sent; the language is the path's prefix
        (for a path without one, such as sitemap.xml, the browser's language preferences count)."""
        meta = request.META
        secure = request.is_secure()
        if not secure and settings.SECURE_SSL_REDIRECT:
            raise _Uncacheable  # SecurityMiddleware redirects it to https
        path = meta.get("PATH_INFO", "")
        host = meta.get("HTTP_HOST") or f"{meta.get('SERVER_NAME', '')}:{meta.get('SERVER_PORT', '')}"
        url = f"{'https' if secure else 'http'}://{host}{path}?{meta.get('QUERY_STRING', '')}"
        prefix = path.split("/", 2)[1] if path.count("/") else ""
        if prefix not in self.languages:
            url += f"|{meta.get('HTTP_ACCEPT_LANGUAGE', '')}|{request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, '')}"
        return url

    @staticmethod
    def _shared_key(url):
        # page4: entries are (content, [(header, value), …], surrogate keys or None, generation stamp)
        return f"pagecache:page4:{hashlib.sha256(url.encode('utf-8', 'surrogateescape')).hexdigest()}"

    @staticmethod
    def _cacheable_response(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        try:
            request.get_host()  # only a host the site accepts gets an entry under its name
        except DisallowedHost:
            return False
        directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
        return not directives & {"private", "no-store", "no-cache"}

    @staticmethod
    def _from_cache(request, content, headers):
        response = HttpResponse(content, headers=headers)
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        return response
