from django.views.generic import DetailView, ListView

from article.views import DrawsOnArticlePageMixin
from content.views import PaginatedListMixin, PublishedMixin, SideBySideView

from .models import Company, OperationMode
from .selectors import companies_in_reading_order


class ModeListView(PaginatedListMixin, PublishedMixin, ListView):
    model = OperationMode


class ModeDetailView(DrawsOnArticlePageMixin, PublishedMixin, DetailView):
    model = OperationMode

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related_companies=self.related("companies"),
            related_trends=self.related("trends"),
            **kwargs,
        )


class CompanyListView(PaginatedListMixin, PublishedMixin, ListView):
    model = Company
    queryset = Company.objects.prefetch_published("modes")

    def get_queryset(self):
        return companies_in_reading_order(super().get_queryset())  # by pinyin for a Chinese reader


class CompanyDetailView(DrawsOnArticlePageMixin, PublishedMixin, DetailView):
    model = Company

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related_modes=self.related("modes"),
            related_trends=self.related("trends"),
            **kwargs,
        )


class ModeSideBySideView(SideBySideView):
    model = OperationMode


class CompanySideBySideView(SideBySideView):
    model = Company
