"""Keeping the search index (SearchEntry) right: one entry per published record, rebuilt from the record.

Every save and delete of a content record reaches it by signal (search.signals): the admin, history
restores, `seed`, publishing and unpublishing, a shell. Writes that send no signal — `QuerySet.update()`,
`bulk_create()`, raw SQL — must be followed by `update_records(records)` or `reindex(queryset)`;
`manage.py reindexsearch` rebuilds everything (docs/architecture.md, "Search inside").
"""

from django.apps import apps as installed_apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from modeltranslation.utils import build_localized_fieldname

from content.registry import content_kinds, kind_of

from .folding import folded_values
from .terms import hashed, text_terms

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


def entry_for(kind, record, entry_model):
    """The (unsaved) SearchEntry of `record` (a model instance, historical ones included)."""
    title_columns, summary_columns, other_columns = searched_columns(kind)
    title = folded_values(getattr(record, column) for column in title_columns)
    summary = folded_values(getattr(record, column) for column in summary_columns)
    others = folded_values(getattr(record, column) for column in other_columns)
    # The parts are joined by line breaks, which no term spans: a text's terms are its parts' terms together,
    # so each part is split into terms once, not once for each of the three texts it is in.
    title_terms = text_terms("\n".join(title))
    head_terms = title_terms | text_terms("\n".join(summary))
    terms = head_terms | text_terms("\n".join(others))
    return entry_model(
        id=entry_id(kind, record.pk),
        kind=kind.model._meta.label_lower,
        object_id=record.pk,
        position=kind.position,
        title="\n".join(title),
        head="\n".join(title + summary),
        text="\n".join(title + summary + others),
        title_terms=hashed(title_terms),
        head_terms=hashed(head_terms),
        terms=hashed(terms),
    )


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


def reindex(queryset=None, *, apps=installed_apps):
    """Rebuild the entries of every record of `queryset` (one kind), or of every record of every kind when
    None — after a bulk write that sent no signal. Returns how many records are now indexed (published)."""
    if queryset is not None:
        kind = kind_of(queryset.model)
        _reindex_kind(kind, queryset, apps, replace=True)
        return queryset.filter(status=PUBLISHED).count()
    indexed = 0
    entry_model = apps.get_model("search", "SearchEntry")
    for kind in content_kinds():
        model = apps.get_model(kind.model._meta.label)
        entry_model.objects.filter(kind=kind.model._meta.label_lower).delete()
        published = model._default_manager.filter(status=PUBLISHED)
        _reindex_kind(kind, published, apps, replace=False)  # nothing left to replace
        indexed += published.count()
    # Entries of kinds no longer registered.
    entry_model.objects.exclude(kind__in=[kind.model._meta.label_lower for kind in content_kinds()]).delete()
    return indexed


def _reindex_kind(kind, queryset, apps, replace):
    title, summary, others = searched_columns(kind)
    records = queryset.order_by("pk").only("pk", "status", *title, *summary, *others)
    batch = []
    for record in records.iterator(chunk_size=BATCH):
        batch.append(record)
        if len(batch) == BATCH:
            _write(kind, batch, apps, replace)
            batch = []
    if batch:
        _write(kind, batch, apps, replace)
