"""Readers' pages of what changed: recent changes (all kinds, or one), a record's public history, one version's
changes shown as a diff in the reader's language and script."""

from datetime import datetime
from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from bilingual.chinese import for_reader
from bilingual.languages import content_language
from content.cache import shows_every_kind
from editors.diff import inline_diff

from .dumps import CHECKSUMS, MANIFEST, licence_statement, request_dump, served_dump
from .history import (
    BadCursor,
    Change,
    kind_named,
    parse_cursor,
    previous_version,
    public_versions,
    recent_changes,
    record_versions,
)

CONTENT_TYPES = {
    ".jsonl": "application/jsonl; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
}


class KindMixin:
    """`kind` in the URL: a kind of content by its model's name; any other is a 404."""

    @cached_property
    def kind(self):
        label = self.kwargs.get("kind")
        if label is None:
            return None
        kind = kind_named(label)
        if kind is None:
            raise Http404("No such kind of content")
        return kind


class ChangesView(KindMixin, TemplateView):
    """/<lang>/changes/ (every kind) and /<lang>/changes/<kind>/: public versions, newest first, PAGE_SIZE a page;
    `?before=` names the last change of the page before (keyset: every page costs what the first does)."""

    template_name = "opendata/changes.html"

    def get_context_data(self, **kwargs):
        kwargs.pop("kind", None)  # the URL's name for it; the context's is the ContentKind
        before = self.request.GET.get("before")
        try:
            cursor = parse_cursor(before) if before is not None else None
        except BadCursor:
            raise Http404("No such page of changes") from None
        shows_every_kind()
        changes, more = recent_changes(kinds=[self.kind] if self.kind else None, cursor=cursor)
        feed_url = (
            reverse("opendata:kind_feed", kwargs={"kind": self.kwargs["kind"]})
            if self.kind
            else reverse("opendata:feed")
        )
        return super().get_context_data(
            kind=self.kind,
            changes=changes,
            next_cursor=changes[-1].cursor if more else None,
            feed_url=feed_url,
            **kwargs,
        )


class RecordMixin(KindMixin):
    """A published record named by its kind and stable key (its slug may change; its key never does)."""

    @cached_property
    def record(self):
        return get_object_or_404(self.kind.model.objects.published(), key=self.kwargs["key"])


class HistoryView(RecordMixin, TemplateView):
    """/<lang>/history/<kind>/<key>/: a record's public versions, newest first; `?before=<version>` pages on."""

    template_name = "opendata/history.html"

    def get_context_data(self, **kwargs):
        kwargs.pop("kind", None)  # the URL's name for it; the context's is the ContentKind
        before = self.request.GET.get("before")
        if before is not None and not (before.isascii() and before.isdigit() and len(before) <= 18):
            raise Http404("No such page of versions")
        changes, more = record_versions(self.kind, self.record, before=int(before) if before else None)
        return super().get_context_data(
            kind=self.kind,
            record=self.record,
            changes=changes,
            next_before=changes[-1].version.history_id if more else None,
            **kwargs,
        )


class VersionView(RecordMixin, TemplateView):
    """/<lang>/history/<kind>/<key>/<version>/: what one public version changed, its texts in the reader's
    language compared word by word (English) or character by character (Chinese, in the reader's script)."""

    template_name = "opendata/version.html"

    def get_context_data(self, **kwargs):
        kwargs.pop("kind", None)  # the URL's name for it; the context's is the ContentKind
        version = get_object_or_404(
            public_versions(self.kind.model), id=self.record.pk, history_id=self.kwargs["version"]
        )
        change = Change(self.kind, self.record, version, previous_version(self.kind.model, version))
        language = content_language().replace("-", "_")
        shown, elsewhere = [], []
        for field in change.changed:
            if field.language not in (None, language):
                elsewhere.append(field)
                continue
            lang = "en" if field.language == "en" else "zh-hant"
            old, _lang = for_reader(_text(change.previous, field.name), lang)
            new, _lang = for_reader(_text(version, field.name), lang)
            shown.append((field, inline_diff(old, new)))
        return super().get_context_data(
            kind=self.kind, record=self.record, change=change, diffs=shown, elsewhere=elsewhere, **kwargs
        )


def _text(version, name):
    value = getattr(version, name) if version is not None else ""
    return "" if value is None else str(value)


class DownloadsView(TemplateView):
    """/<lang>/downloads/: the latest dump's files, their sizes and checksums, and what reusers may do with them.
    Only a dump that holds the latest change is offered; otherwise the page says a new one is being made, which
    a background thread does (opendata.dumps.request_dump: never inside the request)."""

    template_name = "opendata/downloads.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.context_data["manifest"] is None:  # for now: no shared cache may keep this page
            response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs):
        shows_every_kind()
        served = served_dump()
        if served is None:
            request_dump()
        directory, manifest = served if served else (None, None)
        return super().get_context_data(
            dump=directory.name if directory else None,
            manifest=manifest,
            made=datetime.fromisoformat(manifest["generated_at"]) if manifest else None,
            licence=licence_statement(),
            **kwargs,
        )


def dump_file(request, dump, name):
    """/downloads/<dump>/<file>: a file the served dump's manifest lists (or the manifest, the checksums); any
    other dump, or the latest once a record changed after it, is a 404."""
    served = served_dump()
    if served is None or served[0].name != dump:
        raise Http404("No such dump")
    directory, manifest = served
    if name not in {entry["name"] for entry in manifest["files"]} | {MANIFEST, CHECKSUMS}:
        raise Http404("No such file")
    content_type = CONTENT_TYPES.get(Path(name).suffix, "text/plain; charset=utf-8")
    return FileResponse((directory / name).open("rb"), as_attachment=True, filename=name, content_type=content_type)
