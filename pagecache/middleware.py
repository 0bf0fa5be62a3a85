"""Whole-page cache for anonymous readers, emptied the moment an editor saves.

Every cache key holds the content *generation*: a token replaced whenever a record readers
may see (OperationMode, Company, Trend — any `Publishable`, draft or not) is saved or deleted,
its relations change, or `migrate` runs (every deploy). Pages cached under the old token are
never read again, so a save by any path (admin, history restore, seed, a shell) shows at once,
on every worker and every app server that shares the cache. The token lives in the shared
cache (Redis), or, with the one-machine file cache, as a marker file beside it (a stat()
per request instead of a cache round trip).

Failing safe: a change whose new generation cannot be written (Redis full or down, a cache
directory that is read-only or full) is refused (content.signals.ChangeRefused): editors get a
form error, a shell or `seed` an error, and readers keep seeing what the database still holds.
If renewing fails only after the change committed, the generation is forgotten instead, and
with no known generation pages are served fresh, not from the cache, until one can be written.

Cached: GET of a 200 response to a visitor without a session cookie or credentials, whose
response sets no cookie and is not marked private, no-cache or no-store (the admin and any
`never_cache` view are). The key is scheme + host + path + query string; the language is
the path's prefix, so every language, page and search has its own entry. Each worker keeps
its own copy of the pages it served (LocalPages), so a hit costs no cache round trip.
"""

import hashlib
import logging
import os
import tempfile
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, set_response_etag
from django.utils.translation import gettext

from content.models import Publishable
from content.signals import ChangeRefused, content_will_change

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


class CacheGeneration:
    """The generation token kept in the cache itself: shared by every server using that cache (Redis)."""

    def current(self):
        """The token, or None when none can be kept (then nothing is served from the cache)."""
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            generation = cache.get(GENERATION_KEY)
        return generation

    def renew(self):
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)  # raises when refused: a full Redis answers OOM

    def forget(self):
        cache.delete(GENERATION_KEY)  # allowed even when Redis is full: deleting frees memory


class FileGeneration:
    """The generation as a marker file beside a file-based cache: one stat() per request.

    Every worker on the machine sees a new marker (a new inode, put in place atomically)
    the moment one of them renews it.
    """

    def __init__(self, directory):
        self.path = os.path.join(directory, "pagecache-generation")

    def current(self):
        try:
            marker = os.stat(self.path)
        except FileNotFoundError:
            try:
                self.renew()
                marker = os.stat(self.path)
            except OSError:
                return None  # no generation can be kept: serve without the cache
        return f"{marker.st_ino}-{marker.st_mtime_ns}"

    def renew(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=os.path.dirname(self.path))
        os.write(fd, uuid.uuid4().bytes)
        os.close(fd)
        os.replace(temporary, self.path)

    def forget(self):
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass


_store = (None, None)  # (the cache settings it was made for, the store)


def _generation_store():
    global _store
    config = settings.CACHES["default"]
    if _store[0] is not config:
        made = FileGeneration(config["LOCATION"]) if config["BACKEND"].endswith("FileBasedCache") else CacheGeneration()
        _store = (config, made)
    return _store[1]


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


def current_generation():
    return _generation_store().current()


def renew_or_refuse():
    """A new generation now, or refuse the change being made (its transaction then rolls back)."""
    try:
        _generation_store().renew()
    except Exception as error:
        log.exception("page cache: could not start a new generation; refusing the change")
        raise ChangeRefused(
            gettext(
                "Nothing was saved: the page cache could not be emptied (%(error)s), so readers would "
                "have gone on seeing the old pages. Try again in a minute; if this goes on, tell the "
                "site's operator (README, “Production”)."
            )
            % {"error": error.__class__.__name__}
        ) from error


def _renew_after_commit():
    try:
        _generation_store().renew()
    except Exception:
        log.exception("page cache: could not renew the generation after a save; forgetting it instead")
        try:
            _generation_store().forget()
        except Exception:
            log.critical("page cache: could neither renew nor forget the generation; readers may see old pages")


def start_new_generation():
    """Forget every cached page (they stay in the cache until they expire, but are never read).

    Now, and again when the transaction commits: a page rendered in between from the
    not-yet-committed database would otherwise be cached under the new generation.
    """
    renew_or_refuse()
    transaction.on_commit(_renew_after_commit)


@receiver(content_will_change)
def _content_will_change(sender, **kwargs):
    renew_or_refuse()  # an editor's form: a refusal is a form error, the text stays


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
    _renew_after_commit()  # a deploy runs migrate: templates and static file names may have changed


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
            entry = (response.content, dict(response.headers._store))
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
        # page2: entries are (content, header store)
        return f"pagecache:page2:{generation}:{hashlib.sha256(url.encode('utf-8', 'surrogateescape')).hexdigest()}"

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
        response = HttpResponse(content)
        response.headers._store = dict(headers)  # stored already checked and encoded: no need to redo it
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        return response
