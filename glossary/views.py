from django.views.generic import DetailView, ListView

from content.views import PaginatedListMixin, PublishedMixin, SideBySideView, related_published

from .models import Term
from .selectors import terms_in_reading_order


class TermListView(PaginatedListMixin, PublishedMixin, ListView):
    model = Term

    def get_queryset(self):
        return terms_in_reading_order(super().get_queryset())  # by pinyin for a Chinese reader


class TermDetailView(PublishedMixin, DetailView):
    model = Term

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related_modes=related_published(self.object.modes),
            related_trends=related_published(self.object.trends),
            related_companies=related_published(self.object.companies),
            **kwargs,
        )


class TermSideBySideView(SideBySideView):
    model = Term
    template_name = "glossary/term_side_by_side.html"
