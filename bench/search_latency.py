"""Search latency over generated records on SQLite, beside a plain page of the same site, in one run.

    .venv/bin/python bench/search_latency.py            # 10,000 records, 40 timed requests per query
    .venv/bin/python bench/search_latency.py --records 2000 --repeat 20

It builds a throwaway SQLite database in a temporary folder (never var/), seeds the article's
records, adds generated modes, trends and companies whose text is remixed from the article (so
common words match thousands of records and rare ones a few), then times full requests through
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
                "order": 100 + i,
                "seller_side_en": "Businesses",
                "buyer_side_en": "Consumers",
            },
        ),
        (Trend, "body", lambda i: {"number": 100 + i, "slug": f"gen-trend-{i}"}),
        (Company, "description", lambda i: {"slug": f"gen-company-{i}"}),
    ]
    for index, (model, body, fixed) in enumerate(kinds):
        kind = kind_of(model)
        title, summary = kind.title_field, kind.text_fields[0]
        sources = list(model.objects.all())
        texts = {lang: [getattr(r, f"{body}_{lang}") for r in sources] for lang in ("en", "zh_hant")}
        batch = []
        for i in range(count // 3 + (1 if index < count % 3 else 0)):
            source = rng.choice(sources)
            record = model(status="published", **fixed(i))
            for lang in ("en", "zh_hant"):
                setattr(record, f"{title}_{lang}", f"{getattr(source, f'{title}_{lang}')} {i}")
                if summary != body:
                    setattr(record, f"{summary}_{lang}", getattr(source, f"{summary}_{lang}"))
                setattr(record, f"{body}_{lang}", remix(rng, texts[lang], rng.randint(3, 8)))
            record.search_text = index_text(record.search_values())  # bulk_create skips save()
            batch.append(record)
        model.objects.bulk_create(batch, batch_size=500)


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

    from modes.models import Company, OperationMode
    from search.query import Query, search_published  # noqa: F401  (imported to fail early if broken)
    from trends.models import Trend

    call_command("migrate", verbosity=0)
    call_command("seed", stdout=open(os.devnull, "w"))
    started = time.perf_counter()
    generate(args.records, random.Random(2014))
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
