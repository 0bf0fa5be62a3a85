from django.db.models import Prefetch
from django.views.generic import TemplateView

from modes.models import Company, OperationMode
from trends.models import Trend


class PublishedMixin:
    """Readers' views list and show published records only; drafts are a 404."""

    include_drafts = False  # True only for editors' preview, which is mounted under /admin/ (editors/views.py)

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.include_drafts else queryset.published()


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        modes = OperationMode.objects.published()
        return super().get_context_data(
            modes=modes,
            published_mode_slugs={mode.slug for mode in modes},  # the mode map links only these
            trends=Trend.objects.published(),
            companies=Company.objects.published().prefetch_related(
                Prefetch("modes", queryset=OperationMode.objects.published())
            ),
            **kwargs,
        )
