"""Whole-page cache for anonymous readers, emptied the moment an editor saves.

Every cache key holds the content generation (pagecache.generation), replaced whenever content
changes (pagecache.signals), so a change by any path shows at once on every worker and server.

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

from .generation import current_generation

log = logging.getLogger(__name__)


class LocalPages:
    """This worker's own copy of the pages it served lately: a hit costs no cache round trip.

    Keys hold the generation, so a renewed generation makes every copy unreachable; the
    copies are dropped wholesale when they pass a size bound.
    """

    MAX_BYTES = 32 * 1024 * 1024

    def __init__(self):
        self.pages, self.size = {}, 0

    def get(self, key):
        return self.pages.get(key)

    def put(self, key, entry):
        if self.size > self.MAX_BYTES:
            self.pages, self.size = {}, 0
        self.pages[key] = entry
        self.size += len(entry[0])


local_pages = LocalPages()


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
            local_key = (generation, url)
            cached = local_pages.get(local_key)
            if cached is None:
                cached = cache.get(self._shared_key(local_key))
                if cached is not None:
                    local_pages.put(local_key, cached)
        except _Uncacheable:
            return self.get_response(request)
        except Exception:
            log.exception("page cache: read failed, serving without it")
            return self.get_response(request)
        if cached is not None:
            return self._from_cache(request, *cached)

        response = self.get_response(request)
        if request.method == "GET" and self._cacheable_response(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            entry = (response.content, list(response.items()))
            local_pages.put(local_key, entry)
            try:
                cache.set(self._shared_key(local_key), entry, settings.PAGE_CACHE_SECONDS)
            except Exception:
                log.exception("page cache: write failed")
        return response

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
    def _shared_key(local_key):
        generation, url = local_key
        # page3: entries are (content, [(header, value), …])
        return f"pagecache:page3:{generation}:{hashlib.sha256(url.encode('utf-8', 'surrogateescape')).hexdigest()}"

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
