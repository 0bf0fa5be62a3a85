"""What caches of readers' pages need from content: the shared cache (CACHE_URL, the "pages" alias), and the
surrogate keys that name what a page shows.

The shared cache is not Django's default cache, which holds sign-in's security state (ecomkb.settings, CACHES):
no reader's request may push that out, and sign-in must not fail when this cache does.

Surrogate keys label a page as it renders, not by a list per view: every content record built from the database
while the page renders (post_init) names itself, and every query that reads a kind's table names the kind. So a
page showing company 12 carries `company:12`, and a list, a count or an empty result over companies
`company:list`.

    site            every page a shared cache may hold (a deploy purges it: templates may have changed)
    <kind>:<pk>     the page shows this record (kind: the model's name)
    <kind>:list     the page read the kind's table: which records of the kind exist, their order, or their count
    <kind>:all      the page shows more records of the kind than it can name, or searched their text

A change purges (changed_keys): `<kind>:<pk>` and `<kind>:all` for an edit of a record's text; also
`<kind>:list` when the set of records or their order may have changed (a new record, a delete, a status, slug,
title or ordering change, a bulk change); and the other end of a changed relation.
"""

import contextvars

from django.core.cache import caches
from django.db import connection
from django.db.models import TextField
from django.db.models.signals import post_init
from django.utils.connection import ConnectionProxy

from .registry import content_kinds, content_models, kind_of

cache = ConnectionProxy(caches, "pages")


SITE_KEY = "site"
MOST_KEYS_OF_A_KIND = 200  # a page naming more records of one kind carries <kind>:all instead (header sizes)
KEYS_BYTES = 6000  # a header line longer than 8 KB fails in Varnish by default; Fastly takes 16 KB
MOST_RELATED_PKS = 100  # a relation change naming more records purges their kind's list instead

_collecting = contextvars.ContextVar("surrogate_keys", default=None)


def kind_label(model):
    return model._meta.concrete_model._meta.model_name


def record_key(record):
    return f"{kind_label(type(record))}:{record.pk}"


def list_key(model):
    return f"{kind_label(model)}:list"


def all_key(model):
    return f"{kind_label(model)}:all"


def every_kind_key():
    """What a page depending on the text of any record carries (search results)."""
    return {key for model in content_models() for key in (list_key(model), all_key(model))}


class PageKeys:
    """The keys of the page being rendered in this request (Collector.collect)."""

    def __init__(self):
        self.records = {}  # model -> {pk}
        self.kinds = set()  # models whose table the page read
        self.extra = set()

    def add_record(self, record):
        if record.pk is not None:
            self.records.setdefault(type(record)._meta.concrete_model, set()).add(record.pk)

    def watch(self, execute, sql, params, many, context):
        """A database execute wrapper: each content table a query reads names its kind."""
        for table, models in _tables().items():
            if table in sql:
                self.kinds.update(models)
        return execute(sql, params, many, context)

    def keys(self):
        """The page's keys: records named one by one while they fit (KEYS_BYTES), the most numerous kinds by
        `<kind>:all` when they do not."""
        keys = {SITE_KEY, *self.extra}
        keys.update(list_key(model) for model in self.kinds)
        named = {model: pks for model, pks in self.records.items() if len(pks) <= MOST_KEYS_OF_A_KIND}
        for model in self.records:
            keys.add(list_key(model))
            if model not in named:
                keys.add(all_key(model))
        spelled = {model: [f"{kind_label(model)}:{pk}" for pk in pks] for model, pks in named.items()}
        size = sum(len(key) + 1 for key in keys) + sum(len(key) + 1 for each in spelled.values() for key in each)
        for model in sorted(spelled, key=lambda model: -len(spelled[model])):
            if size <= KEYS_BYTES:
                break
            size -= sum(len(key) + 1 for key in spelled.pop(model))
            keys.add(all_key(model))
        for each in spelled.values():
            keys.update(each)
        return keys


class collect:
    """`with collect() as page:` labels what is rendered inside it (page.keys())."""

    def __enter__(self):
        _connect()
        self.page = PageKeys()
        self.token = _collecting.set(self.page)
        self.wrapper = connection.execute_wrapper(self.page.watch)
        self.wrapper.__enter__()
        return self.page

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)
        _collecting.reset(self.token)


def _record_built(sender, instance, **kwargs):
    page = _collecting.get()
    if page is not None:
        page.add_record(instance)


_table_kinds = None


def _tables():
    """{quoted table name: [content models]}: each kind's table, and each link table between two kinds."""
    global _table_kinds
    if _table_kinds is None:
        quote = connection.ops.quote_name
        tables = {}
        for model in content_models():
            tables.setdefault(quote(model._meta.db_table), []).append(model)
            for field in model._meta.local_many_to_many:
                if kind_of(field.related_model):
                    tables[quote(field.m2m_db_table())] = [model, field.related_model]
        _table_kinds = tables
    return _table_kinds


_connected = False


def _connect():
    """On the first page labelled (the registry is complete by then): each kind's records name themselves."""
    global _connected
    if not _connected:
        for kind in content_kinds():
            post_init.connect(_record_built, sender=kind.model, dispatch_uid=f"surrogate-keys-{kind.model._meta.label}")
        _connected = True


def changed_keys(model, record=None, created=False, deleted=False, related_model=None, related_pks=None):
    """The keys a change (content.signals.content_changed's arguments) makes stale. Whether a saved record's
    listing changed is known when remember_listed saw it before the save; if not, its lists are purged too."""
    if kind_of(model) is None:  # something every page may show changed (a conversion table): all of them
        return {SITE_KEY}
    keys = {all_key(model)}
    if record is None:
        return keys | {list_key(model)}  # a bulk change: which records, no one said
    keys.add(record_key(record))
    if related_model is not None:
        if kind_of(related_model) is not None:
            keys.add(all_key(related_model))
            if related_pks is None or len(related_pks) > MOST_RELATED_PKS:
                keys.add(list_key(related_model))
            else:
                keys.update(f"{kind_label(related_model)}:{pk}" for pk in related_pks)
        return keys
    before = getattr(record, "_listed_before", None)
    if created or deleted or before is None or before != listed_values(record):
        keys.add(list_key(model))
    return keys


def listed_fields(model):
    """The columns that decide whether and where a record is listed (all but its texts and bookkeeping)."""
    kind = kind_of(model)
    texts = set(kind.text_fields) if kind else set()
    bookkeeping = {name for cls in model.__mro__ for name in cls.__dict__.get("bookkeeping_fields", ())}
    names = []
    for field in model._meta.concrete_fields:
        base = getattr(field, "translated_field", None)
        if field.name in texts or (base is not None and base.name in texts) or field.name == "updated_at":
            continue
        if field.name in bookkeeping or field.primary_key or isinstance(field, TextField):
            continue
        names.append(field.attname)
    return names


def listed_values(record):
    return tuple(getattr(record, name) for name in listed_fields(type(record)))


def remember_listed(record):
    """Before a save: note the record's listed fields as stored, so that changed_keys can tell an edit of its
    text (its own pages) from a change of where it is listed (every list of its kind)."""
    if kind_of(record) is None or record.pk is None:
        return
    fields = listed_fields(type(record))
    stored = type(record)._base_manager.filter(pk=record.pk).values_list(*fields).first()
    record._listed_before = stored


def shows_every_kind():
    """The page being rendered depends on every kind's records, named or not (recent changes, feeds): it carries
    every kind's keys, so that any change purges it."""
    page = _collecting.get()
    if page is not None:
        page.extra |= every_kind_key()
