#!/usr/bin/env python3
"""Render every kind of reader's page in every language into a directory, to compare two versions of the code.

    .venv/bin/python scripts/capture_pages.py /tmp/pages-before      # on the old code
    .venv/bin/python scripts/capture_pages.py /tmp/pages-after       # on the new code
    diff -r /tmp/pages-before /tmp/pages-after                       # nothing, when pages are byte-identical

A fresh SQLite database is migrated and seeded in a temporary directory; every record's
`updated_at` is then set to one fixed moment, so the sitemap's <lastmod> does not depend on when
the script ran. Each page is saved as a file named after its URL; index.txt lists URL, status
and content type. Uses the test settings (no secret needed) and Django's test client.
"""

import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LANGUAGES = ["en", "zh-hant", "zh-hans"]
SEARCHES = ["", "b2b", "B2B", "supply chain", "供應鏈", "供应链", "物流", "互联网", "zzzz-nothing", "a" * 150]
FIXED_MOMENT = "2026-01-01T00:00:00+00:00"


def urls(records):
    yield "/"
    yield "/robots.txt"
    yield "/sitemap.xml"
    for lang in LANGUAGES:
        prefix = f"/{lang}/"
        yield prefix
        for section in ("modes/", "trends/", "companies/", "search/"):
            yield prefix + section
        for record in records:
            path = record.get_absolute_url().split("/", 2)[2]  # without the language prefix
            yield prefix + path
            yield prefix + path + "side-by-side/"
        for query in SEARCHES:
            yield prefix + "search/?q=" + quote(query)
        yield prefix + "no-such-page/"
        yield prefix + "modes/no-such-mode/"
        yield prefix + "trends/no-such-trend/side-by-side/"


def file_name(url):
    return quote(url, safe="").replace("%", "_") or "_"


def main(target):
    workdir = tempfile.mkdtemp(prefix="capture-pages-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/db.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecomkb.settings_test")

    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.test import Client

    from modes.models import Company, OperationMode
    from trends.models import Trend

    call_command("migrate", verbosity=0)
    call_command("seed", stdout=StringIO())
    models = [OperationMode, Trend, Company]
    for model in models:
        model.objects.update(updated_at=FIXED_MOMENT)  # .update(): no auto_now, no history row
    records = [record for model in models for record in model.objects.order_by("pk")]

    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    index = []
    for url in urls(records):
        response = client.get(url)
        (out / file_name(url)).write_bytes(response.content)
        index.append(
            f"{url}\t{response.status_code}\t{response.get('Content-Type', '')}\t{response.get('Location', '')}"
        )
    (out / "index.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    print(f"{len(index)} pages written to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pages")
