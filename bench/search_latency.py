"""Search latency over generated records on SQLite, beside a plain page of the same site, in one run.

    .venv/bin/python bench/search_latency.py            # 10,000 records, 40 timed requests per query
    .venv/bin/python bench/search_latency.py --records 2000 --repeat 20

It builds a throwaway SQLite database in a temporary folder (never var/), seeds the article's
records, adds generated modes, trends and companies whose text is remixed from the article
(bench/corpus.py, shared with bench/growth.py: common words match thousands of records and rare
ones a few), then times full requests through
Django's test client: URL routing, middleware, the queries, templates. Figures are milliseconds.
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
    ("English, rare", "supply chain"),
    ("Simplified, rare", "供应链"),
    ("Chinese substring, common", "物流"),
    ("English, in every record", "e-commerce"),
    ("full-width", "Ｂ２Ｂ"),
    ("two words", "阿里巴巴 京东"),
    ("no match", "blockchain"),
]
PLAIN_PAGE = "/en/trends/going-down-market/"


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
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="ecomkb-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "ecomkb.settings_test"
    # Every request rendered in full: a repeated query would otherwise come from the page cache
    # (ecomkb/pagecache.py) in microseconds, which says nothing about a reader's first search.
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench.corpus import build_corpus
    from modes.models import Company, OperationMode
    from search.query import Query, search_published  # noqa: F401  (imported to fail early if broken)
    from trends.models import Trend

    call_command("migrate", verbosity=0)
    call_command("seed", stdout=open(os.devnull, "w"))
    started = time.perf_counter()
    build_corpus(args.records, random.Random(2014))  # the corpus bench/growth.py times every page kind on
    total = sum(m.objects.count() for m in (OperationMode, Trend, Company))
    size = os.path.getsize(f"{folder}/bench.sqlite3") / 1e6
    print(
        f"{total} records ({args.records} generated in {time.perf_counter() - started:.1f} s), "
        f"database {size:.0f} MB, {args.repeat} timed requests each, after 3 warm-up requests; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start\n"
    )

    client = Client()
    rows = []
    all_search = []
    for label, q in QUERIES:
        times = timed(client, "/en/search/", {"q": q}, args.repeat)
        all_search += times
        found = search_published(Query.parse(q))
        rows.append((f"search: {label} `{q}`", sum(g.count for g in found), times))
    rows.append(("**all searches**", None, all_search))
    rows.append((f"plain page `{PLAIN_PAGE}`", None, timed(client, PLAIN_PAGE, {}, args.repeat)))

    print("| request | matches | p50 ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for label, matches, times in rows:
        count = "" if matches is None else str(matches)
        print(f"| {label} | {count} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} |")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
