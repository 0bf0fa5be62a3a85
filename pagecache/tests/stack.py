"""The production stack on free ports, for the tests: Varnish (deploy/varnish.vcl) in front of gunicorn over the test
database, each started and stopped on its own (a test stops Varnish, or restarts the app), and between the app and
Varnish's purge endpoint a gate the test can close (a purge endpoint refusing)."""

import http.client
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from deploy.serve_cached import VARNISHD, varnish_command

ROOT = Path(__file__).resolve().parents[2]


def varnish_missing():
    if not os.path.exists(VARNISHD):
        return "varnishd is not installed (apt-get install varnish varnish-modules; .ci/run installs them)"
    if not Path("/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so").exists() and not list(
        Path("/usr/lib").glob("**/varnish/vmods/libvmod_xkey.so")
    ):
        return "vmod xkey is not installed (apt-get install varnish-modules)"
    return None


def fetch(port, path, headers=None, method="GET"):
    """(status, headers as a dict with lower-case names, body) of one request, no redirects followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, {name.lower(): value for name, value in response.getheaders()}, body
    finally:
        connection.close()


class PurgeGate:
    """Forwards PURGE requests to Varnish while open; refuses them (503) while closed."""

    def __init__(self, varnish_port):
        self.open = True
        gate = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                status = 503
                if gate.open:
                    try:
                        status = fetch(varnish_port, "/", {"xkey-purge": self.headers["xkey-purge"]}, "PURGE")[0]
                    except OSError:
                        status = 502
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close_server(self):
        self.server.shutdown()
        self.server.server_close()


class Stack:
    def __init__(self, env, varnish_port, app_port, workdir):
        self.env, self.varnish_port, self.app_port, self.workdir = env, varnish_port, app_port, Path(workdir)
        self.varnish = self.app = None
        self.varnish_dirs = []
        self.gate = PurgeGate(varnish_port)
        self.env = {**env, "PORT": str(app_port), "DJANGO_PURGE_URLS": self.gate.url}

    def start_varnish(self):
        workdir = Path(tempfile.mkdtemp(prefix="ecomkb-test-varnish-"))  # under /tmp: varnishd's user must read it
        self.varnish_dirs.append(workdir)
        command = varnish_command(workdir, f"127.0.0.1:{self.varnish_port}", self.app_port)
        log = open(self.workdir / "varnish.log", "a")
        self.varnish = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait(self.varnish_port, self.varnish, "varnish.log", answered=lambda status: True)  # 503 if no app yet

    def start_app(self):
        log = open(self.workdir / "app.log", "a")
        self.app = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait(self.app_port, self.app, "app.log")

    def _wait(self, port, process, log, answered=lambda status: status == 200):
        deadline = time.monotonic() + 60
        while True:
            try:
                if answered(fetch(port, "/robots.txt")[0]):
                    return
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"did not start: {(self.workdir / log).read_text()[-3000:]}")
            time.sleep(0.1)

    def stop_varnish(self):
        self.varnish = _stop(self.varnish)

    def stop_app(self):
        self.app = _stop(self.app)

    def stop(self):
        self.stop_app()
        self.stop_varnish()
        self.gate.close_server()
        for directory in self.varnish_dirs:
            shutil.rmtree(directory, ignore_errors=True)

    def get(self, path, **headers):
        """Through Varnish."""
        return fetch(self.varnish_port, path, headers)

    def get_app(self, path):
        """From the app, past Varnish."""
        return fetch(self.app_port, path)

    def purge_everything(self):
        assert fetch(self.varnish_port, "/", {"xkey-purge": "site"}, "PURGE")[0] == 200


def _stop(process):
    if process is not None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=30)
    return None


def processes_in_sessions(session_ids):
    """The processes still running in these sessions (each child of serve-cached leads one)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z" and int(fields[3]) in session_ids:  # state, ppid, pgrp, session
                found.append((int(entry.name), stat.split(")")[0]))
    return found
