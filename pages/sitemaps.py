"""The sitemap: an index (/sitemap.xml) of pages of at most SITEMAP_LIMIT URLs, every public page in every
language, each with its hreflang alternates."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.urls import reverse

from content.counts import published_count
from content.registry import content_kinds

# URLs on one page of the sitemap (the protocol allows 50,000): a page stays a small, quick read.
SITEMAP_LIMIT = 2000


class TranslatedSitemap(Sitemap):
    i18n = True  # one <url> per language…
    alternates = True  # …each listing the page in every language (xhtml:link hreflang)
    x_default = True
    limit = SITEMAP_LIMIT

    @property
    def languages(self):
        """Sitemap.languages (Django's documented attribute): every language of the site, read when asked."""
        return [code for code, _name in settings.LANGUAGES]


class SectionSitemap(TranslatedSitemap):
    """The home page and the list of each kind of content."""

    def items(self):
        return ["home", *(kind.list_url_name for kind in content_kinds())]

    def location(self, item):
        return reverse(item)


class _RecordsInEveryLanguage:
    """(record, language) pairs of a queryset, as Django's i18n sitemap pages them, read from the database a
    page at a time (Django's own Sitemap builds the whole list of pairs for every page it serves)."""

    def __init__(self, records, languages):
        self.records, self.languages = records, languages

    def count(self):  # every published record of the kind: its kept count (content.counts)
        return published_count(self.records.model) * len(self.languages)

    def __getitem__(self, window):
        per = len(self.languages)
        first, stop = window.start // per, -(-window.stop // per)
        pairs = [(record, lang) for record in self.records[first:stop] for lang in self.languages]
        return pairs[window.start - first * per : window.stop - first * per]


class RecordSitemap(TranslatedSitemap):
    """Every published record of one kind of content (subclassed per kind: the view makes one per request), in
    its model's order (Meta.ordering), which a unique or a (status, …) index serves: a page of the sitemap is a
    walk along an index, never a sort of every record."""

    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at", "status")

    @property
    def paginator(self):
        return Paginator(_RecordsInEveryLanguage(self.items(), self.languages), self.limit)

    def lastmod(self, record):
        return record.updated_at

    def get_latest_lastmod(self):
        return None  # the index would otherwise read every record for the newest date


def sitemaps():
    """The sections, then one sitemap per kind of content (keyed by its model name)."""
    return {
        "sections": SectionSitemap,
        **{
            kind.model._meta.model_name: type(f"{kind.model.__name__}Sitemap", (RecordSitemap,), {"model": kind.model})
            for kind in content_kinds()
            if kind.has_own_pages  # a paragraph of the article is on the article page, listed as a section
        },
    }
