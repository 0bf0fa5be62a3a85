"""sitemap.xml: every page readers may see, in every language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from content.registry import content_kinds


class TranslatedSitemap(Sitemap):
    i18n = True  # one <url> per language…
    alternates = True  # …each listing the page in every language (xhtml:link hreflang)
    x_default = True


class SectionSitemap(TranslatedSitemap):
    """The home page and the list of each kind of content."""

    def items(self):
        return ["home", *(kind.list_url_name for kind in content_kinds())]

    def location(self, item):
        return reverse(item)


class RecordSitemap(TranslatedSitemap):
    """Every published record of one kind of content (subclassed per kind: the view makes one per request)."""

    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, record):
        return record.updated_at


def sitemaps():
    """The sections, then one sitemap per kind of content (keyed by its model name)."""
    return {
        "sections": SectionSitemap,
        **{
            kind.model._meta.model_name: type(f"{kind.model.__name__}Sitemap", (RecordSitemap,), {"model": kind.model})
            for kind in content_kinds()
        },
    }
