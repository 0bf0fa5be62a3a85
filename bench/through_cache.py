"""The "through the cache" column of `make bench`: Varnish (deploy/varnish.vcl, as `make serve-cached` runs it) in
front of the site's `make serve`, loaded by the same wrk runs as the site and the floor."""

import http.client
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from deploy.serve_cached import VARNISHD, running_in_group, varnish_command


class Varnish:
    """varnishd on 127.0.0.1:port in front of the app on app_port; `pid` leads its process group (CPU accounting)."""

    def __init__(self, port, app_port, log):
        if not Path(VARNISHD).exists():
            raise SystemExit("bench: varnishd is needed for the through-the-cache column: apt-get install varnish")
        self.workdir = Path(tempfile.mkdtemp(prefix="ecomkb-bench-varnish-"))
        command = varnish_command(self.workdir, f"127.0.0.1:{port}", app_port)
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.pid = self.process.pid
        deadline = time.monotonic() + 30
        while True:
            try:  # any answer will do (a redirect to https, a 503 before the app is up): Varnish listens
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/robots.txt")
                connection.getresponse().read()
                connection.close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit("bench: Varnish did not start") from None
                time.sleep(0.1)

    def poll(self):
        return self.process.poll()

    def wait(self, timeout=None):
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self._clean_up()

    def stop(self):
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=20)
        self._clean_up()

    def _clean_up(self):
        deadline = time.monotonic() + 10
        while running_in_group(self.pid) and time.monotonic() < deadline:  # its cache process, still writing
            time.sleep(0.05)
        shutil.rmtree(self.workdir, ignore_errors=True)
