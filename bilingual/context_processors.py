from django.conf import settings
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject

from .chinese import reading_simplified, to_simplified_cached
from .languages import alternates, html_lang


def languages(request):
    return {
        "html_lang": html_lang(),
        # Worked out only if the page is rendered: a page kept whole (content.templatetags.fragments) never asks.
        "language_alternates": SimpleLazyObject(lambda: alternates(request)),
        "source_article": (
            {key: to_simplified_cached(value) for key, value in settings.SOURCE_ARTICLE.items()}
            if reading_simplified()
            else settings.SOURCE_ARTICLE
        ),
        # The page's one address: no query string, so ?utm_… or ?page=… copies are not separate pages.
        "canonical_url": request.build_absolute_uri(escape_uri_path(request.path)),
    }
