"""Keeping the search index (SearchEntry) right: one entry per published record, rebuilt from the record.

Every save and delete of a content record reaches it by signal (search.signals): the admin, history
restores, `seed`, publishing and unpublishing, a shell. Writes that send no signal — `QuerySet.update()`,
`bulk_create()`, raw SQL — must be followed by `update_records(records)` or `reindex(queryset)`;
`manage.py reindexsearch` rebuilds everything (docs/architecture.md, "Search inside").
"""

import multiprocessing
import os
from collections import deque
from dataclasses import dataclass
from itertools import chain, islice

from django.apps import apps as installed_apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from modeltranslation.utils import build_localized_fieldname

from content.registry import content_kinds, kind_of

from .backends import ENTRY_COLUMNS, backend_for, current_backend
from .folding import folded_values
from .terms import nested_hashed

PUBLISHED = "published"  # content.models.Publishable.Status.PUBLISHED, also for historical models
BATCH = 1000


def _localized(name):
    return [build_localized_fieldname(name, lang) for lang in settings.MODELTRANSLATION_LANGUAGES]


def searched_columns(kind):
    """(title columns, summary columns, other columns): every reading field in every language, in the
    order Searchable.search_values() gives them, so the entry's text is the record's search_text."""
    title = _localized(kind.title_field)
    summary = _localized(kind.text_fields[0])
    others = [column for name in kind.text_fields[1:] for column in _localized(name)]
    return title, summary, others


# A SearchEntry's id, high bits first: the kind's position (content.registry), its content type's id, the record's
# id. Ordered by position, then record id; unique whatever positions kinds declare (content.checks refuses two
# alike as well), because no two kinds share a content type. 7 + 16 + 40 bits: a signed 64-bit integer.
POSITION_BITS, CONTENT_TYPE_BITS, RECORD_BITS = 7, 16, 40


def kind_prefix(kind):
    """The high bits every entry of `kind` shares (entry_id)."""
    content_type_id = ContentType.objects.get_for_model(kind.model).pk
    if not 0 < kind.position < 1 << POSITION_BITS or content_type_id >= 1 << CONTENT_TYPE_BITS:
        raise ValueError(f"{kind.label}: position {kind.position} or content type {content_type_id} out of range")
    return (kind.position << CONTENT_TYPE_BITS) | content_type_id


def entry_id(kind, object_id):
    """A SearchEntry's id: ordered by kind (its position), then record id."""
    return (kind_prefix(kind) << RECORD_BITS) + object_id


def ids_out_of_date(using="default"):
    """Whether the index holds entries numbered before ids carried the content type (position · 2⁴⁰ + record id,
    all under 2⁵⁶): such a database's index is rebuilt after migrate (search.signals)."""
    entries = installed_apps.get_model("search", "SearchEntry")._default_manager.using(using)
    return entries.filter(id__lt=1 << (CONTENT_TYPE_BITS + RECORD_BITS)).exists()


def kind_ids(kind):
    """(first, end): the ids of `kind`'s entries are first <= id < end."""
    prefix = kind_prefix(kind)
    return prefix << RECORD_BITS, (prefix + 1) << RECORD_BITS


@dataclass(frozen=True)
class EntryShape:
    """What the entries of one kind are made of, as plain data (it travels to the processes a rebuild splits
    texts in): the columns searched, in three parts, and what each entry of the kind carries as it is."""

    label: str  # app_label.model_name
    position: int
    prefix: int  # kind_prefix
    title_columns: tuple
    summary_columns: tuple
    other_columns: tuple

    @classmethod
    def of(cls, kind):
        title, summary, others = searched_columns(kind)
        return cls(kind.label, kind.position, kind_prefix(kind), tuple(title), tuple(summary), tuple(others))

    @property
    def columns(self):
        return (*self.title_columns, *self.summary_columns, *self.other_columns)

    def row(self, object_id, values):
        """The entry of record `object_id`, whose `columns` hold `values`: a tuple in ENTRY_COLUMNS' order, its
        terms hashed and sorted. The one recipe for an entry, whoever writes it (entry_for, a bulk rebuild)."""
        title_end = len(self.title_columns)
        summary_end = title_end + len(self.summary_columns)
        title = folded_values(values[:title_end])
        summary = folded_values(values[title_end:summary_end])
        others = folded_values(values[summary_end:])
        # The parts are joined by line breaks, which no term spans: a text's terms are its parts' terms together,
        # so each part is split into terms once, not once for each of the three texts it is in.
        title_terms, head_terms, terms = nested_hashed(["\n".join(title), "\n".join(summary), "\n".join(others)])
        return (
            (self.prefix << RECORD_BITS) + object_id,
            self.label,
            object_id,
            self.position,
            "\n".join(title),
            "\n".join(title + summary),
            "\n".join(title + summary + others),
            title_terms,
            head_terms,
            terms,
        )


def entry_for(kind, record, entry_model):
    """The (unsaved) SearchEntry of `record` (a model instance, historical ones included)."""
    shape = EntryShape.of(kind)
    row = shape.row(record.pk, [getattr(record, column) for column in shape.columns])
    return entry_model(**dict(zip(ENTRY_COLUMNS, row, strict=True)))


def _write(kind, records, apps, replace=True):
    """Replace the entries of `records` (all of one kind) by fresh ones; drafts get none."""
    entry_model = apps.get_model("search", "SearchEntry")
    label = kind.model._meta.label_lower
    records = list(records)
    if replace:
        entry_model.objects.filter(kind=label, object_id__in=[record.pk for record in records]).delete()
    entry_model.objects.bulk_create(
        [entry_for(kind, record, entry_model) for record in records if record.status == PUBLISHED],
        batch_size=BATCH,
    )


def update_records(records):
    """Bring the entries of these records (any kinds, saved or not yet deleted) up to date."""
    by_kind = {}
    for record in records:
        by_kind.setdefault(kind_of(record), []).append(record)
    for kind, of_kind in by_kind.items():
        if kind is not None:
            _write(kind, of_kind, installed_apps)


def remove_records(model, ids):
    """Drop the entries of records that no longer exist."""
    SearchEntry = installed_apps.get_model("search", "SearchEntry")
    SearchEntry.objects.filter(kind=model._meta.label_lower, object_id__in=list(ids)).delete()


def reindex(queryset=None, *, apps=installed_apps, workers=1):
    """Rebuild the entries of every record of `queryset` (one kind), or of every record of every kind when
    None — after a bulk write that sent no signal. Returns how many records are now indexed (published).

    Rows are written in bulk (search.backends: COPY on PostgreSQL); texts are split into terms in `workers`
    processes — one unless the caller asks for more: `reindexsearch` asks for one per core, while a web request
    (a bulk change in the admin) must not fork beside its threads (the purge drainer's). A full rebuild empties
    the table and makes its lookup structures afresh after the rows (SearchBackend.rebuilding), in one
    transaction: searches and writes of entries wait for it (on 2 busy cores, 100,000 records took about 80 s and
    1,000,000 about 11 minutes), and see the old index or the new, never a mix. Each entry is what saving its
    record gives (EntryShape.row, both ways)."""
    with transaction.atomic():
        if queryset is not None:
            return _reindex_kind(kind_of(queryset.model), queryset, workers, replace=True)
        with current_backend().rebuilding():  # drops what is left of kinds no longer registered too
            return sum(
                _reindex_kind(kind, apps.get_model(kind.model._meta.label)._default_manager.all(), workers)
                for kind in content_kinds()
            )


def default_workers():
    """Processes a rebuild splits texts in: one per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _reindex_kind(kind, queryset, workers, replace=False):
    """Write the entries of `queryset`'s published records (replacing those of all its records when `replace`);
    how many were written."""
    backend, shape = current_backend(), EntryShape.of(kind)
    records = queryset if replace else queryset.filter(status=PUBLISHED)
    batches = _batches(records.values_list("pk", "status", *shape.columns), BATCH)
    written = 0
    with connection.cursor() as cursor:
        for object_ids, count, rows in _pipelined(_encoded_batch, batches, workers, backend.vendor, shape):
            if replace:
                placeholders = ", ".join(["%s"] * len(object_ids))
                cursor.execute(
                    f"DELETE FROM search_searchentry WHERE kind = %s AND object_id IN ({placeholders})",
                    [shape.label, *object_ids],
                )
            backend.write(cursor, rows)
            written += count
    return written


def _batches(records, size):
    """Lists of `size` records (tuples, primary key first) in primary key order, each read when asked for."""
    records = records.order_by("pk")
    after = None
    while batch := list((records if after is None else records.filter(pk__gt=after))[:size]):
        yield batch
        after = batch[-1][0]


def _encoded_batch(vendor, shape, records):
    """(the records' ids, how many are published, their entries as the backend writes them): runs in a worker."""
    rows = [shape.row(pk, values) for pk, status, *values in records if status == PUBLISHED]
    return [pk for pk, *_ in records], len(rows), backend_for(vendor).encode(rows)


def _pipelined(function, batches, workers, *arguments):
    """function(*arguments, batch) for each batch, in order: in `workers` processes, a few batches ahead of the
    one handed back, or in this process when there is one worker or one batch. Batches are read here, and only
    between two results handed back: they come from the database connection the caller writes with."""
    ahead = list(islice(batches, 2))
    if len(ahead) < 2 or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for batch in chain(ahead, batches):
            yield function(*arguments, batch)
        return
    # Forked, the workers start as this process is (Django set up, the registry filled); they never use its
    # database connection.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending = deque()
        for batch in chain(ahead, batches):
            pending.append(pool.apply_async(function, (*arguments, batch)))
            while len(pending) > 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
