from django.views.generic import DetailView, ListView

from content.views import PaginatedListMixin, PublishedMixin, SideBySideView, related_published

from .models import Trend


class TrendListView(PaginatedListMixin, PublishedMixin, ListView):
    model = Trend


class TrendDetailView(PublishedMixin, DetailView):
    model = Trend

    def get_context_data(self, **kwargs):
        # Each neighbour is one step along the (status, number) index, however many trends there are.
        published = Trend.objects.published()
        return super().get_context_data(
            previous_trend=published.filter(number__lt=self.object.number).order_by("-number").first(),
            next_trend=published.filter(number__gt=self.object.number).order_by("number").first(),
            related_companies=related_published(self.object.companies),
            related_modes=related_published(self.object.modes),
            **kwargs,
        )


class TrendSideBySideView(SideBySideView):
    model = Trend
