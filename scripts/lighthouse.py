#!/usr/bin/env python3
"""Lighthouse scores for every kind of page, in each language, against a local server.

    .venv/bin/python scripts/lighthouse.py              # mobile (Lighthouse's default), port 8300
    .venv/bin/python scripts/lighthouse.py --preset desktop --port 8301

What it does:
1. installs Lighthouse from npm into tools/lighthouse/node_modules (git-ignored), from the committed lockfile;
2. starts the site as production runs it (gunicorn and whitenoise, debug off, so the real 404 page)
   on a throwaway SQLite database in var/, migrated and seeded;
3. runs Lighthouse with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) on each page,
   keeps the JSON reports in var/lighthouse/, prints a Markdown table of the scores and, for any
   category under 100, the audits that fell short;
4. stops the server.
"""

import argparse
import base64
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pages.tests.helpers import SAMPLE_LANGUAGES, SAMPLE_PAGES  # noqa: E402

TOOLS = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "var" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
    " --disable-background-networking --disable-component-update --disable-sync"
)
PAGES = SAMPLE_PAGES  # the pages the browser tests check and photograph


def install_lighthouse():
    if not LIGHTHOUSE.exists():
        print("lighthouse: installing from npm into tools/lighthouse/node_modules", file=sys.stderr)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOLS, check=True)


def start_server(port):
    """The site with debug off, on its own SQLite file, so a developer's var/db.sqlite3 is left alone."""
    env = dict(
        os.environ,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_MFA_KEYS=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain http on loopback, no TLS proxy in front
        DATABASE_URL=f"sqlite:///{ROOT / 'var' / 'lighthouse.sqlite3'}",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "seed"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    # Served as `make serve` serves it: gunicorn, whitenoise, hashed and compressed static files.
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py"],
        env=dict(env, PORT=str(port), WEB_CONCURRENCY="2"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=2)
            return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    server.terminate()
    sys.exit(f"lighthouse: the server did not start on port {port}")


def run_lighthouse(url, out, preset, chrome, expect_404=False):
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    if expect_404:  # Lighthouse stops at an error status unless told that it is the point of the page
        command.append("--ignore-status-code")
    for attempt in range(3):  # Lighthouse now and then loses the trace (NO_NAVSTART); a rerun is its own advice
        if subprocess.run(command, env=dict(os.environ, CHROME_PATH=chrome)).returncode == 0:
            return json.loads(out.read_text())
        print(f"lighthouse: run {attempt + 1} on {url} failed, trying again", file=sys.stderr)
    sys.exit(f"lighthouse: three failed runs on {url}")


def shortfalls(report, category):
    """The audits of a category that did not pass, with their titles."""
    refs = report["categories"][category]["auditRefs"]
    failed = []
    for ref in refs:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            value = audit.get("displayValue") or f"score {audit['score']}"
            failed.append(f"{ref['id']} ({audit['title']}: {value})")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8300)))
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--lang", action="append", choices=SAMPLE_LANGUAGES, help="default: all three")
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    install_lighthouse()
    REPORTS.mkdir(parents=True, exist_ok=True)
    server = start_server(args.port)
    rows, notes = [], []
    try:
        for lang in args.lang or SAMPLE_LANGUAGES:
            for name, path in PAGES.items():
                url = f"http://127.0.0.1:{args.port}/{lang}/{path}"
                out = REPORTS / f"{name}-{lang}-{args.preset}.json"
                report = run_lighthouse(url, out, args.preset, chrome, expect_404=name == "404")
                scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
                rows.append((f"{name} ({lang})", scores))
                print(f"{name} ({lang}): {scores}", file=sys.stderr)
                for category, score in zip(CATEGORIES, scores, strict=False):
                    if score < 100:
                        notes.append(
                            f"- {name} ({lang}), {category} {score}: {'; '.join(shortfalls(report, category))}"
                        )
    finally:
        server.terminate()
        server.wait()
    print(f"\nLighthouse {report['lighthouseVersion']}, {args.preset}, Chromium at {chrome}\n")
    print("| page | performance | accessibility | best practices | SEO |")
    print("| --- | --- | --- | --- | --- |")
    for page, scores in rows:
        print(f"| {page} | " + " | ".join(map(str, scores)) + " |")
    if notes:
        print("\nBelow 100:\n" + "\n".join(notes))


if __name__ == "__main__":
    main()
