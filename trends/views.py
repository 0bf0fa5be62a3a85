from django.views.generic import DetailView, ListView

from content.views import PublishedMixin, SideBySideView

from .models import Trend


class TrendListView(PublishedMixin, ListView):
    model = Trend


class TrendDetailView(PublishedMixin, DetailView):
    model = Trend
    queryset = Trend.objects.prefetch_published("modes", "companies")

    def get_context_data(self, **kwargs):
        published = Trend.objects.published()
        return super().get_context_data(
            previous_trend=published.filter(number__lt=self.object.number).last(),
            next_trend=published.filter(number__gt=self.object.number).first(),
            **kwargs,
        )


class TrendSideBySideView(SideBySideView):
    model = Trend
