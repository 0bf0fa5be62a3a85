from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.views.generic import DetailView

from bilingual.reading import parallel_rows

from .counts import published_count
from .registry import kind_of

LIST_PAGE_SIZE = 50  # records on a page of a list
RELATED_LIMIT = 24  # related records a page shows (a mode may have hundreds of thousands of companies)


class PublishedListPaginator(Paginator):
    """Pages of a kind's published records, counted once until that kind changes (content.counts).

    A page nearer the end than the start is read backwards along the same index (the list's order is total:
    it ends in a unique field), so the last page costs what the first does; OFFSET walks every row it skips.
    """

    @cached_property
    def count(self):
        return published_count(self.object_list.model)

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        stop = start + self.per_page
        if stop + self.orphans >= self.count:  # as Paginator.page: the last page takes the orphans
            stop = self.count
        from_end = self.count - stop
        if from_end >= start or not self.object_list.ordered:
            return super().page(number)
        records = list(self.object_list.reverse()[from_end : self.count - start])
        return self._get_page(records[::-1], number, self)


class PaginatedListMixin:
    """A list read a page at a time (Django's Paginator): `?page=` that is not a page of it is a 404.

    The list is every published record of its kind (PublishedMixin), so the page count is that kind's kept count.
    """

    paginate_by = LIST_PAGE_SIZE
    allow_empty = True
    paginator_class = PublishedListPaginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        return context


def related_published(manager, limit=RELATED_LIMIT):
    """Up to `limit` published records of a many-to-many relation, in the order of their model's Meta.ordering.

    The database is asked for the first `limit` links in the order its index on the link table gives them (no
    ORDER BY: sorting every related record would cost as much as there are), and only those are sorted here.
    So a record with few relations shows them all, in order, and one with many shows `limit` of them at the
    cost of `limit`. `more` tells whether there were more.
    """
    records = list(manager.published().order_by()[: limit + 1])
    ordering = manager.model._meta.ordering
    shown = sorted(records[:limit], key=lambda record: tuple(getattr(record, field) for field in ordering))
    return RelatedRecords(shown, more=len(records) > limit)


class RelatedRecords(list):
    """A list of related records that knows whether more exist than it holds."""

    def __init__(self, records, more=False):
        super().__init__(records)
        self.more = more


class PublishedMixin:
    """Readers' views list and show published records only; drafts are a 404 (and a renamed record's old
    address a 301 to its new one: redirects.middleware)."""

    include_drafts = False  # True only for editors' preview, which is mounted under /admin/ (editors/views.py)

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.include_drafts else queryset.published()


class SideBySideView(PublishedMixin, DetailView):
    """A record's English and Chinese text in two columns, paragraph against paragraph."""

    template_name = "side_by_side.html"

    def get_context_data(self, **kwargs):
        kind = kind_of(self.object)
        headings = getattr(self.object, "side_by_side_headings", {})  # e.g. background, set apart (article/)
        columns, rows = parallel_rows(self.object, kind.title_field, kind.text_fields, headings)
        return super().get_context_data(title_field=kind.title_field, columns=columns, rows=rows, **kwargs)
