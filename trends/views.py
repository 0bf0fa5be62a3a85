from django.db.models import Q, Subquery
from django.views.generic import DetailView, ListView

from article.reads import PreparedRead, shown_in_links
from article.views import DrawsOnArticlePageMixin
from content.views import PaginatedListMixin, PublishedMixin, SideBySideView

from .models import Trend


class TrendListView(PaginatedListMixin, PublishedMixin, ListView):
    model = Trend


def _neighbours(number):
    """The published trends just before and after `number` (what the pager links to), in one read: each one step
    along the (status, number) index, however many trends there are."""
    published = Trend.objects.published()
    before = published.filter(number__lt=number).order_by("-number").values("number")[:1]
    after = published.filter(number__gt=number).order_by("number").values("number")[:1]
    linked = published.only(*shown_in_links(Trend))
    return linked.filter(Q(number=Subquery(before)) | Q(number=Subquery(after))).order_by()


neighbours = PreparedRead(_neighbours)


class TrendDetailView(DrawsOnArticlePageMixin, PublishedMixin, DetailView):
    model = Trend

    def get_context_data(self, **kwargs):
        number = self.object.number
        around = neighbours(number)
        return super().get_context_data(
            previous_trend=next((trend for trend in around if trend.number < number), None),
            next_trend=next((trend for trend in around if trend.number > number), None),
            related_companies=self.related("companies"),
            related_modes=self.related("modes"),
            **kwargs,
        )


class TrendSideBySideView(SideBySideView):
    model = Trend
