#!/usr/bin/env python3
"""How long the whole test suite takes now, against a baseline commit measured in the same run.

    .venv/bin/python bench/suite_speed.py                       # baseline: the commit before issue 11's work
    .venv/bin/python bench/suite_speed.py --baseline <commit> --rounds 2 --database-url postgres://…

Clones this repository twice into a temporary directory (the baseline commit, with a virtualenv made from its
own requirements, and HEAD, with this checkout's), runs each suite (the baseline the way its `make test` ran it,
one process; HEAD the way `make test` runs it now, `-n auto`), alternating baseline and current for each round
so that both see the same machine load, and prints per run the wall time, the CPU time of every process the
suite started (Chromium and the app servers included), the test count, and the ratios baseline/current.

The current suite has more than twice the baseline's tests. `--same-tests` adds a third run each round: the
current code with only the baseline's own tests (found by name wherever their module moved, renamed ones
through SUCCESSORS), so that the ratio compares the same checks.
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

# Baseline tests renamed since (name in the baseline -> names now); the other 330 kept their names.
SUCCESSORS = {
    "TestAdminLoginThrottle::test_a_handful_of_failures_locks_the_user_out_even_with_the_right_password": [
        "test_the_pair_is_locked_at_its_limit_and_no_sooner"
    ],
    "TestAdminLoginThrottle::test_axes_reset_lifts_a_lockout": ["test_axes_reset_lifts_a_lockout"],
    "TestAdminLoginThrottle::test_failures_from_one_address_lock_that_address_for_every_user": [
        "test_one_address_trying_many_names_is_stopped_for_every_name"
    ],
    "TestAdminLoginThrottle::test_the_test_clients_login_still_works": [
        "test_a_success_clears_its_own_pairs_failures_only"
    ],
    "test_a_cache_server_that_is_down_costs_speed_not_pages": [
        "test_a_cache_server_that_is_down_costs_speed_not_pages_and_refuses_saves"
    ],
    "test_a_crowded_home_page_lists_every_record": [
        "test_a_crowded_home_page_shows_the_first_of_each_list_and_links_to_the_lists"
    ],
    "test_createeditor_prints_a_one_time_password_that_logs_the_editor_in": [
        "test_createeditor_prints_a_one_time_password_that_signs_the_editor_in_to_set_up_a_second_factor"
    ],
    "test_results_are_grouped_by_kind_with_counts": [
        "test_results_are_one_ranked_list_with_a_count_and_each_kind_named"
    ],
    "test_seeding_again_keeps_an_editors_changes": ["test_seeding_again_keeps_an_editors_changes_and_deletions"],
}


def clone(commit, target, own_virtualenv=False):
    """A checkout of `commit` with a .venv (the app servers some tests start run from the clone's .venv): this
    checkout's, or with `own_virtualenv` one made from the commit's own requirements. The baseline needs its own:
    its `make serve` (run by its scale-out test) installs its requirements into whatever .venv it finds, and put
    its pins (pytest 9.2) into this checkout's between the runs."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "checkout", "--quiet", commit], check=True)
    if not own_virtualenv:
        (target / ".venv").symlink_to(ROOT / ".venv")
        return target
    subprocess.run([sys.executable, "-m", "venv", str(target / ".venv")], check=True)
    requirements = [name for name in ("requirements.txt", "requirements-dev.txt") if (target / name).exists()]
    install = [str(target / ".venv/bin/python"), "-m", "pip", "install", "--quiet"]
    installed = subprocess.run(
        [*install, *(arg for name in requirements for arg in ("-r", name))], cwd=target, capture_output=True, text=True
    )
    if installed.returncode:
        sys.exit(f"could not install {commit}'s requirements:\n{installed.stdout}{installed.stderr}")
    for stamp in (".installed", ".installed-dev"):  # what its Makefile checks: installed, nothing to do in a run
        (target / ".venv" / stamp).touch()
    return target


def baseline_test_names(checkout, env, destination):
    """The baseline's test names (each test id without its module), with each renamed test's successors added,
    written to `destination` for bench/only_named.py."""
    listing = subprocess.run(
        [str(checkout / ".venv/bin/python"), "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    names = [line.split("::", 1)[1] for line in listing.stdout.splitlines() if "::" in line]
    names += [new for name in names for new in SUCCESSORS.get(name, [])]
    destination.write_text("\n".join(names) + "\n", encoding="utf-8")
    return destination


def run_suite(checkout, args, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(
        [str(checkout / ".venv/bin/python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
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
    parser.add_argument("--same-tests", action="store_true", help="also run the current code on the baseline's tests")
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CACHE_"))}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    work = Path(tempfile.mkdtemp(prefix="ecomkb-suite-speed-"))
    try:
        baseline = clone(args.baseline, work / "baseline", own_virtualenv=True)
        current = clone("HEAD", work / "current")
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        as_make_test = ["-n", "auto", "--dist", "loadgroup"]
        suites = [
            (f"baseline {args.baseline}", baseline, [], env),
            (f"current {head.stdout.strip()}", current, as_make_test, env),
        ]
        if args.same_tests:
            names = baseline_test_names(baseline, env, work / "baseline-tests.txt")
            same = {**env, "ECOMKB_ONLY_TESTS": str(names)}
            suites.append(("current, baseline's tests", current, [*as_make_test, "-p", "bench.only_named"], same))
        results = {name: [] for name, *_rest in suites}
        for round_number in range(1, args.rounds + 1):
            for name, path, suite_args, suite_env in suites:
                wall, cpu, counts, summary = run_suite(path, suite_args, suite_env)
                results[name].append((wall, cpu))
                print(f"round {round_number} {name:<26} wall {wall:6.1f} s  cpu {cpu:6.1f} s  {summary}", flush=True)
        base_name = suites[0][0]
        base_wall = statistics.median(w for w, _c in results[base_name])
        base_cpu = statistics.median(c for _w, c in results[base_name])
        for name, *_rest in suites[1:]:
            wall = statistics.median(w for w, _c in results[name])
            cpu = statistics.median(c for _w, c in results[name])
            print(
                f"{name}: median wall {wall:.1f} s against {base_wall:.1f} s: {base_wall / wall:.1f}x faster; "
                f"cpu {cpu:.1f} s against {base_cpu:.1f} s: {base_cpu / cpu:.1f}x less"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
