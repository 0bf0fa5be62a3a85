"""Every page kind, uncached, at 10,000, 100,000 and 1,000,000 records, on SQLite and PostgreSQL.

    make bench-growth                                   # SQLite 10k, 100k; PostgreSQL 10k, 100k, 1M
    .venv/bin/python bench/growth.py --databases sqlite --sizes 10000,100000 --repeat 30
    .venv/bin/python bench/growth.py --databases postgres --sizes 10000 --keep   # keep growth_bench_10000

For each database and size it makes a database of its own (SQLite: a file in a temporary folder;
PostgreSQL: `growth_bench_<N>` on the server at --postgres, created and dropped here), migrates and seeds
it, adds N generated records (bench/corpus.py: bulk inserts, realistic relations), then times requests
through Django's test client with the page cache off and a staff user signed in (second factor proved) for
the admin pages: 3 warm-up requests, then --repeat timed ones. Each database and size runs in a process of
its own. It prints one table per database: p50 and p95 in milliseconds per page, and each p50's ratio to
the smallest size's; then each list's middle page against its first, reached by key as readers reach it
(content.views.PublishedListPaginator) and by number through OFFSET as before issue 28, in the same run.

    .venv/bin/python bench/growth.py --databases postgres --sizes 1000000 --only list   # the lists only
"""

import argparse
import contextlib
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PER_PAGE = 50  # the lists' page size (modes/views.py, trends/views.py)
SITEMAP_LIMIT = 2000  # URLs per sitemap page (pages/sitemaps.py)
LANGUAGES = 3  # each record has a URL per language in the sitemap


MIDDLE_BY_NUMBER = "companies list, middle page by number (OFFSET, before issue 28)"


def pages(counts, numbered_pages):
    """(label, url) of every page kind; `counts` = published records per kind, for the lists' last pages. The
    middle pages by key are `{middle_en}` and `{middle_zh}`: the key of the record before the middle page."""

    def last(kind):
        return max(1, math.ceil(counts[kind] / PER_PAGE))

    last_sitemap_page = max(1, math.ceil(counts["companies"] * LANGUAGES / SITEMAP_LIMIT))
    return [
        ("home", "/en/"),
        ("modes list", "/en/modes/"),
        ("modes list, last page", f"/en/modes/?page={last('modes')}"),
        ("trends list", "/en/trends/"),
        ("trends list, last page", f"/en/trends/?page={last('trends')}"),
        ("companies list", "/en/companies/"),
        ("companies list, last page", f"/en/companies/?page={last('companies')}"),
        (f"companies list, page {numbered_pages} (furthest by number)", f"/en/companies/?page={numbered_pages}"),
        ("companies list, middle page (by key)", "/en/companies/?after={middle_en}"),
        (MIDDLE_BY_NUMBER, f"/en/companies/?page={middle(counts['companies'])}"),
        ("companies list zh-hant (pinyin)", "/zh-hant/companies/"),
        ("companies list zh-hant, last page", f"/zh-hant/companies/?page={last('companies')}"),
        ("companies list zh-hant, middle page (by key)", "/zh-hant/companies/?after={middle_zh}"),
        ("mode B2C (most related)", "/en/modes/b2c/"),
        ("trend going-down-market", "/en/trends/going-down-market/"),
        ("trend, generated", "/en/trends/gen-trend-7/"),
        ("company Alibaba", "/en/companies/alibaba/"),
        ("company, generated", "/en/companies/gen-company-7/"),
        ("side by side (trend)", "/en/trends/going-down-market/side-by-side/"),
        ("article", "/en/article/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap page (companies, last)", f"/sitemap-company.xml?p={last_sitemap_page}"),
        ("admin index", "/admin/"),
        ("admin modes", "/admin/modes/operationmode/"),
        ("admin companies", "/admin/modes/company/"),
        ("admin trends", "/admin/trends/trend/"),
        ("admin paragraphs", "/admin/article/articleparagraph/"),
        ("admin trend form", "/admin/trends/trend/{trend_pk}/change/"),
    ]


def middle(count):
    """The number of a list's middle page."""
    return (max(1, math.ceil(count / PER_PAGE)) + 1) // 2


def middle_keys(count):
    """The key a reader's `?after=` carries to the companies' middle page, in each language's order: that of the
    last record of the page before it (found once here with OFFSET; a reader follows Next page links)."""
    from content.views import PublishedListPaginator
    from modes.models import Company
    from modes.selectors import companies_in_reading_order

    keys = {}
    for name, language in (("middle_en", "en"), ("middle_zh", "zh-hant")):
        paginator = PublishedListPaginator(companies_in_reading_order(Company.objects.published(), language), PER_PAGE)
        before = paginator.object_list[(middle(count) - 1) * PER_PAGE - 1]
        keys[name] = paginator.key_of(before)
    return keys


@contextlib.contextmanager
def every_page_numbered():
    """Every page reached by number through OFFSET, as lists were read before issue 28 (the measure to beat)."""
    from content.views import PublishedListPaginator

    numbered_pages = PublishedListPaginator.numbered_pages
    PublishedListPaginator.numbered_pages = 10**9
    try:
        yield
    finally:
        PublishedListPaginator.numbered_pages = numbered_pages


def percentile(times, p):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(client, url, repeat, slow_ms=3000):
    times = []
    for _ in range(3):  # warm-up, as a running site is warm
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    status = response.status_code
    if min(times) > slow_ms:  # a page that slow is measured a few times only, and the table says so
        repeat = 3
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return {"status": status, "n": repeat, "p50": statistics.median(times), "p95": percentile(times, 95)}


# One database and size, in a process of its own (settings are read once per process) ----------------


def postgres_url(base, name):
    return f"{base.rstrip('/')}/{name}"


def run_one(args):
    database, size = args.one[0], int(args.one[1])
    folder = None
    if database == "sqlite":
        folder = tempfile.mkdtemp(prefix="ecomkb-growth-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/growth.sqlite3"
    else:
        os.environ["DATABASE_URL"] = postgres_url(args.postgres, f"growth_bench_{size}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "ecomkb.settings_test"
    os.environ["PAGE_CACHE_SECONDS"] = "0"  # every request rendered in full
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts.testing import sign_in_verified
    from bench.corpus import build_corpus
    from content.views import NUMBERED_PAGES
    from modes.models import Company, OperationMode
    from trends.models import Trend

    assert settings.PAGE_CACHE_SECONDS == 0
    connection.settings_dict["CONN_MAX_AGE"] = 600  # one connection, as a running server keeps
    log = (lambda line: print(line, file=sys.stderr, flush=True)) if args.verbose else (lambda line: None)
    call_command("migrate", verbosity=0)
    built = None
    if not (args.reuse and Trend.objects.filter(slug="gen-trend-7").exists()):
        call_command("seed", stdout=open(os.devnull, "w"))
        share, seconds = build_corpus(size, random.Random(2014), batch_size=args.batch_size, report=log)
        built = seconds
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    counts = {
        "modes": OperationMode.objects.published().count(),
        "trends": Trend.objects.published().count(),
        "companies": Company.objects.published().count(),
    }
    total = sum(m.objects.count() for m in (OperationMode, Trend, Company))
    staff = User.objects.filter(username="growth-bench").first() or User.objects.create_superuser(
        "growth-bench", "bench@example.com", None
    )
    reader, editor = Client(), sign_in_verified(Client(), staff)
    trend_pk = Trend.objects.get(slug="going-down-market").pk
    keys = middle_keys(counts["companies"])
    results = {}
    for label, url in pages(counts, NUMBERED_PAGES):
        if args.only and args.only not in label:
            continue
        url = url.format(trend_pk=trend_pk, **keys)
        client = editor if url.startswith("/admin/") else reader
        with every_page_numbered() if label == MIDDLE_BY_NUMBER else contextlib.nullcontext():
            results[label] = {"url": url, **timed(client, url, args.repeat)}
        log(f"{label}: {results[label]}")
    out = {"database": database, "size": size, "records": total, "built_seconds": built, "results": results}
    print(json.dumps(out))
    connection.close()
    if folder:
        shutil.rmtree(folder)


# The whole run ------------------------------------------------------------------------------------------


def drop_postgres(args, name, create):
    import psycopg

    with psycopg.connect(postgres_url(args.postgres, "postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not (create and args.reuse):
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if create and not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def table(runs):
    runs = sorted(runs, key=lambda run: run["size"])
    base = runs[0]
    head = " | ".join(f"{run['size']:,} p50 / p95" for run in runs)
    ratios = " | ".join(f"{run['size'] // 1000:,}k ÷ {base['size'] // 1000:,}k" for run in runs[1:])
    lines = [f"| page | {head} | {ratios} |" if ratios else f"| page | {head} |"]
    lines.append("| --- |" + " ---: |" * (len(runs) * 2 - 1))
    for label in base["results"]:
        cells = []
        for run in runs:
            r = run["results"][label]
            mark = "" if r["status"] == 200 else f" ({r['status']})"
            few = "" if r["n"] >= 10 else f" (n={r['n']})"
            cells.append(f"{r['p50']:.1f} / {r['p95']:.1f}{mark}{few}")
        for run in runs[1:]:
            cells.append(f"{run['results'][label]['p50'] / base['results'][label]['p50']:.2f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def middle_ratios(runs):
    """Each run's middle page of the companies ÷ its first page (p50): by key, and by number through OFFSET."""
    pairs = [
        ("en, by key", "companies list, middle page (by key)", "companies list"),
        ("en, by number (OFFSET, before)", MIDDLE_BY_NUMBER, "companies list"),
        ("zh-hant, by key", "companies list zh-hant, middle page (by key)", "companies list zh-hant (pinyin)"),
    ]
    lines = []
    for run in sorted(runs, key=lambda run: run["size"]):
        results = run["results"]
        cells = [
            f"{name} {results[page]['p50']:.1f} ÷ {results[first]['p50']:.1f} ms = "
            f"{results[page]['p50'] / results[first]['p50']:.2f}"
            for name, page, first in pairs
            if page in results and first in results
        ]
        lines.append(f"- {run['size']:,}: middle ÷ first page: " + "; ".join(cells))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="generated records per database, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--postgres", default=os.environ.get("GROWTH_POSTGRES", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept PostgreSQL database (migrated again)")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--only", help="time only the pages whose label holds this text (e.g. list)")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args()
    if args.one:
        return run_one(args)

    sizes = [int(size) for size in args.sizes.split(",")]
    everything = {}
    for database in args.databases.split(","):
        runs = []
        for size in sizes:
            name = f"growth_bench_{size}"
            if database == "postgres":
                drop_postgres(args, name, create=True)
            started = time.perf_counter()
            command = [sys.executable, __file__, "--one", database, str(size), "--repeat", str(args.repeat)]
            command += ["--batch-size", str(args.batch_size), "--postgres", args.postgres]
            command += ["--reuse"] * args.reuse + ["--verbose"] * args.verbose
            command += ["--only", args.only] if args.only else []
            done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True, cwd=ROOT)
            run = json.loads(done.stdout.strip().splitlines()[-1])
            runs.append(run)
            built = f"built in {run['built_seconds']:.0f} s" if run["built_seconds"] else "reused"
            print(
                f"{database} {size:,}: {run['records']:,} records, {built}, "
                f"whole run {time.perf_counter() - started:.0f} s",
                flush=True,
            )
            if database == "postgres" and not args.keep:
                drop_postgres(args, name, create=False)
        everything[database] = runs
        load = os.getloadavg()
        print(f"\n### {database} ({args.repeat} timed requests each; load average {load[0]:.1f} at the end)\n")
        print(table(runs), flush=True)
        print()
        print(middle_ratios(runs), flush=True)
        print()
    if args.json:
        Path(args.json).write_text(json.dumps(everything, indent=1))


if __name__ == "__main__":
    main()
