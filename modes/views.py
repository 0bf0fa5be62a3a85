from django.views.generic import DetailView, ListView

from content.views import PublishedMixin, SideBySideView

from .models import Company, OperationMode


class ModeListView(PublishedMixin, ListView):
    model = OperationMode
    queryset = OperationMode.objects.prefetch_published("companies")


class ModeDetailView(PublishedMixin, DetailView):
    model = OperationMode
    queryset = OperationMode.objects.prefetch_published("companies", "trends")


class CompanyListView(PublishedMixin, ListView):
    model = Company
    queryset = Company.objects.prefetch_published("modes")


class CompanyDetailView(PublishedMixin, DetailView):
    model = Company
    queryset = Company.objects.prefetch_published("modes", "trends")


class ModeSideBySideView(SideBySideView):
    model = OperationMode


class CompanySideBySideView(SideBySideView):
    model = Company
