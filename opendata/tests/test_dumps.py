"""Dumps of the published knowledge base: written by `manage.py dumpknowledge`, whole (re-imported into an empty
database they make the same dump), checksummed, licensed honestly, served by the download page."""

import csv
import hashlib
import io
import json

import pytest
from django.core.management import call_command

from content.registry import content_kinds, seeding_order
from modes.models import Company
from opendata.dumps import load_dump

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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_download_page_serves_the_latest_dump_and_makes_a_new_one_after_a_change(client, lang, settings):
    settings.OPENDATA_DUMP_SECONDS = 0
    page = client.get(f"/{lang}/downloads/")
    assert page.status_code == 200
    manifest = page.context["manifest"]
    link = f"/downloads/{page.context['dump']}/company.jsonl"
    assert link in page.content.decode()
    served = b"".join(client.get(link).streaming_content)
    entry = next(e for e in manifest["files"] if e["name"] == "company.jsonl")
    assert hashlib.sha256(served).hexdigest() == entry["sha256"]
    alibaba = Company.objects.get(slug="alibaba")
    edit(alibaba, description_en="Changed for the dump.")
    again = client.get(f"/{lang}/downloads/")
    assert again.context["dump"] != page.context["dump"]
    served = b"".join(client.get(f"/downloads/{again.context['dump']}/company.jsonl").streaming_content)
    assert "Changed for the dump." in served.decode()


def test_a_change_within_the_interval_waits_and_the_page_is_not_shared(client, settings):
    settings.OPENDATA_DUMP_SECONDS = 3600
    first = client.get("/en/downloads/").context["dump"]
    edit(Company.objects.get(slug="alibaba"), description_en="Changed again.")
    page = client.get("/en/downloads/")
    assert page.context["dump"] == first and not page.context["current"]
    assert page["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "path", ["/downloads/dump-x/company.jsonl", "/downloads/dump-20260101T000000000000Z/company.jsonl"]
)
def test_unknown_dumps_and_files_are_a_404(client, path):
    assert client.get(path).status_code == 404


def test_only_listed_files_are_served(client):
    dump_name = client.get("/en/downloads/").context["dump"]
    assert client.get(f"/downloads/{dump_name}/..%2f..%2fsettings.py").status_code == 404
    assert client.get(f"/downloads/{dump_name}/nothing.csv").status_code == 404
