"""A record's page reads compiled once: the ORM's own SQL, without building it again on every request.

A record's page reads a few small things: the record, the paragraphs it draws on, the first of each related list,
a trend's neighbours. Building and compiling each queryset costs 0.3–0.6 ms, where the database answers in 0.05 ms
(issue 28). A PreparedRead builds its queryset once per process, database and language, with stand-in arguments,
keeps the SQL the ORM makes of it, and runs that SQL with the real arguments: the same query, rows and records as
the queryset would give, each record built as the ORM builds it (so it still names itself to the page's surrogate
keys, content.cache).
"""

import weakref

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from content.models import history_excluded_fields
from content.registry import kind_of
from content.views import RELATED_LIMIT, RelatedRecords

_STAND_IN_NUMBER = 30011  # within every integer column's range (a smallint's too), unlike any real argument here


class PreparedRead:
    """Records of the queryset `build(*arguments)` returns, compiled once (module docstring). The queryset may filter,
    order, slice and defer; it may not select_related, prefetch_related or annotate (the SQL holds the records and
    nothing more). Its arguments are numbers and strings, used as filter values. It reads the default database."""

    def __init__(self, build):
        self.build = build
        self._compiled = weakref.WeakKeyDictionary()  # {database connection: {(language, argument types): Compiled}}

    def __call__(self, *arguments):
        connection = connections[DEFAULT_DB_ALIAS]  # this thread's
        compiled = self._compiled.setdefault(connection, {})
        key = (get_language(), *map(type, arguments))
        if key not in compiled:
            compiled[key] = self._compile(connection, arguments)
        model, sql, params, positions, names, converters = compiled[key]
        params = list(params)
        for position, index in positions:
            params[position] = arguments[index]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:  # as the ORM turns what the database sends into field values (SQLite's dates, say)
            rows = [_converted(row, converters, connection) for row in rows]
        return [model.from_db(connection.alias, names, row) for row in rows]

    def _compile(self, connection, arguments):
        stand_ins = [_stand_in(argument, index) for index, argument in enumerate(arguments)]
        queryset = self.build(*stand_ins)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        plain = compiler.klass_info and not compiler.klass_info.get("related_klass_infos")
        if not plain or compiler.annotation_col_map or queryset._prefetch_related_lookups:
            raise ValueError("A PreparedRead reads records only: no select_related, prefetch_related or annotations.")
        positions = [(position, stand_ins.index(value)) for position, value in enumerate(params) if value in stand_ins]
        if sorted({index for _position, index in positions}) != list(range(len(arguments))):
            raise ValueError("A PreparedRead's arguments must each be a filter value of its query.")
        columns = [column for column, _sql, _alias in compiler.select]
        names = [column.target.attname for column in columns]
        converters = list(compiler.get_converters(columns).items())
        return queryset.model, sql, tuple(params), positions, names, converters


def _converted(row, converters, connection):
    row = list(row)
    for position, (functions, expression) in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return row


def _stand_in(argument, index):
    if isinstance(argument, bool) or not isinstance(argument, (int, str)):
        raise TypeError(f"A PreparedRead takes numbers and strings, not {type(argument).__name__}.")
    return _STAND_IN_NUMBER + index if isinstance(argument, int) else f"stand-in-{index}-{_STAND_IN_NUMBER}"


def shown_fields(model):
    """Every field of `model` a reader may be shown: all but the bookkeeping its mixins derive and keep out of its
    history (search index, translation flags, sort keys, lock counter)."""
    bookkeeping = set(history_excluded_fields(model))
    return [field.name for field in model._meta.concrete_fields if field.name not in bookkeeping]


def shown_in_links(model):
    """What a link to a record of `model` shows of it, its title in each language, and what addresses it and places
    it in its kind's order: all a page reads of a record it only links to."""
    title = kind_of(model).title_field
    titles = [build_localized_fieldname(title, lang) for lang in settings.MODELTRANSLATION_LANGUAGES]
    return list(dict.fromkeys(["slug", *titles, *(name.lstrip("-") for name in model._meta.ordering)]))


_reads = {}


def prepared(key, build):
    """The PreparedRead kept under `key` in this process, made from `build` the first time."""
    if key not in _reads:
        _reads[key] = PreparedRead(build)
    return _reads[key]


def published_by_slug(model, slug):
    """The published record of `model` at `slug`, with all a reader sees of it; None if there is none."""

    def build(slug):
        return model.objects.published().only(*shown_fields(model)).filter(slug=slug)

    found = prepared(("by slug", model), build)(slug)
    return found[0] if found else None


def related_to(model, name, pk):
    """The records a record of `model` with this `pk` has through its many-to-many relation `name` (either side of
    it), as its related manager reads them, built without the record (which would name itself to the page)."""
    relation = model._meta.get_field(name)
    lookup = relation.field.name if relation.auto_created else relation.related_query_name()
    return relation.related_model.objects.filter(**{lookup: pk})


def published_related(record, name, limit=RELATED_LIMIT):
    """content.views.related_published(record.<name>), read as far as links show the records: up to `limit`
    published records of the many-to-many relation `name`, the first `limit` links in the order the link table's
    index gives them, sorted by their model's Meta.ordering; `more` tells whether there were more."""
    model = type(record)
    related_model = model._meta.get_field(name).related_model

    def build(pk):
        return related_to(model, name, pk).published().only(*shown_in_links(related_model)).order_by()[: limit + 1]

    records = prepared(("related", model, name, limit), build)(record.pk)
    ordering = related_model._meta.ordering
    shown = sorted(records[:limit], key=lambda found: tuple(getattr(found, field) for field in ordering))
    return RelatedRecords(shown, more=len(records) > limit)


def published_sources(record):
    """The published paragraphs of the article `record` draws on, in the article's order."""
    model = type(record)
    paragraphs = model._meta.get_field("sources").related_model

    def build(pk):
        return related_to(model, "sources", pk).published().only(*shown_fields(paragraphs))

    return prepared(("sources", model), build)(record.pk)
