from django.db.models import Prefetch
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.views.generic import DetailView, TemplateView

from modes.models import Company, OperationMode
from trends.models import Trend

from .bilingual import parallel_rows
from .search import Query, search_published


class PublishedMixin:
    """Readers' views list and show published records only; drafts are a 404."""

    include_drafts = False  # True only for editors' preview, which is mounted under /admin/ (editors/views.py)

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.include_drafts else queryset.published()


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        modes = OperationMode.objects.published()
        return super().get_context_data(
            modes=modes,
            published_mode_slugs={mode.slug for mode in modes},  # the mode map links only these
            trends=Trend.objects.published(),
            companies=Company.objects.published().prefetch_related(
                Prefetch("modes", queryset=OperationMode.objects.published())
            ),
            **kwargs,
        )


class SearchView(TemplateView):
    """/<lang>/search/?q=…: published modes, trends and companies matching the words, by kind."""

    template_name = "search.html"
    # Shown on the empty search page: one query in each language and script, and a Chinese substring.
    examples = [("B2B", "en"), ("supply chain", "en"), ("供應鏈", "zh-Hant"), ("供应链", "zh-Hans"), ("物流", "zh-Hant")]

    def get_context_data(self, **kwargs):
        query = Query.parse(self.request.GET.get("q", ""))
        groups = search_published(query) if query else []
        return super().get_context_data(
            query=query,
            search_query=query.text,
            groups=groups,
            total=sum(group.count for group in groups),
            search_examples=self.examples,
            **kwargs,
        )


class SideBySideView(PublishedMixin, DetailView):
    """A record's English and Chinese text in two columns, paragraph against paragraph."""

    template_name = "side_by_side.html"

    def get_context_data(self, **kwargs):
        columns, rows = parallel_rows(self.object)
        return super().get_context_data(columns=columns, rows=rows, **kwargs)


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


def server_error(request):
    """The 500 page in the page's language and the site's design, without touching the database.

    Django's own handler renders without the request, so the language switch and links
    would be missing; if even this fails, a plain line is better than nothing.
    """
    try:
        return render(request, "500.html", status=500)
    except Exception:
        return HttpResponseServerError("Server error", content_type="text/plain")
