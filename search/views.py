from django.views.generic import TemplateView

from .query import Query, search_published


class SearchView(TemplateView):
    """/<lang>/search/?q=…: published modes, trends and companies matching the words, by kind."""

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
        groups = search_published(query) if query else []
        return super().get_context_data(
            query=query,
            search_query=query.text,
            groups=groups,
            total=sum(group.count for group in groups),
            search_examples=self.examples,
            **kwargs,
        )
