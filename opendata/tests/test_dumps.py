"""Dumps of the published knowledge base: written by `manage.py dumpknowledge`, whole (re-imported into an empty
database they make the same dump), checksummed, licensed honestly, served by the download page."""

import csv
import hashlib
import io
import json
import os
import threading
import time

import pytest
from django.core.management import call_command

from content.registry import content_kinds, seeding_order
from modes.models import Company
from opendata.dumps import build_when_due, load_dump, make_dump, request_dump

from .helpers import edit

LANGUAGES = ["en", "zh-hant", "zh-hans"]
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dump_dir(settings, tmp_path):
    settings.OPENDATA_DUMP_DIR = tmp_path / "dumps"
    return settings.OPENDATA_DUMP_DIR


def dump(directory):
    call_command("dumpknowledge", str(directory), stdout=io.StringIO())
    return json.loads((directory / "manifest.json").read_text())


def records(directory):
    """Each kind's records as the dump has them, but for when they were saved."""
    found = {}
    for kind in content_kinds():
        name = kind.model._meta.model_name
        lines = [json.loads(line) for line in (directory / f"{name}.jsonl").open(encoding="utf-8")]
        found[name] = sorted(({**row, "updated_at": None} for row in lines), key=lambda row: row["key"])
    return found


def test_a_dump_reimported_into_an_empty_database_makes_the_same_dump(tmp_path):
    original = tmp_path / "original"
    manifest = dump(original)
    assert manifest["records"]["articleparagraph"] and manifest["records"]["company"]
    for kind in reversed(seeding_order()):
        kind.model.objects.all().delete()
    assert not any(kind.model.objects.exists() for kind in content_kinds())
    load_dump(original)
    again = tmp_path / "again"
    dump(again)
    assert records(again) == records(original)


def test_a_dump_holds_published_records_only(tmp_path):
    alibaba = Company.objects.get(slug="alibaba")
    edit(alibaba, status="draft")
    dump(tmp_path / "dump")
    text = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "dump").iterdir())
    assert str(alibaba.key) not in text


def test_every_file_is_checksummed(tmp_path):
    manifest = dump(tmp_path / "dump")
    sums = dict(reversed(line.split("  ")) for line in (tmp_path / "dump" / "SHA256SUMS").read_text().splitlines())
    for entry in manifest["files"]:
        content = (tmp_path / "dump" / entry["name"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry["sha256"] == sums[entry["name"]]
    assert {f"{kind.model._meta.model_name}.{ext}" for kind in content_kinds() for ext in ("jsonl", "csv")} <= set(sums)
    assert "manifest.json" in sums and "LICENCE.txt" in sums


def test_the_csv_has_both_languages_and_the_sources(tmp_path):
    dump(tmp_path / "dump")
    rows = list(csv.DictReader((tmp_path / "dump" / "company.csv").open(encoding="utf-8")))
    alibaba = next(row for row in rows if row["slug"] == "alibaba")
    company = Company.objects.get(slug="alibaba")
    assert (alibaba["name_en"], alibaba["name_zh_hant"]) == (company.name_en, company.name_zh_hant)
    assert set(alibaba["sources"].split()) == {str(p.key) for p in company.sources.published()}


def test_the_licence_statement_is_honest_about_the_article(tmp_path, settings):
    dump(tmp_path / "plain")
    statement = (tmp_path / "plain" / "LICENCE.txt").read_text()
    assert "names no licence" in statement and "unknown" in statement
    assert "None has been granted" in statement
    settings.OPENDATA_LICENCE = "CC BY 4.0"
    dump(tmp_path / "chosen")
    assert "Licence: CC BY 4.0" in (tmp_path / "chosen" / "LICENCE.txt").read_text()


@pytest.fixture
def requested(monkeypatch):
    """The dumps the page asked for, made here when the test says (the thread's work, without the thread)."""
    asked = []
    monkeypatch.setattr("opendata.views.request_dump", lambda: asked.append(True))
    return asked


def made_dumps(dump_dir):
    return sorted(path.name for path in dump_dir.iterdir()) if dump_dir.exists() else []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_download_page_never_builds_a_dump_itself_it_asks_for_one(client, lang, requested, dump_dir):
    page = client.get(f"/{lang}/downloads/")
    assert page.status_code == 200 and page.context["manifest"] is None
    assert made_dumps(dump_dir) == [] and requested == [True]
    message = {"en": "is being prepared", "zh-hant": "正在準備中", "zh-hans": "正在准备中"}[lang]
    assert message in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_download_page_serves_the_latest_dump_until_a_change(client, lang, requested, settings):
    settings.OPENDATA_DUMP_SECONDS = 0
    build_when_due()
    page = client.get(f"/{lang}/downloads/")
    assert requested == []
    manifest = page.context["manifest"]
    link = f"/downloads/{page.context['dump']}/company.jsonl"
    assert link in page.content.decode()
    served = b"".join(client.get(link).streaming_content)
    entry = next(e for e in manifest["files"] if e["name"] == "company.jsonl")
    assert hashlib.sha256(served).hexdigest() == entry["sha256"]
    edit(Company.objects.get(slug="alibaba"), description_en="Changed for the dump.")
    waiting = client.get(f"/{lang}/downloads/")
    assert waiting.context["manifest"] is None and requested == [True]
    assert client.get(link).status_code == 404
    build_when_due()
    again = client.get(f"/{lang}/downloads/")
    assert again.context["dump"] != page.context["dump"]
    served = b"".join(client.get(f"/downloads/{again.context['dump']}/company.jsonl").streaming_content)
    assert "Changed for the dump." in served.decode()


def test_a_record_taken_back_to_draft_is_never_downloadable(client, requested, settings):
    settings.OPENDATA_DUMP_SECONDS = 0
    alibaba = Company.objects.get(slug="alibaba")
    old, _manifest = build_when_due()
    edit(Company.objects.get(slug="jd"), description_en="A newer dump.")
    latest, _manifest = build_when_due()
    assert client.get(f"/downloads/{latest.name}/company.jsonl").status_code == 200
    assert client.get(f"/downloads/{old.name}/company.jsonl").status_code == 404  # an older dump, never
    edit(alibaba, status="draft")
    for name in ("company.jsonl", "company.csv", "manifest.json", "SHA256SUMS"):
        assert client.get(f"/downloads/{latest.name}/{name}").status_code == 404
    build_when_due()
    page = client.get("/en/downloads/")
    served = b"".join(
        b"".join(client.get(f"/downloads/{page.context['dump']}/{entry['name']}").streaming_content)
        for entry in page.context["manifest"]["files"]
    )
    assert str(alibaba.key).encode() not in served


def test_a_dump_is_made_once_the_interval_has_passed(settings, monkeypatch):
    settings.OPENDATA_DUMP_SECONDS = 3600
    first, manifest = build_when_due()
    assert build_when_due() is None  # nothing changed
    edit(Company.objects.get(slug="alibaba"), description_en="Changed again.")
    slept = []
    monkeypatch.setattr("opendata.dumps.time.sleep", slept.append)
    second, _manifest = build_when_due()
    assert second != first and 3590 < slept[0] <= 3600


def test_a_build_removes_what_killed_builds_left_behind(settings, dump_dir):
    dump_dir.mkdir(parents=True)
    abandoned, running = dump_dir / ".dump-20260101T000000000000Z", dump_dir / ".dump-20260101T000100000000Z"
    for unfinished in (abandoned, running):
        unfinished.mkdir()
        (unfinished / "company.jsonl").write_text("{}")
    long_ago = time.time() - 3600
    os.utime(abandoned, (long_ago, long_ago))
    make_dump()
    assert not abandoned.exists() and running.exists()


def test_a_dump_is_made_in_a_thread_of_its_own(monkeypatch):
    done = threading.Event()
    monkeypatch.setattr("opendata.dumps.build_when_due", done.set)
    request_dump()
    assert done.wait(5)


@pytest.mark.parametrize(
    "path", ["/downloads/dump-x/company.jsonl", "/downloads/dump-20260101T000000000000Z/company.jsonl"]
)
def test_unknown_dumps_and_files_are_a_404(client, path):
    assert client.get(path).status_code == 404


def test_only_listed_files_are_served(client):
    dump_name = make_dump()[0].name
    assert client.get(f"/downloads/{dump_name}/..%2f..%2fsettings.py").status_code == 404
    assert client.get(f"/downloads/{dump_name}/nothing.csv").status_code == 404
