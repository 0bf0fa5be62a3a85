#!/usr/bin/env python3
"""Two app servers, one PostgreSQL database, one Redis cache: they serve the same pages, and an
edit saved through one shows at once through the other.

    .venv/bin/python bench/two_servers.py [--database-url postgres://postgres@127.0.0.1:5432/ecomkb_two_servers]
                                          [--cache-url redis://127.0.0.1:6379/0] [--ports 8001 8002]

Creates (and afterwards drops) the database, starts `make serve` twice at once on loopback ports (as a
deploy would: one migrates and seeds the new database while the other waits its turn), signs in to the first
one's admin with a throwaway superuser, changes a trend's Chinese title there, and reads the page from the second.
Exits non-zero if the servers disagree.
"""

import argparse
import base64
import html.parser
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import pyotp
import redis

ROOT = Path(__file__).resolve().parent.parent
HOST = "kb.test"  # both servers answer for the same site name, as behind one load balancer
PAGES = [
    "/en/",
    "/zh-hant/",
    "/en/modes/b2c/",
    "/zh-hant/modes/b2c/",
    "/en/trends/o2o-partnerships/",
    "/zh-hant/trends/o2o-partnerships/",
    "/en/companies/alibaba/",
    "/zh-hant/companies/alibaba/",
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: cookies (sent although marked Secure: TLS ends at the proxy), no redirects."""

    def __init__(self, base):
        self.base, self.cookies = base, SimpleCookie()
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, data=None):
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            response = self.opener.open(urllib.request.Request(self.base + path, body, headers), timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        return response.status, response.read().decode()


class FormFields(html.parser.HTMLParser):
    """The values a browser would submit for the first POST form of a page."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post":
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "form":
            self.in_form = False


def wait_for(base, server, log, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if Browser(base).request("/en/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"two servers: nothing answered at {base}; its log:\n{log.read_text()}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/ecomkb_two_servers")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--ports", type=int, nargs=2, default=None)
    args = parser.parse_args()
    ports = args.ports or [free_port(), free_port()]
    server_url, name = args.database_url.rsplit("/", 1)

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    print(f"two servers: created database {name}; cache {args.cache_url}")

    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_MFA_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": args.database_url,
        "CACHE_URL": args.cache_url,
        "CACHE_KEY_PREFIX": f"two-servers-{secrets.token_hex(4)}",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("DJANGO_DEBUG", None)
    servers, logs = [], Path(tempfile.mkdtemp(prefix="ecomkb-two-servers-"))
    failures = []
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for port in ports:
            with (logs / f"{port}.log").open("w") as log:
                servers.append(
                    subprocess.Popen(
                        ["make", "--no-print-directory", "serve"],
                        cwd=ROOT,
                        env={**env, "PORT": str(port)},
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
        for base, server, port in zip(bases, servers, ports, strict=True):
            wait_for(base, server, logs / f"{port}.log")
            print(f"two servers: `make serve` answers at {base}")
        first, second = Browser(bases[0]), Browser(bases[1])

        for path in PAGES:
            a, b = first.request(path), second.request(path)
            same = a == b and a[0] == 200
            print(f"  {path:36} {'same page from both' if same else 'DIFFERENT'}")
            if not same:
                failures.append(path)

        # Staff sign in with a password and an authenticator-app code (accounts/): a throwaway superuser with an
        # authenticator whose secret is known here, made in one management shell; then sign in as a browser would.
        password, totp_secret = secrets.token_urlsafe(16), pyotp.random_base32()
        subprocess.run(
            [
                str(ROOT / ".venv/bin/python"),
                "manage.py",
                "shell",
                "-c",
                "import os; from django.contrib.auth.models import User; "
                "from allauth.mfa.totp.internal.auth import TOTP; "
                "user = User.objects.create_superuser('two-servers-editor', 'editor@kb.test', os.environ['PASSWORD']); "
                "TOTP.activate(user, os.environ['TOTP_SECRET'])",
            ],
            cwd=ROOT,
            env={**env, "PASSWORD": password, "TOTP_SECRET": totp_secret},
            check=True,
            capture_output=True,
        )
        first.request("/en/accounts/login/")
        status, _ = first.request(
            "/en/accounts/login/",
            {
                "csrfmiddlewaretoken": first.cookies["csrftoken"].value,
                "login": "two-servers-editor",
                "password": password,
            },
        )
        assert status == 302, f"password sign-in through {bases[0]} failed ({status})"
        status, _ = first.request(
            "/en/accounts/2fa/authenticate/",
            {"csrfmiddlewaretoken": first.cookies["csrftoken"].value, "code": pyotp.TOTP(totp_secret).now()},
        )
        assert status == 302, f"second-factor sign-in through {bases[0]} failed ({status})"

        with psycopg.connect(args.database_url) as db:
            trend_pk = db.execute("SELECT id FROM trends_trend WHERE slug = 'o2o-partnerships'").fetchone()[0]
        change = f"/admin/trends/trend/{trend_pk}/change/"
        form = FormFields()
        form.feed(first.request(change)[1])
        new_title = f"O2O 合作（{secrets.token_hex(3)}）"
        fields = [(k, new_title if k == "title_zh_hant" else v) for k, v in form.fields] + [("_save", "Save")]
        status, _ = first.request(change, fields)
        assert status == 302, f"saving the trend through {bases[0]} failed ({status})"
        print(f"two servers: saved a new Chinese title through {bases[0]}'s admin: {new_title}")

        page = "/zh-hant/trends/o2o-partnerships/"
        for base, browser in zip(bases, (Browser(bases[0]), Browser(bases[1])), strict=False):
            shows = new_title in browser.request(page)[1]
            print(f"  {base}{page}: {'shows the new title at once' if shows else 'STILL THE OLD TITLE'}")
            if not shows:
                failures.append(base + page)
    finally:
        running = [server for server in servers if server.poll() is None]
        for server in running:
            os.killpg(server.pid, signal.SIGTERM)  # the process groups this script started, both told at once
        for server in running:
            server.wait(timeout=30)
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if args.cache_url.startswith(("redis://", "rediss://")):  # this run's keys, under its own prefix
            shared = redis.Redis.from_url(args.cache_url)
            for key in shared.scan_iter(match=f"{env['CACHE_KEY_PREFIX']}:*"):
                shared.delete(key)
    if failures:
        sys.exit(f"two servers: FAILED: {', '.join(failures)} (logs in {logs})")
    print("two servers: both serve the same pages, and an edit through one shows at once through the other")


if __name__ == "__main__":
    main()
