from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from content.views import PublishedMixin, SideBySideView
from trends.models import Trend

from .models import Company, OperationMode


class ModeListView(PublishedMixin, ListView):
    model = OperationMode
    queryset = OperationMode.objects.prefetch_related(Prefetch("companies", queryset=Company.objects.published()))


class ModeDetailView(PublishedMixin, DetailView):
    model = OperationMode
    queryset = OperationMode.objects.prefetch_related(
        Prefetch("companies", queryset=Company.objects.published()),
        Prefetch("trends", queryset=Trend.objects.published()),
    )


class CompanyListView(PublishedMixin, ListView):
    model = Company
    queryset = Company.objects.prefetch_related(Prefetch("modes", queryset=OperationMode.objects.published()))


class CompanyDetailView(PublishedMixin, DetailView):
    model = Company
    queryset = Company.objects.prefetch_related(
        Prefetch("modes", queryset=OperationMode.objects.published()),
        Prefetch("trends", queryset=Trend.objects.published()),
    )


class ModeSideBySideView(SideBySideView):
    model = OperationMode


class CompanySideBySideView(SideBySideView):
    model = Company
