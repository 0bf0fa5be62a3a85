"""How much of the page cache one edit throws away: pages rendered again after each kind of change, against a
change that makes every page stale (what every save did before the cache was purged by surrogate key).

    .venv/bin/python bench/after_an_edit.py                      # the seeded site, SQLite
    .venv/bin/python bench/after_an_edit.py --records 10000      # plus generated records (bench/corpus.py)

In a throwaway SQLite database (migrated, seeded, plus --records generated records), with the page cache on in
this process's memory, it reads every reader page of every seeded record in the three languages (its page and its
side-by-side page), the lists, the home, article and glossary pages and --sample generated records' pages, so
that all are cached; then, for each change, it makes the change, reads every page again and counts those rendered
anew (a page from the cache renders no template) and the time the whole pass took. The last row makes
every page stale (as a deploy does), in the same run.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def reader_pages(sample, rng):
    from django.urls import NoReverseMatch, resolve, reverse
    from django.utils import translation

    from content.registry import content_kinds

    urls = []
    for lang in ("en", "zh-hant", "zh-hans"):
        with translation.override(lang):
            urls += [reverse("home"), reverse("search")]
            for kind in content_kinds():
                if kind.list_url_name:
                    urls.append(reverse(kind.list_url_name))
                records = list(kind.model.objects.published())
                seeded = [r for r in records if not r.slug.startswith("gen-")]
                generated = [r for r in records if r.slug.startswith("gen-")]
                for record in seeded + rng.sample(generated, min(sample, len(generated))):
                    url = record.get_absolute_url().split("#")[0]  # a paragraph is a place on the article page
                    urls.append(url)
                    if kind.has_own_pages:
                        side_by_side = resolve(url).url_name.replace("_detail", "_side_by_side")
                        try:
                            urls.append(reverse(side_by_side, args=[record.slug]))
                        except NoReverseMatch:
                            pass
    return sorted(set(urls))


def read_all(client, urls):
    """(pages rendered anew, milliseconds for the whole pass)."""
    rendered, started = 0, time.perf_counter()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        rendered += bool(response.templates)  # a page from the cache renders no template
    return rendered, (time.perf_counter() - started) * 1000


def changes():
    """(label, change) pairs: each a save as an editor's would be, by the models' own save()."""
    from glossary.models import Term
    from modes.models import Company
    from pagecache.generation import renew_or_forget
    from trends.models import Trend

    def edit_company():
        company = Company.objects.get(slug="jd")
        company.description_en += " Edited."
        company.save()

    def edit_trend():
        trend = Trend.objects.get(slug="going-global")
        trend.summary_en += " Edited."
        trend.save()

    def edit_term():
        term = Term.objects.published().first()
        term.definition_en += " Edited."
        term.save()

    def publish_company():
        Company.objects.create(slug="bench-new", name_en="Bench New", description_en="A company.", status="published")

    def link():
        Trend.objects.get(slug="going-global").companies.add(Company.objects.get(slug="jd"))

    return [
        ("a company's description edited (JD)", edit_company),
        ("a trend's summary edited", edit_trend),
        ("a glossary definition edited", edit_term),
        ("a trend linked to a company", link),
        ("a new company published", publish_company),
        ("every page stale (a deploy; every save before)", lambda: renew_or_forget()),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=0, help="generated records added to the seeded ones")
    parser.add_argument("--sample", type=int, default=100, help="generated records whose pages are read, per kind")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="ecomkb-bench-")
    os.environ.update(
        DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3",
        DJANGO_SETTINGS_MODULE="ecomkb.settings_test",
        CACHE_URL="locmem://",
    )
    try:
        run(args)
    finally:
        shutil.rmtree(folder)


def run(args):
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # templates report their rendering to the test client (response.templates)
    settings.PAGE_CACHE_SECONDS = 3600  # the test settings turn it off; this is about it
    call_command("migrate", verbosity=0)
    call_command("seed", stdout=open(os.devnull, "w"))
    if args.records:
        from bench.corpus import build_corpus

        build_corpus(args.records, random.Random(2014))
    rng = random.Random(2014)
    client = Client()
    urls = reader_pages(args.sample, rng)
    read_all(client, urls)
    assert read_all(client, urls)[0] == 0, "every page is cached after one pass"
    print(f"{len(urls)} reader pages cached ({args.records} generated records; {os.cpu_count()} CPUs)\n")
    print("| change | pages rendered again | share | pass ms |")
    print("| --- | ---: | ---: | ---: |")
    for label, change in changes():
        read_all(client, urls)  # every page cached again before the change
        change()
        rendered, ms = read_all(client, urls)
        print(f"| {label} | {rendered} of {len(urls)} | {rendered / len(urls):.0%} | {ms:.0f} |")


if __name__ == "__main__":
    main()
