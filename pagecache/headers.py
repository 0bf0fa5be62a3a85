"""What shared caches (Varnish, a CDN) may keep, for how long, and under which surrogate keys.

A reader's page — a GET answered 200 by a view marked public (ecomkb/urls.py), to a request without a session
or credentials, setting no cookie and not marked private by its view — is sent with

    Cache-Control: public, max-age=<HTTP_CACHE_BROWSER_SECONDS>, s-maxage=<HTTP_CACHE_SECONDS>,
                   stale-while-revalidate=<HTTP_CACHE_STALE_SECONDS>

and its surrogate keys (content.cache), spelled for each kind of cache: `xkey` (Varnish's vmod xkey),
`Surrogate-Key` (Fastly), `Cache-Tag` (Cloudflare). Browsers, which nobody can purge, keep it briefly; shared
caches keep it long, because every change purges exactly the pages it touches (pagecache.purges). Serving a page
past its s-maxage while it is fetched again is safe for the same reason: an expired page is still right.

A page answering a query other than a list's page (`?page=`, `?after=`, `?before=`: content.views) — a search —
lists records by their text: it carries every kind's keys and is kept only HTTP_CACHE_QUERY_SECONDS. Everything
else — the staff area, sign-in, forms, previews, redirects, errors, anything with a cookie — is `private, no-store`:
no shared cache keeps it.
"""

from django.conf import settings
from django.utils.cache import cc_delim_re

from content.cache import collect, every_kind_key
from content.views import PAGE_PARAMETERS

UNCACHEABLE = "private, no-store"


class SurrogateKeyMiddleware:
    """Just after PageCacheMiddleware: the page cache stores these headers with the page, so a page it serves
    carries them too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        with collect() as page:
            response = self.get_response(request)
        if not self._shareable(request, response):
            if request.resolver_match is None and response.has_header("Cache-Control"):
                return response  # answered before any view, with its own rules: static files (whitenoise)
            if not response.has_header("Cache-Control") or not _directives(response) & {"private", "no-store"}:
                response["Cache-Control"] = UNCACHEABLE
            return response
        keys = page.keys()
        seconds = settings.HTTP_CACHE_SECONDS
        if set(request.GET) - PAGE_PARAMETERS:
            keys |= every_kind_key()
            seconds = min(seconds, settings.HTTP_CACHE_QUERY_SECONDS)
        response["Cache-Control"] = (
            f"public, max-age={min(settings.HTTP_CACHE_BROWSER_SECONDS, seconds)}, s-maxage={seconds}, "
            f"stale-while-revalidate={settings.HTTP_CACHE_STALE_SECONDS}"
        )
        spelled = " ".join(sorted(keys))
        response["xkey"] = response["Surrogate-Key"] = spelled
        response["Cache-Tag"] = spelled.replace(" ", ",")
        return response

    def _shareable(self, request, response):
        match = request.resolver_match
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and self.session_cookie not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and match is not None
            and getattr(match.func, "login_required", True) is False  # Django's public mark (ecomkb/urls.py)
            and not _directives(response) & {"private", "no-store", "no-cache"}
        )


def _directives(response):
    return {d.strip().split("=")[0].lower() for d in cc_delim_re.split(response.get("Cache-Control", "")) if d}
