"""sitemap.xml: every page readers may see, in every language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from modes.models import Company, OperationMode
from trends.models import Trend


class TranslatedSitemap(Sitemap):
    i18n = True  # one <url> per language…
    alternates = True  # …each listing the page in every language (xhtml:link hreflang)
    x_default = True


class SectionSitemap(TranslatedSitemap):
    """The home page and the three lists."""

    def items(self):
        return ["home", "modes:mode_list", "trends:trend_list", "modes:company_list"]

    def location(self, item):
        return reverse(item)


class RecordSitemap(TranslatedSitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, record):
        return record.updated_at


class ModeSitemap(RecordSitemap):
    model = OperationMode


class TrendSitemap(RecordSitemap):
    model = Trend


class CompanySitemap(RecordSitemap):
    model = Company


SITEMAPS = {
    "sections": SectionSitemap,
    "modes": ModeSitemap,
    "trends": TrendSitemap,
    "companies": CompanySitemap,
}
