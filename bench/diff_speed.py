"""The "translation may be out of date" diff: bounded cost against the unbounded word-by-word diff, in one run.

    .venv/bin/python bench/diff_speed.py                 # rewrites of 5 kB to 1 MB
    .venv/bin/python bench/diff_speed.py --baseline-up-to 10000   # the old diff takes minutes beyond that

For each size, an English text and a rewrite of it (every third word changed, so nothing long stays
equal) are diffed by editors.diff.inline_diff and, up to --baseline-up-to bytes, by the plain
difflib word diff it replaced (quadratic: 20 kB took 4.4 s, 80 kB 95 s). Prints seconds and the
ratio; the bounded diff's time grows with the text's length, not its square.
"""

import argparse
import difflib
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecomkb.settings_test")

import django  # noqa: E402

django.setup()

from editors.diff import TOKEN, inline_diff  # noqa: E402

WORDS = "supply chain online offline platform consumer business logistics payment village 電商 物流".split()


def texts(size, rng):
    words = []
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(WORDS))
    rewrite = [rng.choice(WORDS) + "x" if i % 3 == 0 else w for i, w in enumerate(words)]
    return " ".join(words), " ".join(rewrite)


def unbounded(old, new):
    matcher = difflib.SequenceMatcher(a=TOKEN.findall(old), b=TOKEN.findall(new), autojunk=False)
    return matcher.get_opcodes()


def timed(function, *args):
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline-up-to", type=int, default=5_000, help="largest size the old diff is timed at")
    options = parser.parse_args()
    rng = random.Random(9)
    print(f"{'size':>9}  {'bounded (s)':>11}  {'unbounded (s)':>13}  {'unbounded / bounded':>19}")
    for size in (5_000, 10_000, 20_000, 100_000, 1_000_000):
        old, new = texts(size, rng)
        bounded = timed(inline_diff, old, new)
        if size <= options.baseline_up_to:
            baseline = timed(unbounded, old, new)
            print(f"{size:>9,}  {bounded:>11.3f}  {baseline:>13.3f}  {baseline / bounded:>19.1f}", flush=True)
        else:
            print(f"{size:>9,}  {bounded:>11.3f}  {'(not run)':>13}  {'':>19}", flush=True)


if __name__ == "__main__":
    main()
