from django.http import Http404
from django.views.generic import TemplateView

from .query import PageNotFound, Query, search_published


class SearchView(TemplateView):
    """/<lang>/search/?q=…&page=…: published modes, trends, companies and article paragraphs matching the
    words, best match first, a page at a time."""

    template_name = "search.html"
    # Shown on the empty search page: one query in each language and script, and a Chinese substring.
    examples = [
        ("B2B", "en"),
        ("supply chain", "en"),
        ("供應鏈", "zh-Hant"),
        ("供应链", "zh-Hans"),
        ("物流", "zh-Hant"),
    ]

    def get_context_data(self, **kwargs):
        query = Query.parse(self.request.GET.get("q", ""))
        page = self.request.GET.get("page", "1")
        if not page.isascii() or not page.isdigit() or len(page) > 6:
            raise Http404("No such page of results")
        results = None
        if query:
            try:
                results = search_published(query, int(page))
            except PageNotFound:
                raise Http404("No such page of results") from None
        elif int(page) != 1:
            raise Http404("No such page of results")
        return super().get_context_data(
            query=query,
            search_query=query.text,
            results=results,
            search_examples=self.examples,
            **kwargs,
        )
