"""Search latency over generated records, beside a plain page of the same site, in one run.

    .venv/bin/python bench/search_latency.py                      # SQLite, 10,000 records, 40 requests a query
    .venv/bin/python bench/search_latency.py --records 100000
    .venv/bin/python bench/search_latency.py --postgres postgres://postgres@127.0.0.1:5432/postgres --records 100000
    .venv/bin/python bench/search_latency.py ... --compare-build   # the index built record by record too, first
    .venv/bin/python bench/search_latency.py --existing URL --rebuild   # a kept database's index rebuilt, timed

It builds a throwaway database — SQLite in a temporary folder (never var/), or with --postgres a database
of its own on that server (`ecomkb_bench_search_<pid>`, dropped afterwards) — seeds the article's records,
adds generated modes, trends and companies whose text is remixed from the article (so common words match
thousands of records and rare ones a few), builds the search index as `reindexsearch` does (search.index.reindex:
rows in bulk, texts split in worker processes, lookup structures made after the rows) and prints how fast
(records a second, and the time that rate gives a million records), then times full requests through Django's
test client: URL routing, middleware, the queries, templates. Figures are milliseconds.

With --compare-build the index is first built the way it was before issue 28 — every record through the path a
save takes (search.index.update_records: model instances, the ORM's bulk_create), inside the same rebuild — and
the two indexes are compared row for row (a checksum of the table).
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("English words", "supply chain"),
    ("English, in most records", "e-commerce"),
    ("Chinese 2 characters, rare", "螞蟻"),
    ("Chinese 2 characters, common", "物流"),
    ("Simplified input, Traditional text", "供应链"),
    ("mainland wording, Taiwan text", "互联网"),
    ("full-width", "Ｂ２Ｂ"),
    ("several words", "阿里巴巴 京东"),
    ("no match", "blockchain"),
]
PLAIN_PAGE = "/en/trends/going-down-market/"


def remix(rng, texts, sentences):
    """A text of `sentences` sentences drawn from the article's texts in one language."""
    pool = [s for text in texts for s in text.replace("。", "。|").replace(". ", ".|").split("|") if s.strip()]
    return " ".join(rng.choice(pool) for _ in range(sentences))


def generate(count, rng):
    from content.registry import kind_of
    from modes.models import Company, OperationMode
    from search.folding import index_text
    from trends.models import Trend

    kinds = [
        (
            OperationMode,
            "body",
            lambda i: {
                "code": f"G{i}",
                "slug": f"gen-mode-{i}",
                "order": 100 + i % 32000,  # a smallint
                "seller_side_en": "Businesses",
                "buyer_side_en": "Consumers",
            },
        ),
        (Trend, "body", lambda i: {"number": 100 + i, "slug": f"gen-trend-{i}"}),
        (Company, "description", lambda i: {"slug": f"gen-company-{i}"}),
    ]
    # A third of each kind, but trends' numbers are unique smallints: past 32,000 trends, more companies.
    shares = [count // 3 + (1 if index < count % 3 else 0) for index in range(3)]
    shares[2] += max(0, shares[1] - 32000)
    shares[1] = min(shares[1], 32000)
    for index, (model, body, fixed) in enumerate(kinds):
        kind = kind_of(model)
        title, summary = kind.title_field, kind.text_fields[0]
        sources = list(model.objects.all())
        texts = {lang: [getattr(r, f"{body}_{lang}") for r in sources] for lang in ("en", "zh_hant")}
        batch = []
        for i in range(shares[index]):
            source = rng.choice(sources)
            record = model(status="published", **fixed(i))
            for lang in ("en", "zh_hant"):
                setattr(record, f"{title}_{lang}", f"{getattr(source, f'{title}_{lang}')} {i}")
                if summary != body:
                    setattr(record, f"{summary}_{lang}", getattr(source, f"{summary}_{lang}"))
                setattr(record, f"{body}_{lang}", remix(rng, texts[lang], rng.randint(3, 8)))
            record.search_text = index_text(record.search_values())  # bulk_create skips save()
            batch.append(record)
            if len(batch) == 2000:
                model.objects.bulk_create(batch, batch_size=500)
                batch = []
        model.objects.bulk_create(batch, batch_size=500)


def build_index(workers):
    """What `reindexsearch` does; (seconds, records indexed)."""
    from search.index import reindex

    started = time.perf_counter()
    indexed = reindex(workers=workers)
    return time.perf_counter() - started, indexed


def build_index_record_by_record():
    """The index as it was built before issue 28 (the same records, the same lookup structures made after the
    rows), each record through the path a save takes; (seconds, records indexed)."""
    from django.db import transaction

    from content.registry import content_kinds
    from search.backends import current_backend
    from search.index import BATCH, searched_columns, update_records

    started, indexed = time.perf_counter(), 0
    with transaction.atomic(), current_backend().rebuilding():
        for kind in content_kinds():
            title, summary, others = searched_columns(kind)
            records = kind.model.objects.filter(status="published").order_by("pk")
            batch = []
            for record in records.only("pk", "status", *title, *summary, *others).iterator(chunk_size=BATCH):
                batch.append(record)
                if len(batch) == BATCH:
                    update_records(batch)
                    indexed, batch = indexed + len(batch), []
            update_records(batch)
            indexed += len(batch)
    return time.perf_counter() - started, indexed


def index_checksum():
    """A digest of every entry as stored, in id order."""
    import hashlib

    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT md5(string_agg(md5(e::text), '' ORDER BY id)) FROM search_searchentry e")
            return cursor.fetchone()[0]
        digest, after = hashlib.md5(), -1
        while True:
            cursor.execute("SELECT * FROM search_searchentry WHERE id > %s ORDER BY id LIMIT 1000", [after])
            rows = cursor.fetchall()
            if not rows:
                return digest.hexdigest()
            digest.update(repr(rows).encode())
            after = rows[-1][0]


def build_figures(label, seconds, indexed):
    rate = indexed / seconds
    million = 1e6 / rate / 60
    return f"{label}: {indexed} records in {seconds:.0f} s, {rate:.0f} records/s (1,000,000 in {million:.1f} min)"


def timed(client, url, params, repeat):
    for _ in range(3):  # warm caches, as a running site has them
        client.get(url, params)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, params, response.status_code)
    return times


def percentile(times, p):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to make the throwaway database on")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (its place is printed)")
    parser.add_argument("--existing", metavar="URL", help="time a database kept by --keep again (nothing is built)")
    parser.add_argument("--rebuild", action="store_true", help="with --existing: rebuild its search index, timed")
    parser.add_argument(
        "--compare-build", action="store_true", help="build the index record by record first (as before issue 28)"
    )
    parser.add_argument("--workers", type=int, help="processes the index build splits texts in (default: one a core)")
    args = parser.parse_args()
    if args.existing:
        os.environ["DATABASE_URL"] = args.existing
        return run(args, None)

    folder = tempfile.mkdtemp(prefix="ecomkb-bench-")
    database = None
    if args.postgres:
        import psycopg

        database = f"ecomkb_bench_search_{os.getpid()}"
        with psycopg.connect(args.postgres, autocommit=True) as server:
            server.execute(f"CREATE DATABASE {database}")
        os.environ["DATABASE_URL"] = args.postgres.rsplit("/", 1)[0] + "/" + database
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    try:
        run(args, folder)
    finally:
        if args.keep:
            print(f"kept: {os.environ['DATABASE_URL']}")
        if database or not args.keep:
            shutil.rmtree(folder)  # on PostgreSQL the folder holds nothing
        if database and not args.keep:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(args.postgres, autocommit=True) as server:
                server.execute(f"DROP DATABASE {database}")


def database_size(folder):
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 1e6
    return os.path.getsize(f"{folder}/bench.sqlite3") / 1e6


def run(args, folder):
    os.environ["DJANGO_SETTINGS_MODULE"] = "ecomkb.settings_test"
    # Every request rendered in full: a repeated query would otherwise come from the page cache
    # (ecomkb/pagecache.py) in microseconds, which says nothing about a reader's first search.
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from modes.models import Company, OperationMode
    from search.index import default_workers
    from search.query import Query, search_published
    from trends.models import Trend

    workers = args.workers or default_workers()
    builds = []
    if folder is None:
        built = "an existing database"
        call_command("migrate", verbosity=0)  # a migration may change how rows are stored, not the rows
    else:
        call_command("migrate", verbosity=0)
        call_command("seed", stdout=open(os.devnull, "w"))
        started = time.perf_counter()
        generate(args.records, random.Random(2014))
        built = f"{args.records} generated in {time.perf_counter() - started:.0f} s"
    if args.compare_build:
        builds.append(build_figures("record by record (before)", *build_index_record_by_record()))
        before = index_checksum()
    if folder is not None or args.rebuild:
        builds.append(build_figures(f"in bulk, {workers} workers", *build_index(workers)))
        if args.compare_build:
            builds.append(f"the same entries both ways: {'yes' if index_checksum() == before else 'NO'}")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the content tables too, as the plain page reads them
    total = sum(m.objects.count() for m in (OperationMode, Trend, Company))
    print(
        f"{connection.vendor}: {total} records ({built}), database {database_size(folder):.0f} MB, "
        f"{args.repeat} timed requests each, after 3 warm-up requests; {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the start\n"
    )
    if builds:
        print("Index build (search.index.reindex):\n" + "\n".join(f"- {line}" for line in builds) + "\n")

    client = Client()
    rows = []
    all_search = []
    for label, q in QUERIES:
        times = timed(client, "/en/search/", {"q": q}, args.repeat)
        all_search += times
        found = search_published(Query.parse(q))
        rows.append((f"search: {label} `{q}`", f"{found.count}{'+' if found.more else ''}", times))
    rows.append(("**all searches**", None, all_search))
    rows.append((f"plain page `{PLAIN_PAGE}`", None, timed(client, PLAIN_PAGE, {}, args.repeat)))

    print("| request | matches | p50 ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for label, matches, times in rows:
        count = "" if matches is None else str(matches)
        print(f"| {label} | {count} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} |")


if __name__ == "__main__":
    main()
