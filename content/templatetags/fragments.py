"""{% fragment shows more… %}…{% endfragment %}: a part of a page rendered once for the data it shows.

Most of a record's page is the same rows turned into the same HTML every time: template includes in loops,
Markdown, glossary links, Simplified Chinese. A fragment keeps that HTML in the shared cache (content.cache) under
a key made of what it was rendered from, never of when it was made (issue 28):

- `shows`, what the view says the fragment shows (records: every field they were read with; lists of records,
  and whether there are more), and the tag's other values (the page's address, say);
- the reader's language and time zone, and where the site is mounted (script prefix, URL configuration);
- what the body passes link to (content.term_links: the glossary's terms, as this process links them now) and
  the conversion table (bilingual.chinese), each as a digest of its contents;
- the code: the project's Python, templates, translation catalogs and static files, the installed packages'
  versions, how static files are addressed, and any setting a test overrode.

So an edit by any path (a save, a bulk update, a restored version, raw SQL) changes the key, and a stale fragment
is never served: there is nothing to invalidate. A fragment whose `shows` is not a list (a view that declares
nothing) is rendered afresh every time.

What the fragment shows must be in its values or be one of the above; a record it needs must be read before it
(resolving `shows` reads `object.published_sources`, say), so that a page makes the same queries, builds the same
records and carries the same surrogate keys (content.cache) on a hit as on a miss. A fragment that reads the
database while it renders is therefore not kept (and says so in the log). An unreachable cache is passed over:
the fragment is rendered, as without one.

    {% load fragments %}
    {% fragment page_shows canonical_url %}…{% endfragment %}
"""

import functools
import hashlib
import importlib.metadata
import logging
import marshal
import os
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import count
from uuid import UUID

from django import template
from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import connection, models
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from bilingual.chinese import current_table
from bilingual.text import body_passes_fingerprint

from ..cache import cache

log = logging.getLogger(__name__)
register = template.Library()

SETTING = "CONTENT_FRAGMENT_CACHE"  # False: every fragment rendered afresh (bench/render_cost.py compares)
FRAGMENT_SECONDS = 7 * 24 * 3600  # an entry never goes stale (its key is its content); unused ones go
_PLAIN = {str, int, float, bool, type(None)}  # exactly these types, as marshal writes them
_SCALARS = (str, int, float, date, time, datetime, timedelta, Decimal, UUID)  # written as their text
_CODE_SUFFIXES = (".py", ".html", ".txt", ".mo", ".css", ".js", ".svg")
_NOT_CODE = {"var", "staticfiles", "node_modules", "docs", "tools", "fixtures", "tests", "__pycache__"}

_code_fingerprint = None
_settings_changes = count()
_settings_changed = next(_settings_changes)  # 0 in every process that overrides no setting (all but tests')


@receiver(setting_changed)
def _setting_changed(setting, **kwargs):
    global _settings_changed
    if setting != SETTING:  # whether fragments are kept changes nothing they show
        _settings_changed = next(_settings_changes)


def code_fingerprint():
    """A digest of the code that renders pages, made once per process: the project's Python, templates,
    translation catalogs and static files, and the installed packages' versions (a deploy changing any of them
    gets new keys)."""
    global _code_fingerprint
    if _code_fingerprint is None:
        digest = hashlib.blake2b(digest_size=16)
        root = str(settings.BASE_DIR)
        for directory, subdirectories, files in os.walk(root):
            subdirectories[:] = sorted(d for d in subdirectories if d not in _NOT_CODE and not d.startswith("."))
            for name in sorted(files):
                if name.endswith(_CODE_SUFFIXES):
                    path = os.path.join(directory, name)
                    digest.update(os.path.relpath(path, root).encode())
                    with open(path, "rb") as file:
                        digest.update(file.read())
        packages = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
        digest.update("\n".join(packages).encode())
        _code_fingerprint = digest.hexdigest()
    return _code_fingerprint


def _static_addresses():
    """How static files are addressed: `make run`'s plain names and production's hashed ones share one cache."""
    storage = storages["staticfiles"]
    return (settings.STATIC_URL, type(storage).__qualname__, getattr(storage, "manifest_hash", ""))


def _plain(value):
    """`value` as plain data (what marshal writes): all a template may show of it, nothing that differs between
    processes. A record is its label and every stored field it was read with."""
    if isinstance(value, models.Model):
        fields = value.__dict__
        return (value._meta.label, [_plain_field(fields.get(name)) for name in _attnames(type(value))])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, getattr(value, "more", None), [_plain(item) for item in value])
    if isinstance(value, Promise):
        return str(value)
    return _plain_field(value)


def _plain_field(value):
    if type(value) in _PLAIN or type(value) in (dict, list):  # a JSON field's dicts and lists hold plain data only
        return value
    if isinstance(value, _SCALARS):
        return (type(value).__name__, str(value))
    raise TypeError(f"fragment: cannot key on {type(value).__name__} values")  # its repr might be its address


@functools.cache
def _attnames(model):
    return tuple(field.attname for field in model._meta.concrete_fields)


def fragment_key(name, values):
    """The cache key of the fragment `name` rendered from `values`, for this reader, process and code."""
    context = (
        code_fingerprint(),
        _settings_changed,
        name,
        get_language(),
        timezone.get_current_timezone_name(),
        get_script_prefix(),
        str(get_urlconf() or settings.ROOT_URLCONF),
        _static_addresses(),
        current_table().digest,
        body_passes_fingerprint(),
    )
    data = marshal.dumps((context, [_plain(value) for value in values]), 2)  # version 2: no shared references
    return f"fragment:{hashlib.blake2b(data, digest_size=20).hexdigest()}"


class _Reads:
    """A database execute wrapper noting whether any query ran."""

    ran = False

    def __call__(self, execute, sql, params, many, context):
        self.ran = True
        return execute(sql, params, many, context)


class FragmentNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values

    def render(self, context):
        shows = self.values[0].resolve(context, ignore_failures=True)  # None if the view set nothing
        if not isinstance(shows, (list, tuple)) or not getattr(settings, SETTING, True):
            return self.nodelist.render(context)
        values = [shows, *(value.resolve(context) for value in self.values[1:])]  # read on a hit and a miss alike
        name = f"{self.origin.template_name}:{self.token.lineno}"
        key = fragment_key(name, values)
        try:
            html = cache.get(key)
        except Exception:
            log.warning("fragments: the cache could not be read; rendering %s", name)
            html = None
        if html is not None:
            return mark_safe(html)
        reads = _Reads()
        with connection.execute_wrapper(reads):
            html = self.nodelist.render(context)
        if reads.ran:  # it showed something its key does not name: rendered afresh every time until fixed
            log.warning("fragments: %s read the database while it rendered; not kept", name)
        elif fragment_key(name, values) == key:  # the glossary's links or the conversion table did not change meanwhile
            try:
                cache.set(key, str(html), FRAGMENT_SECONDS)
            except Exception:
                log.warning("fragments: the cache refused %s", name)
        return html


@register.tag
def fragment(parser, token):
    """{% fragment shows value… %}…{% endfragment %}: the enclosed template, kept for these values (see above)."""
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not values:
        raise template.TemplateSyntaxError("fragment takes what the fragment shows, then any other values it varies by")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, values)
