from django.conf import settings

from .languages import alternates, html_lang


def languages(request):
    return {
        "html_lang": html_lang(),
        "language_alternates": alternates(request),
        "source_article": settings.SOURCE_ARTICLE,
        # The page's one address: no query string, so ?utm_… or ?page=… copies are not separate pages.
        "canonical_url": request.build_absolute_uri(request.path),
    }
