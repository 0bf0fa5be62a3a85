from django.views.generic import DetailView, ListView

from content.views import PublishedMixin, SideBySideView

from .models import Company, OperationMode
from .selectors import companies_in_reading_order


class ModeListView(PublishedMixin, ListView):
    model = OperationMode
    queryset = OperationMode.objects.prefetch_published("companies")


class ModeDetailView(PublishedMixin, DetailView):
    model = OperationMode
    queryset = OperationMode.objects.prefetch_published("companies", "trends")


class CompanyListView(PublishedMixin, ListView):
    model = Company
    template_name = "modes/company_list.html"  # the list is sorted in Python, so Django can't name it
    queryset = Company.objects.prefetch_published("modes")

    def get_queryset(self):
        return companies_in_reading_order(super().get_queryset())  # by pinyin for a Chinese reader


class CompanyDetailView(PublishedMixin, DetailView):
    model = Company
    queryset = Company.objects.prefetch_published("modes", "trends")


class ModeSideBySideView(SideBySideView):
    model = OperationMode


class CompanySideBySideView(SideBySideView):
    model = Company
