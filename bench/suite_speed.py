#!/usr/bin/env python3
"""How long the whole test suite takes now, against a baseline commit measured in the same run.

    .venv/bin/python bench/suite_speed.py                       # baseline: the commit before issue 11's work
    .venv/bin/python bench/suite_speed.py --baseline <commit> --rounds 2 --database-url postgres://…

Clones this repository twice into a temporary directory (the baseline commit and HEAD), runs each suite
with this checkout's virtualenv (the baseline the way its `make test` ran it, one process; HEAD the way
`make test` runs it now, `-n auto`), alternating baseline and current for each round so that both see the
same machine load, and prints per run the wall time, the CPU time of every process the suite started
(Chromium and the app servers included), the test count, and the ratios baseline/current.
"""

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "281db21"  # main before issue 11: "Mode map: boxes in a row share the row's height"


def clone(commit, target):
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "checkout", "--quiet", commit], check=True)
    return target


def run_suite(checkout, args, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]
    counts = {word: int(number) for number, word in re.findall(r"(\d+) (passed|failed|skipped|errors?)", summary)}
    return wall, cpu, counts, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--database-url", default="", help="run both suites against this database (PostgreSQL)")
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CACHE_"))}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    work = Path(tempfile.mkdtemp(prefix="ecomkb-suite-speed-"))
    try:
        baseline = clone(args.baseline, work / "baseline")
        current = clone("HEAD", work / "current")
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        suites = [
            (f"baseline {args.baseline}", baseline, []),
            (f"current {head.stdout.strip()}", current, ["-n", "auto", "--dist", "loadgroup"]),  # as make test
        ]
        results = {name: [] for name, _path, _args in suites}
        for round_number in range(1, args.rounds + 1):
            for name, path, suite_args in suites:
                wall, cpu, counts, summary = run_suite(path, suite_args, env)
                results[name].append((wall, cpu))
                print(f"round {round_number} {name:<18} wall {wall:6.1f} s  cpu {cpu:6.1f} s  {summary}", flush=True)
        (base_name, _p, _a), (current_name, _p2, _a2) = suites
        base_wall = statistics.median(w for w, _c in results[base_name])
        base_cpu = statistics.median(c for _w, c in results[base_name])
        cur_wall = statistics.median(w for w, _c in results[current_name])
        cur_cpu = statistics.median(c for _w, c in results[current_name])
        print(f"median wall: baseline {base_wall:.1f} s, current {cur_wall:.1f} s: {base_wall / cur_wall:.1f}x faster")
        print(f"median cpu:  baseline {base_cpu:.1f} s, current {cur_cpu:.1f} s: {base_cpu / cur_cpu:.1f}x less")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
