from dataclasses import dataclass
from urllib.parse import urlencode

from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connections
from django.db.models import F, Field, Func, OrderBy, Q, Value
from django.db.models.lookups import GreaterThan, LessThan
from django.http import Http404, HttpResponseRedirect
from django.utils.functional import cached_property
from django.views.generic import DetailView

from bilingual.reading import parallel_rows, reader_text

from .counts import published_count
from .registry import kind_of

LIST_PAGE_SIZE = 50  # records on a page of a list
RELATED_LIMIT = 24  # related records a page shows (a mode may have hundreds of thousands of companies)
NUMBERED_PAGES = 5  # pages at each end of a list reached by number: at most 4 pages skipped from the nearer end
KEY_PARAMETERS = ("after", "before")  # ?after=<key>: the page after that record; ?before=<key>: the page before it
PAGE_PARAMETERS = frozenset({"page", *KEY_PARAMETERS})  # a page of a list, not a search (pagecache.headers)
KEY_MAX_LENGTH = 4000  # far longer than any key this site writes: a longer one is refused unread
NOTHING = Q(pk__in=[])  # a condition no record meets


class Row(Func):
    """SQL's row constructor `(a, b, …)`: compared as a whole with another, one range of an index (SQL:1999)."""

    function = ""
    output_field = Field()


class PageNumberInTheMiddle(Exception):
    """`?page=N` for a page only keys reach: an old link (PaginatedListMixin sends it to the list's start)."""


@dataclass(frozen=True)
class OrderTerm:
    """One term of a list's ordering, as a page's key holds it."""

    name: str  # the annotation carrying the term's value on each record
    expression: object
    descending: bool
    nullable: bool


def ordering_terms(queryset):
    """The terms `queryset` is ordered by: its order_by(), else its model's Meta.ordering."""
    query = queryset.query
    ordering = query.order_by or (query.get_meta().ordering if query.default_ordering else ())
    if not ordering or "?" in ordering:
        raise ImproperlyConfigured(f"A list of {query.model.__name__} needs a total order to be read by key.")
    terms = []
    for position, item in enumerate(ordering):
        descending = False
        if isinstance(item, str):
            descending, item = item.startswith("-"), F(item.lstrip("-"))
        elif isinstance(item, OrderBy):
            descending, item = item.descending, item.expression
        if not query.standard_ordering:  # a reverse()d queryset
            descending = not descending
        terms.append(OrderTerm(f"keyset_{position}", item, descending, _can_be_null(query.model, item)))
    return terms


def _can_be_null(model, expression):
    if isinstance(expression, F):
        try:
            return model._meta.get_field(expression.name).null
        except FieldDoesNotExist:  # across a relation: assume it can
            return True
    return any(_can_be_null(model, source) for source in expression.get_source_expressions())


class PublishedListPaginator(Paginator):
    """Pages of a kind's published records, counted once until that kind changes (content.counts).

    The first and last NUMBERED_PAGES pages are reached by number (`?page=N`): a page nearer the end than the start
    is read backwards along the same index (the list's order is total: it ends in a unique field), so the last
    page costs what the first does. The pages between are reached by key: `?after=<key>` is the page after the
    record with that key, `?before=<key>` the page before it, each one range read along the list's index however
    far into the list it is (OFFSET walks every row it skips: 0.8 s for the middle of a million, issue 28). A key
    is the record's values of the ordering's terms, signed with the ordering: a key another list or language made,
    or one garbled, is refused (a 404); the record it names need not exist any more.
    """

    numbered_pages = NUMBERED_PAGES

    def __init__(self, object_list, per_page, **kwargs):
        self.terms = ordering_terms(object_list)
        keyed = object_list.annotate(**{term.name: term.expression for term in self.terms})
        super().__init__(keyed, per_page, **kwargs)
        self.model = object_list.model
        ordering = ",".join(f"{'-' * term.descending}{term.expression!r}" for term in self.terms)
        self.signer = signing.Signer(salt=f"{__name__}.key:{self.model._meta.label}:{ordering}")
        self.nulls_largest = connections[object_list.db].features.nulls_order_largest
        directions = {term.descending for term in self.terms}
        self.row_comparable = len(directions) == 1 and not any(term.nullable for term in self.terms[1:])

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

    def _get_page(self, *args, **kwargs):
        return ListPage(*args, **kwargs)

    def is_numbered(self, number):
        return number <= self.numbered_pages or number > self.num_pages - self.numbered_pages

    def page_asked(self, query):
        """The page a query string names: `?after=` or `?before=` a key, else `?page=` a number (or "last").

        Raises InvalidPage for a page that is not there, PageNumberInTheMiddle for a number only keys reach.
        """
        keys = [name for name in KEY_PARAMETERS if name in query]
        if len(keys) > 1:
            raise InvalidPage("Both after and before.")
        if keys:
            key = self.key_from(query[keys[0]])
            return self.page_after(key) if keys[0] == "after" else self.page_before(key)
        number = query.get("page") or 1
        number = self.validate_number(self.num_pages if number == "last" else number)
        if not self.is_numbered(number):
            raise PageNumberInTheMiddle(number)
        return self.page(number)

    def page_after(self, key):
        records = self._records_past(key, backwards=False)
        if not records:  # nothing after it any more (deleted meanwhile): the list's end
            return self.page(self.num_pages)
        more = len(records) > self.per_page
        return ListPage(records[: self.per_page], None, self, has_previous=True, has_next=more)

    def page_before(self, key):
        records = self._records_past(key, backwards=True)
        if len(records) <= self.per_page:  # the start is less than a page away: the first page, as numbered
            return self.page(1)
        return ListPage(records[self.per_page - 1 :: -1], None, self, has_previous=True, has_next=True)

    def key_of(self, record):
        return self.signer.sign_object([getattr(record, term.name) for term in self.terms], compress=True)

    def link(self, parameter, record):
        return "?" + urlencode({parameter: self.key_of(record)}, safe=":")

    def key_from(self, token):
        """The ordering values a key holds; InvalidPage if it is not a key this list made."""
        if len(token) > KEY_MAX_LENGTH:
            raise InvalidPage("Not a key of this list.")
        try:
            values = self.signer.unsign_object(token)
        except (signing.BadSignature, ValueError):
            raise InvalidPage("Not a key of this list.") from None
        if not isinstance(values, list) or len(values) != len(self.terms):
            raise InvalidPage("Not a key of this list.")
        annotations = self.object_list.query.annotations
        try:
            return [
                None if value is None else annotations[term.name].output_field.to_python(value)
                for term, value in zip(self.terms, values, strict=True)
            ]
        except (ValidationError, TypeError):  # the field changed type since the key was written
            raise InvalidPage("Not a key of this list.") from None

    def _records_past(self, key, backwards):
        """Up to a page and one of the records past `key` in the list's order (before it if `backwards`, nearest
        first), read along the list's index from the key on.

        A term's NULLs sort after its values on some databases and before them on others; records whose first term
        is NULL are a stretch of the list of their own, read second when the key's stretch runs out before a page.
        """
        records = self.object_list.reverse() if backwards else self.object_list
        (first, *rest), (value, *others) = self.terms, key
        upwards, nulls_last = self._walk(first, backwards)
        if value is None:
            near = [Q(**{f"{first.name}__isnull": True}) & self._past(rest, others, backwards)]
            far = None if nulls_last else Q(**{f"{first.name}__isnull": False})
        else:
            near = self._past_in_one_range(key, backwards)
            far = Q(**{f"{first.name}__isnull": True}) if first.nullable and nulls_last else None
        found = list(records.filter(*near)[: self.per_page + 1])
        if far is not None and len(found) <= self.per_page:
            found += records.filter(far)[: self.per_page + 1 - len(found)]
        return found

    def _past_in_one_range(self, key, backwards):
        """Conditions for the records past `key` whose first term is not NULL, written so that the database reads
        them as one range of the list's index: SQL's row comparison `(a, b) > (x, y)` where it means that (every term
        read the same way, none after the first NULL), else the first term's bound and a condition for its ties.

        SQLite reads a row comparison along an index of columns but not of an expression (LOWER(name_en)): with the
        first term's bound it reads from the key's ties on (a few records, unless many share a name); PostgreSQL
        reads the row comparison either way. Given both on columns, SQLite would read the ties instead.
        """
        (first, *rest), (value, *others) = self.terms, key
        upwards, _ = self._walk(first, backwards)
        bound = Q(**{f"{first.name}__{'gte' if upwards else 'lte'}": value})
        if self.row_comparable and None not in others:
            row = (GreaterThan if upwards else LessThan)(Row(*(F(t.name) for t in self.terms)), Row(*map(Value, key)))
            return [row] if isinstance(first.expression, F) else [bound, row]
        beyond = Q(**{f"{first.name}__{'gt' if upwards else 'lt'}": value})
        return [bound & (beyond | (Q(**{first.name: value}) & self._past(rest, others, backwards)))]

    def _walk(self, term, backwards):
        """Whether reading the list this way goes up `term`'s values, and whether its NULLs come last."""
        upwards = term.descending == backwards
        return upwards, self.nulls_largest == upwards

    def _past(self, terms, values, backwards):
        """Records past `values` on `terms`, with NULLs where the database sorts them (the first term's ties)."""
        if not terms:
            return NOTHING  # equal on every term: the key's own record, not past it
        (term, *rest), (value, *others) = terms, values
        upwards, nulls_last = self._walk(term, backwards)
        name = term.name
        if value is None:
            past = NOTHING if nulls_last else Q(**{f"{name}__isnull": False})
            same = Q(**{f"{name}__isnull": True})
        else:
            past = Q(**{f"{name}__{'gt' if upwards else 'lt'}": value})
            if term.nullable and nulls_last:
                past |= Q(**{f"{name}__isnull": True})
            same = Q(**{name: value})
        return past | (same & self._past(rest, others, backwards))

    def page_links(self, page):
        """The numbers a page's navigation links to, ELLIPSIS for those left out: around a numbered page as Django
        elides them, the first and last around a page reached by key; only numbers near the ends either way."""
        if page.number is None:
            around = [1, self.ELLIPSIS, self.num_pages] if self.num_pages > 1 else [1]
        else:
            around = self.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        links = []
        for number in around:
            if number is not self.ELLIPSIS and not self.is_numbered(number):
                number = self.ELLIPSIS
            if number is not self.ELLIPSIS or not (links and links[-1] is self.ELLIPSIS):
                links.append(number)
        return links


class ListPage(Page):
    """A page of a list and the links to its neighbours: by number near the list's ends, by key between them.

    A page reached by key has no number: counting the records before it would cost what OFFSET does.
    """

    def __init__(self, object_list, number, paginator, *, has_previous=None, has_next=None):
        super().__init__(list(object_list), number, paginator)
        self._has_previous, self._has_next = has_previous, has_next

    def has_next(self):
        return super().has_next() if self.number else self._has_next

    def has_previous(self):
        return super().has_previous() if self.number else self._has_previous

    @property
    def next_link(self):
        if self.number and self.paginator.is_numbered(self.number + 1):
            return f"?page={self.number + 1}"
        return self.paginator.link("after", self.object_list[-1])

    @property
    def previous_link(self):
        if self.number and self.paginator.is_numbered(self.number - 1):
            return f"?page={self.number - 1}"
        return self.paginator.link("before", self.object_list[0])

    @property
    def first_title(self):
        """The first record's title: with the last's, what a page without a number is named by."""
        return self._title(self.object_list[0]) if self.object_list else ""

    @property
    def last_title(self):
        return self._title(self.object_list[-1]) if self.object_list else ""

    def _title(self, record):
        return reader_text(record, kind_of(record).title_field).text


class PaginatedListMixin:
    """A list read a page at a time (PublishedListPaginator): by `?page=` near its ends, by `?after=`/`?before=` a
    key between. A page that is not there, or a key the list did not make, is a 404; `?page=` a number only keys
    reach (a link from before issue 28) is sent to the list's first page.

    The list is every published record of its kind (PublishedMixin), so the page count is that kind's kept count.
    """

    paginate_by = LIST_PAGE_SIZE
    allow_empty = True
    paginator_class = PublishedListPaginator

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except PageNumberInTheMiddle:  # temporary: the number may be near an end again as the list changes
            return HttpResponseRedirect(request.path)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        try:
            page = paginator.page_asked(self.request.GET)
        except InvalidPage as error:
            raise Http404(str(error)) from error
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.page_links(page)
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
