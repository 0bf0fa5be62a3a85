"""The whole published knowledge base as files: JSON Lines and CSV per kind (the article's paragraphs are a
kind), a licence statement, a manifest and SHA-256 checksums (`manage.py dumpknowledge`, the download page).

A dump is written into a new directory beside the others and named in LATEST only once complete, so a reader
never downloads half a dump. Only the latest dump is served, and only while no record changed after it (a record
taken back to draft must not stay downloadable): served_dump. A request never builds a dump (at 49k records that
takes minutes): the download page asks for one (request_dump), which a daemon thread of that process builds, at
most every OPENDATA_DUMP_SECONDS and one process at a time (a file lock).
"""

import csv
import fcntl
import hashlib
import json
import logging
import os
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Max

from content.models import Publishable
from content.registry import content_kinds, seeding_order

from .records import SOURCES, record_data, relation_names, with_relations

log = logging.getLogger(__name__)

LATEST = "LATEST"  # names the newest complete dump directory
LOCK = ".lock"
MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
LICENCE = "LICENCE.txt"
KEPT = 2  # dumps kept: the newest, and the one a download may still be reading
CHUNK = 500  # records read at once
ABANDONED = 600  # seconds after which an unfinished .dump-* directory is a crashed build's, removed


def licence_statement():
    """What a reuser may do with the dump: honest about what nobody here can grant."""
    source = settings.SOURCE_ARTICLE
    own = settings.OPENDATA_LICENCE or (
        "None has been granted: the operator of this site has chosen no licence for them (setting "
        "OPENDATA_LICENCE). Ask before reusing them beyond what the law where you are allows."
    )
    return (
        "ecomkb: what you may do with this data\n\n"
        f"The article. The paragraphs of kind articleparagraph quote the article {source['title']} "
        f'("Classification of e-commerce operation modes"), published on {source["site"]}. The source names no '
        "licence, and its licence is unknown: ecomkb grants no rights in it. Quote it only as far as the law where "
        "you are allows (fair use, fair dealing, the right to quote) and credit the source. The English translation "
        "of the article is derived from it and carries the same uncertainty.\n\n"
        f"Everything else (the records' texts in both languages, their background and links) is the editors' own. "
        f"Licence: {own}\n"
    )


def latest_change():
    """When any record last changed (a save, a delete, publishing or unpublishing): one indexed MAX per kind."""
    dates = [kind.model.history.aggregate(latest=Max("history_date"))["latest"] for kind in content_kinds()]
    return max((date for date in dates if date is not None), default=None)


def _csv_row(data):
    row = {"key": data["key"], "slug": data["slug"], "updated_at": data["updated_at"].isoformat()}
    row |= {f"url_{lang}": url for lang, url in data["urls"].items()}
    for name, texts in data["texts"].items():
        row |= {f"{name}_{lang}": text for lang, text in texts.items()}
    row |= {name: "" if value is None else value for name, value in data["values"].items()}
    row |= {name: " ".join(keys) for name, keys in data["relations"].items()}
    if "sources" in data:
        row[SOURCES] = " ".join(source["key"] for source in data["sources"])
    return row


def _sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def write_dump(directory):
    """Write every published record into `directory` (which must not exist yet); returns the manifest."""
    directory = Path(directory)
    directory.mkdir(parents=True)
    with transaction.atomic():  # one consistent state of every kind (a repeatable read on PostgreSQL)
        changed = latest_change()
        counts = {}
        for kind in content_kinds():
            name = kind.model._meta.model_name
            records = with_relations(kind.model.objects.published().order_by("pk")).iterator(chunk_size=CHUNK)
            counts[name] = 0
            with (
                (directory / f"{name}.jsonl").open("w", encoding="utf-8") as lines,
                (directory / f"{name}.csv").open("w", encoding="utf-8", newline="") as table,
            ):
                writer = None
                for record in records:
                    data = record_data(kind, record)
                    lines.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True) + "\n")
                    row = _csv_row(data)
                    if writer is None:
                        writer = csv.DictWriter(table, fieldnames=list(row))
                        writer.writeheader()
                    writer.writerow(row)
                    counts[name] += 1
    (directory / LICENCE).write_text(licence_statement(), encoding="utf-8")
    files = sorted(path for path in directory.iterdir() if path.is_file())
    checksums = {path.name: _sha256(path) for path in files}
    manifest = {
        "generated_at": datetime.now(UTC).isoformat(),
        "latest_change": changed.isoformat() if changed else None,
        "records": counts,
        "files": [{"name": path.name, "bytes": path.stat().st_size, "sha256": checksums[path.name]} for path in files],
        "licence": LICENCE,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    lines = [f"{checksums[name]}  {name}\n" for name in sorted(checksums)]
    lines.append(f"{_sha256(directory / MANIFEST)}  {MANIFEST}\n")
    (directory / CHECKSUMS).write_text("".join(lines), encoding="utf-8")
    return manifest


def root():
    return Path(settings.OPENDATA_DUMP_DIR)


def latest_dump():
    """(directory, manifest) of the newest complete dump, or None."""
    try:
        name = (root() / LATEST).read_text().strip()
        directory = root() / name
        return directory, json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _remove_abandoned(base):
    """Unfinished dumps a killed build left behind (each as big as a dump)."""
    for old in base.glob(".dump-*"):
        try:
            if old.is_dir() and time.time() - old.stat().st_mtime > ABANDONED:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue  # another process removed it first


def make_dump():
    """A new dump in OPENDATA_DUMP_DIR, named LATEST once complete; older ones beyond KEPT removed."""
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(base)
    name = "dump-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    building = base / f".{name}"
    manifest = write_dump(building)
    building.rename(base / name)
    (base / f".{LATEST}").write_text(name)
    os.replace(base / f".{LATEST}", base / LATEST)  # atomic: readers see the old dump or the new one
    for old in sorted(p for p in base.glob("dump-*") if p.is_dir())[:-KEPT]:
        shutil.rmtree(old, ignore_errors=True)
    return base / name, manifest


def is_current(manifest, changed=None):
    """Whether a dump holds the latest change."""
    changed = changed or latest_change()
    dumped = manifest["latest_change"] and datetime.fromisoformat(manifest["latest_change"])
    return changed is None or bool(dumped and changed <= dumped)


def served_dump():
    """(directory, manifest) of the dump readers may download: the latest, while nothing changed after it; else
    None (what changed may be a record withdrawn from readers)."""
    current = latest_dump()
    return current if current is not None and is_current(current[1]) else None


def build_when_due():
    """Make a dump if the latest is out of date: once OPENDATA_DUMP_SECONDS have passed since it was made, and
    only if no other process is making one. Returns the new (directory, manifest), or None."""
    current = latest_dump()
    if current is not None:
        if is_current(current[1]):
            return None
        made = datetime.fromisoformat(current[1]["generated_at"])
        time.sleep(max(0.0, settings.OPENDATA_DUMP_SECONDS - (datetime.now(UTC) - made).total_seconds()))
    root().mkdir(parents=True, exist_ok=True)
    with (root() / LOCK).open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None  # another process is making one
        current = latest_dump()  # it may have finished one while this waited
        if current is not None and is_current(current[1]):
            return None
        return make_dump()


_builder = None  # this process's dump-making thread, while it runs
_builder_lock = threading.Lock()


def _build_in_background():
    try:
        build_when_due()
    except Exception:
        log.exception("opendata: making a dump failed; the next visit to the download page tries again")
    finally:
        connection.close()  # the thread's own database connection


def request_dump():
    """Start making a dump in a daemon thread, unless this process has one running already."""
    global _builder
    with _builder_lock:
        if _builder is not None and _builder.is_alive():
            return
        _builder = threading.Thread(target=_build_in_background, name="opendata-dump", daemon=True)
        _builder.start()


def load_dump(directory):
    """Create the dump's records in a database that has none of them (the test that a dump is whole): every
    kind's JSON Lines, links made by key once every kind is in."""
    directory = Path(directory)
    rows = {}
    with transaction.atomic():
        for kind in seeding_order():
            name = kind.model._meta.model_name
            rows[kind] = [json.loads(line) for line in (directory / f"{name}.jsonl").open(encoding="utf-8")]
            for data in rows[kind]:
                values = {
                    f"{field}_{lang}": text for field, texts in data["texts"].items() for lang, text in texts.items()
                }
                values |= data["values"]
                record = kind.model(key=data["key"], slug=data["slug"], status=Publishable.Status.PUBLISHED, **values)
                record.save()
        for kind, records in rows.items():
            by_key = {str(record.key): record for record in kind.model.objects.all()}
            for data in records:
                links = dict(data["relations"])
                if "sources" in data:
                    links[SOURCES] = [source["key"] for source in data["sources"]]
                for relation in relation_names(kind.model):
                    target = kind.model._meta.get_field(relation).related_model
                    getattr(by_key[data["key"]], relation).set(target.objects.filter(key__in=links.get(relation, [])))
