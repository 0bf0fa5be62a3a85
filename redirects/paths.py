"""Addresses as the redirects table keeps them: one path for every language, e.g. `/modes/c2b`.

Readers' pages carry their language (`/en/modes/c2b/`, `/zh-hant/…`, `/zh-hans/…`) and share their slugs, so one
row answers for every language: the language is taken off the requested path before the look-up and put back on
the answer. Paths are kept without a trailing slash (as Wagtail's redirects keep them), so `/modes/c2b` and
`/modes/c2b/` are one address; no query string, no host.
"""

import copy
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from content.hygiene import text_problems
from content.registry import kind_of

MAX_PATH = 255  # as long as a stored path may be (Redirect.old_path)
MAX_SEGMENTS = 8  # a longer requested path is never looked up: no address of this site has as many


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def split_language(path):
    """(language, the rest of the path) for a path under a language prefix, else (None, path)."""
    first, slash, rest = path.lstrip("/").partition("/")
    if first in language_codes():
        return first, "/" + rest
    return None, path


def normalise(value):
    """The stored form of an address typed or requested in any of its forms: a full URL, with or without the
    language, with a query string, percent-encoded, with or without the slashes at either end."""
    path = unquote(urlsplit((value or "").strip()).path)
    path = "/" + "/".join(part for part in path.split("/") if part)  # one slash between parts, none at the end
    _language, path = split_language(path)
    return path


def path_problems(path):
    """What is wrong with a normalised `path` as an address to keep: a list of ValidationErrors. A NUL or another
    control character (decoded from %00: PostgreSQL refuses it), an invisible or direction-changing character, more
    parts than the look-up consults (candidates), more characters than a stored path holds."""
    problems = list(text_problems(path, single_line=True))
    if len(path.strip("/").split("/")) > MAX_SEGMENTS:
        problems.append(
            ValidationError(
                _("No address of this site has more than %(max)s parts between slashes."),
                code="segments",
                params={"max": MAX_SEGMENTS},
            )
        )
    if len(path) > MAX_PATH:
        problems.append(
            ValidationError(
                _("An address may be at most %(max)s characters long."), code="too_long", params={"max": MAX_PATH}
            )
        )
    return problems


def in_language(path, lang):
    """The reader's URL of a stored path in language `lang` (the slash at the end put back)."""
    return f"/{lang}{path.rstrip('/')}/"


def record_path(record, slug=None):
    """The stored form of `record`'s address (with `slug` instead of its own, if given); None for a kind whose
    records have no page of their own (a paragraph of the article is an #anchor on one page)."""
    kind = kind_of(record)
    if kind is None or not kind.has_own_pages:
        return None
    if slug is not None:
        record = copy.copy(record)
        record.slug = slug
    with translation.override(settings.LANGUAGE_CODE):
        return normalise(record.get_absolute_url())


def page_at(path):
    """What a stored path shows readers today: (the record, True) for a record's page, draft or published;
    (None, True) for another page of the site (a list, search, the home page); (None, False) for none."""
    lang = settings.LANGUAGE_CODE
    with translation.override(lang):  # i18n_patterns match the active language's prefix only
        for candidate in dict.fromkeys((in_language(path, lang), f"/{lang}{path}")):
            try:
                match = resolve(candidate)
            except Resolver404:
                continue
            model = getattr(getattr(match.func, "view_class", None), "model", None)
            slug = match.kwargs.get("slug")
            if slug is None or model is None or kind_of(model) is None:
                return None, True
            record = model._default_manager.filter(slug=slug).first()
            return record, record is not None
    return None, False


def candidates(path):
    """The path and each of its parents, longest first: `/modes/c2b/side-by-side` is looked up as itself and as
    `/modes/c2b` (a renamed record's every page follows it) and `/modes`."""
    parts = path.strip("/").split("/")
    if len(path) > MAX_PATH or len(parts) > MAX_SEGMENTS or path == "/" or "\x00" in path:  # PostgreSQL refuses NUL
        return []
    return ["/" + "/".join(parts[:end]) for end in range(len(parts), 0, -1)]
