"""Every page a reader reads, and its readable text, for the reviewed-text and typography tests."""

import re

from django.urls import reverse
from django.utils import translation

from content.registry import content_kinds
from pages.tests.helpers import _VisibleText

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def reader_urls(language):
    """The home page, each kind's list, and every published record with a page of its own, in `language`."""
    with translation.override(language):
        urls = [reverse("home")]
        for kind in content_kinds():
            urls.append(reverse(kind.list_url_name))
            if kind.has_own_pages:
                urls += [record.get_absolute_url() for record in kind.model.objects.published().order_by("pk")]
        side_by_side = [url + "side-by-side/" for url in urls if _is_record_page(url)]
    return list(dict.fromkeys(urls + side_by_side))


def _is_record_page(url):
    return url.count("/") == 4 and not url.endswith(("/modes/", "/trends/", "/companies/"))


def readable_text(html, language):
    """The page's <title>, then each piece of visible text in the page's language, in order (whitespace folded)."""
    parser = _VisibleText(language)
    parser.feed(html)
    title = _TITLE.search(html)
    pieces = [" ".join(title.group(1).split())] if title else []
    pieces += [" ".join(chunk.split()) for chunk in parser.chunks]
    return [piece for piece in pieces if piece]
