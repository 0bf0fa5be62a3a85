from django.views.generic import DetailView, ListView

from article.views import DrawsOnArticlePageMixin
from content.views import PaginatedListMixin, PublishedMixin, SideBySideView

from .models import Term
from .selectors import terms_in_reading_order


class TermListView(PaginatedListMixin, PublishedMixin, ListView):
    model = Term

    def get_queryset(self):
        return terms_in_reading_order(super().get_queryset())  # by pinyin for a Chinese reader


class TermDetailView(DrawsOnArticlePageMixin, PublishedMixin, DetailView):
    model = Term

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related_modes=self.related("modes"),
            related_trends=self.related("trends"),
            related_companies=self.related("companies"),
            **kwargs,
        )


class TermSideBySideView(SideBySideView):
    model = Term
    template_name = "glossary/term_side_by_side.html"
