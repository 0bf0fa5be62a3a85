"""Atom feeds of recent changes (Django's syndication framework): every kind, or one, in each language."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from bilingual.languages import html_lang
from bilingual.reading import reader_text
from content.cache import shows_every_kind

from .history import kind_named, recent_changes
from .templatetags.opendata_links import version_url


class ChangesFeed(Feed):
    """The newest PAGE_SIZE public versions, as recent changes lists them."""

    feed_type = Atom1Feed

    def get_object(self, request, kind=None):
        shows_every_kind()
        if kind is None:
            return None
        found = kind_named(kind)
        if found is None:
            raise Http404("No such kind of content")
        return found

    def title(self, kind):
        if kind is None:
            return _("ecomkb: recent changes")
        return _("ecomkb: recent changes: %(kind)s") % {"kind": kind.model._meta.verbose_name_plural}

    def subtitle(self, kind):
        return _(
            "What editors changed in the knowledge base, newest first: which record, which fields, in which "
            "language, and when."
        )

    def link(self, kind):
        if kind is None:
            return reverse("opendata:changes")
        return reverse("opendata:kind_changes", kwargs={"kind": kind.model._meta.model_name})

    def feed_url(self, kind):
        if kind is None:
            return reverse("opendata:feed")
        return reverse("opendata:kind_feed", kwargs={"kind": kind.model._meta.model_name})

    def author_name(self):
        return _("ecomkb editors")

    @property
    def language(self):
        return html_lang()

    def items(self, kind):
        changes, _more = recent_changes(kinds=[kind] if kind else None)
        return changes

    def item_title(self, change):
        title = reader_text(change.record, change.kind.title_field).text
        return f"{change.kind.model._meta.verbose_name}: {title}"

    def item_description(self, change):
        if change.is_new:
            summary = _("First published.")
        else:
            summary = _("Changed: %(fields)s.") % {"fields": _(", ").join(field.label for field in change.changed)}
        return f"{summary} {change.reason}".strip()

    def item_link(self, change):
        return version_url(change)

    def item_pubdate(self, change):
        return change.date

    def item_updateddate(self, change):
        return change.date
