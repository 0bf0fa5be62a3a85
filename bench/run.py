#!/usr/bin/env python3
"""Benchmark: the site under `make serve` against a bare Django view serving the same bytes.

    make bench                      # or: .venv/bin/python bench/run.py [--seconds 5] [--connections 32]

Starts `make serve` (gunicorn, debug off, the real settings and database) and the floor
(bench/floor_app.py: no middleware, no database) under the same gunicorn settings, each on a
loopback port; captures the home, a mode, a trend and a company page in both languages from
the site; then loads each page on both servers with wrk (Debian's package, installed if
missing) at 32 concurrent connections, and prints requests/s, p50 and p99 latency (medians over
the runs) and the ratio site/floor (the median of back-to-back pairs). The same pages through Varnish in front of the
site (bench/through_cache.py, as `make serve-cached` runs it) make the "through the cache" columns. Requests carry
`X-Forwarded-Proto: https`, as from the TLS proxy in front.
Everything stays on 127.0.0.1; every run is bounded in time.
"""

import argparse
import base64
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: bench.through_cache and deploy/ are imported from the checkout

from bench.through_cache import Varnish  # noqa: E402

PAGES = [
    ("home", "/{lang}/"),
    ("mode", "/{lang}/modes/b2c/"),
    ("trend", "/{lang}/trends/o2o-partnerships/"),
    ("company", "/{lang}/companies/alibaba/"),
]
LANGS = ["en", "zh-hant"]
PROXY_HEADER = ("X-Forwarded-Proto", "https")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return fetch(url)
        except OSError:
            time.sleep(0.3)
    sys.exit(f"bench: nothing answered at {url} within {seconds} s")


def fetch(url):
    request = urllib.request.Request(url, headers=dict([PROXY_HEADER]))
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        sys.exit("bench: wrk is needed: apt-get install wrk")
    print("bench: installing wrk (Debian package)", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    )


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def group_cpu_seconds(pgid):
    """User + system CPU time of every process in a process group (a server: its master and workers)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after "(comm)": state ppid pgrp …; utime, stime are 12th, 13th
            # cutime and cstime (14th, 15th) hold the time of exited children: a worker that gunicorn
            # recycled (max_requests) moves its time there, so the total never goes down.
            total += sum(int(value) for value in fields[11:15])
    return total / CLOCK_TICKS


def wrk(url, seconds, connections, server):
    """(requests/s, p50 ms, p99 ms, server CPU µs per request, errors) for one URL."""
    for _attempt in range(3):
        cpu_before = group_cpu_seconds(server.pid)
        result = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--latency",
                "--timeout",
                "10s",
                "-H",
                f"{PROXY_HEADER[0]}: {PROXY_HEADER[1]}",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
        if result.returncode == 0 and "Requests/sec" in result.stdout:
            break
        print(f"bench: wrk failed on {url}, trying again: {(result.stdout + result.stderr).strip()}", flush=True)
        time.sleep(1)
    else:
        sys.exit(f"bench: wrk failed three times on {url}")
    cpu = group_cpu_seconds(server.pid) - cpu_before
    out = result.stdout
    latency = {p: float(v) * UNITS[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)}
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, latency["50"], latency["99"], cpu / max(requests, 1) * 1e6, errors


def medians(results):
    """Each figure's median over the rounds (errors: the sum)."""
    columns = list(zip(*results, strict=False))
    return (*(statistics.median(column) for column in columns[:4]), sum(columns[4]))


def start(command, env, log):
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # the group this script started: make and its gunicorn
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=2, help="length of one run (default 2)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="runs per page and server, site and floor alternating (default 5); medians are reported",
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--site-port", type=int, default=0, help="default: any free loopback port")
    parser.add_argument("--floor-port", type=int, default=0)
    args = parser.parse_args()
    ensure_wrk()

    site_port, floor_port = args.site_port or free_port(), args.floor_port or free_port()
    workdir = Path(tempfile.mkdtemp(prefix="ecomkb-bench-"))
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_MFA_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PORT": str(site_port),
    }
    env.pop("DJANGO_DEBUG", None)
    processes = []
    try:
        print(f"bench: starting `make serve` on 127.0.0.1:{site_port}", flush=True)
        site_server = start(["make", "--no-print-directory", "serve"], env, (workdir / "site.log").open("w"))
        processes.append(site_server)
        site = f"http://127.0.0.1:{site_port}"
        wait_for(site + "/en/")

        urls = [(name, lang, path.format(lang=lang)) for name, path in PAGES for lang in LANGS]
        captured = {path: base64.b64encode(fetch(site + path)).decode() for _, _, path in urls}
        (workdir / "pages.json").write_text(json.dumps(captured))

        print(f"bench: starting the floor (bench/floor_app.py) on 127.0.0.1:{floor_port}", flush=True)
        floor_env = {**env, "PORT": str(floor_port), "BENCH_PAGES": str(workdir / "pages.json")}
        floor_server = start(
            [str(ROOT / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py", "bench.floor_app:application"],
            floor_env,
            (workdir / "floor.log").open("w"),
        )
        processes.append(floor_server)
        floor = f"http://127.0.0.1:{floor_port}"
        wait_for(floor + "/en/")
        for _, _, path in urls:
            assert fetch(floor + path) == fetch(site + path), f"the floor must serve the site's bytes: {path}"

        cached_port = free_port()
        print(f"bench: starting Varnish (deploy/varnish.vcl) on 127.0.0.1:{cached_port}, before the site", flush=True)
        varnish = Varnish(cached_port, site_port, (workdir / "varnish.log").open("w"))
        processes.append(varnish)
        cached = f"http://127.0.0.1:{cached_port}"
        for _, _, path in urls:
            through = fetch(cached + path).replace(cached.encode()[7:], site.encode()[7:])  # absolute links: the host
            assert through == fetch(site + path), f"Varnish must serve the site's bytes: {path}"

        workers = env.get("WEB_CONCURRENCY") or f"{os.cpu_count() * 2 + 1} (default)"
        print(
            f"bench: {os.cpu_count()} cores, gunicorn workers {workers}, {args.connections} connections, "
            f"{args.rounds} rounds of {args.seconds} s per page and server, wrk",
            flush=True,
        )
        servers = {site: site_server, floor: floor_server, cached: varnish}
        for base, server in servers.items():  # warm up: every worker has loaded its code, the cache is full
            for _, _, path in urls:
                wrk(base + path, 1, args.connections, server)

        # Other work on the machine comes and goes: site and floor take turns on each page (which
        # goes first alternates), and each page's ratio is the median of the back-to-back pairs.
        rows = []
        for name, lang, path in urls:
            site_runs, floor_runs, cached_runs = [], [], []
            for round_number in range(args.rounds):
                order = [(site, site_runs), (floor, floor_runs), (cached, cached_runs)]
                for base, results in order if round_number % 2 == 0 else reversed(order):
                    results.append(wrk(base + path, args.seconds, args.connections, servers[base]))
            ratio = statistics.median(s[0] / f[0] for s, f in zip(site_runs, floor_runs, strict=False))
            cpu_ratio = statistics.median(f[3] / s[3] for s, f in zip(site_runs, floor_runs, strict=False))
            through = (
                medians(cached_runs),
                statistics.median(c[0] / s[0] for c, s in zip(cached_runs, site_runs, strict=False)),
                statistics.median(c[0] / f[0] for c, f in zip(cached_runs, floor_runs, strict=False)),
            )
            rows.append((f"{name} ({lang})", path, medians(site_runs), medians(floor_runs), ratio, cpu_ratio, through))
            print(
                f"  {path:34} site {rows[-1][2][0]:6.0f}/s  floor {rows[-1][3][0]:6.0f}/s  ratio {ratio:.2f}  "
                f"(pairs: {' '.join(f'{s[0] / f[0]:.2f}' for s, f in zip(site_runs, floor_runs, strict=False))})  "
                f"CPU ratio {cpu_ratio:.2f}  through Varnish {through[0][0]:6.0f}/s ({through[1]:.1f}× the site)",
                flush=True,
            )

        print()
        print(
            "| page | site req/s | site p50 / p99 (ms) | floor req/s | floor p50 / p99 (ms) | site / floor (req/s) "
            "| server CPU per request, site / floor (µs) | floor / site (CPU) "
            "| through Varnish req/s | through Varnish p99 (ms) | Varnish / site | Varnish / floor |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for label, _, site_figures, floor_figures, ratio, cpu_ratio, through in rows:
            (s_rps, s50, s99, s_cpu, s_err), (f_rps, f50, f99, f_cpu, f_err) = site_figures, floor_figures
            (c_rps, _c50, c99, _c_cpu, c_err), over_site, over_floor = through
            note = f" ({s_err + f_err + c_err} errors)" if s_err or f_err or c_err else ""
            print(
                f"| {label} | {s_rps:.0f} | {s50:.2f} / {s99:.2f} | {f_rps:.0f} | {f50:.2f} / {f99:.2f} | "
                f"{ratio:.2f}{note} | {s_cpu:.0f} / {f_cpu:.0f} | {cpu_ratio:.2f} | {c_rps:.0f} | {c99:.2f} | "
                f"{over_site:.1f} | {over_floor:.1f} |"
            )
        print(
            f"\nbench: lowest ratio {min(row[4] for row in rows):.2f} by requests/s, "
            f"{min(row[5] for row in rows):.2f} by server CPU per request (aim: at least 0.90); through Varnish "
            f"at least {min(row[6][1] for row in rows):.1f}× the site's requests/s (aim: at least 8)"
        )
        load = os.getloadavg()[0]
        if load > os.cpu_count():
            print(
                f"bench: the machine was busy (load {load:.1f} on {os.cpu_count()} cores): requests/s are noisy; "
                "the CPU ratio holds up better"
            )
    finally:
        for process in processes:
            stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
