from django.views.generic import DetailView

from bilingual.reading import parallel_rows


class PublishedMixin:
    """Readers' views list and show published records only; drafts are a 404."""

    include_drafts = False  # True only for editors' preview, which is mounted under /admin/ (editors/views.py)

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.include_drafts else queryset.published()


class SideBySideView(PublishedMixin, DetailView):
    """A record's English and Chinese text in two columns, paragraph against paragraph."""

    template_name = "side_by_side.html"

    def get_context_data(self, **kwargs):
        columns, rows = parallel_rows(self.object)
        return super().get_context_data(columns=columns, rows=rows, **kwargs)
