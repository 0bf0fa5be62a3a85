"""What a page costs to render with the page cache off, against the same page from the page cache (issue 28).

    .venv/bin/python bench/render_cost.py                  # every page kind below, en / zh-hant / zh-hans
    .venv/bin/python bench/render_cost.py --rounds 100 --pages trend,article

One process, SQLite in a temporary folder (migrated and seeded), the file cache as `make serve` has it, debug off,
through Django's test client. For each page it takes turns, request by request, between three ways of serving it,
so that other work on the machine weighs on each alike:

    before   page cache off, fragments off (CONTENT_FRAGMENT_CACHE = False: every part rendered afresh)
    after    page cache off, fragments on (content.templatetags.fragments), warm
    cached   page cache on, warm: the path a cached page takes (pagecache.middleware)

and prints the p50 and p95 of the time each took (CPU time of this process, which other work on the machine
disturbs less than the wall clock; --wall for the wall clock), the queries each rendering ran, and cached ÷
uncached: the share of the cached path's requests/s an uncached page would serve, before and after. Each page is
checked to be byte for byte the same before and after.

    .venv/bin/python bench/render_cost.py --servers        # the same three ways, each a gunicorn, loaded by wrk

With --servers each way is a server as `make serve` runs one (gunicorn, gunicorn.conf.py, debug off, hashed static
files) over the same database, and wrk loads each page on each in turns (bench/run.py's helpers): requests/s, the
servers' CPU time per request, and uncached ÷ cached requests/s, the figure issue 28 asks to reach 0.2.
"""

import argparse
import base64
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = {
    "trend": "/{lang}/trends/going-global/",
    "company": "/{lang}/companies/alibaba/",
    "mode": "/{lang}/modes/b2c/",
    "term": "/{lang}/glossary/going-down-market/",
    "article": "/{lang}/article/",
    "home": "/{lang}/",
}
LANGS = ["en", "zh-hant", "zh-hans"]
WAYS = ["before", "after", "cached"]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def setup(folder):
    os.environ["DJANGO_SETTINGS_MODULE"] = "ecomkb.settings_test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["CACHE_URL"] = f"file://{folder}/cache"  # as `make serve` keeps pages and fragments
    os.environ["ECOMKB_VAR_DIR"] = str(folder)
    os.environ.pop("DJANGO_DEBUG", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    connection.settings_dict["CONN_MAX_AGE"] = 600  # one connection, as a running server keeps
    call_command("migrate", verbosity=0)
    call_command("seed", stdout=open(os.devnull, "w"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=60, help="timed requests per page and way (default 60)")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated, of {', '.join(PAGES)}")
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--wall", action="store_true", help="time by the wall clock rather than CPU time")
    parser.add_argument("--servers", action="store_true", help="each way a gunicorn server, loaded by wrk")
    parser.add_argument("--seconds", type=int, default=2, help="--servers: length of one wrk run (default 2)")
    parser.add_argument("--connections", type=int, default=32, help="--servers: wrk's connections (default 32)")
    args = parser.parse_args()
    if args.servers:
        return through_servers(args)
    clock = time.perf_counter if args.wall else time.process_time

    with tempfile.TemporaryDirectory(prefix="ecomkb-render-cost-") as folder:
        setup(folder)
        from django.conf import settings
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        assert not settings.DEBUG and settings.PAGE_CACHE_SECONDS == 0
        # Set directly rather than overridden (override_settings): an override is a change of settings, which
        # the fragments' keys follow (content.templatetags.fragments).
        ways = {
            "before": (Client(), {"CONTENT_FRAGMENT_CACHE": False, "PAGE_CACHE_SECONDS": 0}),
            "after": (Client(), {"CONTENT_FRAGMENT_CACHE": True, "PAGE_CACHE_SECONDS": 0}),
            # Its middleware is set up on its first request, with the page cache on.
            "cached": (Client(), {"CONTENT_FRAGMENT_CACHE": True, "PAGE_CACHE_SECONDS": 24 * 3600}),
        }

        def get(way, url):
            client, values = ways[way]
            for name, value in values.items():
                setattr(settings, name, value)
            started = clock()
            response = client.get(url)
            elapsed = (clock() - started) * 1000
            assert response.status_code == 200, (url, way, response.status_code)
            return response, elapsed

        rows = []
        for name in args.pages.split(","):
            for lang in args.langs.split(","):
                url = PAGES[name].format(lang=lang)
                bodies, queries = {}, {}
                for way in WAYS:
                    for _ in range(3):  # warm: code loaded, fragments and the page kept
                        response, _elapsed = get(way, url)
                    bodies[way] = response.content
                    with CaptureQueriesContext(connection) as ran:
                        get(way, url)
                    queries[way] = len(ran)
                assert bodies["before"] == bodies["after"] == bodies["cached"], f"{url}: not the same bytes"
                times = {way: [] for way in WAYS}
                for round_number in range(args.rounds):
                    order = WAYS if round_number % 2 == 0 else WAYS[::-1]
                    for way in order:
                        times[way].append(get(way, url)[1])
                figures = {way: (statistics.median(t), percentile(t, 95)) for way, t in times.items()}
                rows.append((f"{name} ({lang})", url, figures, queries))
                print(
                    f"  {url:40} before {figures['before'][0]:6.2f} ms  after {figures['after'][0]:6.2f} ms  "
                    f"cached {figures['cached'][0]:5.2f} ms",
                    flush=True,
                )

    unit = "wall clock" if args.wall else "CPU time"
    print(f"\n{args.rounds} requests per page and way, taking turns; {unit}, ms; queries per request\n")
    print(
        "| page | before p50 / p95 | after p50 / p95 | cached p50 / p95 | queries before → after "
        "| cached ÷ before | cached ÷ after | before ÷ after |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, _url, figures, queries in rows:
        (b50, b95), (a50, a95), (c50, c95) = figures["before"], figures["after"], figures["cached"]
        print(
            f"| {label} | {b50:.2f} / {b95:.2f} | {a50:.2f} / {a95:.2f} | {c50:.2f} / {c95:.2f} "
            f"| {queries['before']} → {queries['after']} | {c50 / b50:.3f} | {c50 / a50:.3f} | {b50 / a50:.1f}× |"
        )
    load = os.getloadavg()[0]
    print(f"\nload average at the end: {load:.1f} on {os.cpu_count()} cores")


def through_servers(args):
    """The three ways as servers: each a gunicorn as `make serve` starts it, over one database; wrk loads each page on
    each, in turns (bench/run.py's helpers and settings: 32 connections, X-Forwarded-Proto: https)."""
    from bench.run import ensure_wrk, fetch, free_port, start, stop, wait_for, wrk

    ensure_wrk()
    with tempfile.TemporaryDirectory(prefix="ecomkb-render-cost-") as folder:
        folder = Path(folder)
        setup(folder)
        # The fragments-off server's settings: the real ones and the switch.
        switch = "from ecomkb.settings import *  # noqa: F403\nCONTENT_FRAGMENT_CACHE = False\n"
        (folder / "fragments_off.py").write_text(switch)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)]),
            "DJANGO_SETTINGS_MODULE": "ecomkb.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_MFA_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        }
        env.pop("DJANGO_DEBUG", None)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        ways = {
            "before": {"DJANGO_SETTINGS_MODULE": "fragments_off", "PAGE_CACHE_SECONDS": "0"},
            "after": {"PAGE_CACHE_SECONDS": "0"},
            "cached": {},
        }
        servers, processes = {}, []
        try:
            for way, own in ways.items():
                port = free_port()
                server_env = {
                    **env,
                    **own,
                    "PORT": str(port),
                    "ECOMKB_VAR_DIR": str(folder / way),
                    "CACHE_URL": f"file://{folder / way / 'cache'}",
                }
                (folder / way).mkdir()
                log = (folder / f"{way}.log").open("w")
                process = start([str(ROOT / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py"], server_env, log)
                processes.append(process)
                servers[way] = (f"http://127.0.0.1:{port}", process)
            urls = [PAGES[name].format(lang=lang) for name in args.pages.split(",") for lang in args.langs.split(",")]
            for base, _process in servers.values():
                wait_for(base + "/en/")
            for url in urls:  # each page's absolute addresses (canonical, alternates) name its server's port
                pages = {fetch(base + url).replace(base[7:].encode(), b"HOST") for base, _process in servers.values()}
                assert len(pages) == 1, f"{url}: not the same bytes"
            print(
                f"bench: {os.cpu_count()} cores, gunicorn workers {env.get('WEB_CONCURRENCY') or 'default'}, "
                f"{args.connections} connections, {args.rounds} rounds of {args.seconds} s per page and way, wrk",
                flush=True,
            )
            for base, process in servers.values():  # warm: every worker has loaded its code, caches are full
                for url in urls:
                    wrk(base + url, 1, args.connections, process)
            rows = []
            for url in urls:
                runs = {way: [] for way in ways}
                for round_number in range(args.rounds):
                    order = list(ways) if round_number % 2 == 0 else list(ways)[::-1]
                    for way in order:
                        base, process = servers[way]
                        runs[way].append(wrk(base + url, args.seconds, args.connections, process))
                rps = {way: statistics.median(run[0] for run in results) for way, results in runs.items()}
                cpu = {way: statistics.median(run[3] for run in results) for way, results in runs.items()}
                rows.append((url, rps, cpu))
                print(
                    f"  {url:40} before {rps['before']:6.0f}/s  after {rps['after']:6.0f}/s  "
                    f"cached {rps['cached']:6.0f}/s  after ÷ cached {rps['after'] / rps['cached']:.2f}",
                    flush=True,
                )
        finally:
            for process in processes:
                stop(process)
    print("\nrequests/s (median of the rounds); server CPU time per request (µs); uncached ÷ cached requests/s\n")
    print(
        "| page | before req/s | after req/s | cached req/s | CPU µs before / after / cached "
        "| before ÷ cached | after ÷ cached |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for url, rps, cpu in rows:
        print(
            f"| {url} | {rps['before']:.0f} | {rps['after']:.0f} | {rps['cached']:.0f} "
            f"| {cpu['before']:.0f} / {cpu['after']:.0f} / {cpu['cached']:.0f} "
            f"| {rps['before'] / rps['cached']:.2f} | {rps['after'] / rps['cached']:.2f} |"
        )
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
