"""`PORT=… make serve-cached` as a newcomer runs it: Varnish in front of `make serve`, a page served from Varnish the
second time, an edit from a shell shown within a second, and a signal to the process group stopping everything."""

import os
import re
import signal
import subprocess
import time

import pytest
from django.conf import settings

from .conftest import _free_port, server_env, skip_without_varnish
from .stack import fetch, processes_in_sessions

pytestmark = pytest.mark.long_running

RENAME = (
    "from modes.models import Company; c = Company.objects.get(slug='jd'); c.name_en = 'Renamed in a shell'; c.save()"
)


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
def test_serve_cached_serves_from_varnish_shows_a_shell_edit_and_stops_whole(
    signal_number, transactional_db, collected_static, tmp_path
):
    skip_without_varnish()
    port = _free_port()
    env = {
        **server_env(tmp_path / "var"),
        "PORT": str(port),
        "APP_PORT": str(_free_port()),
        # `make serve` collects the static files again: into a folder of its own, not the one the other tests'
        # servers are reading (a file rewritten under a starting server's scan failed its start in CI).
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    output = open(tmp_path / "serve-cached.log", "w+")
    # Both ways a newcomer sets the port: in the environment, or on make's command line (which make hands down to
    # `make serve` as well, and once put the app on Varnish's port).
    on_command_line = [f"PORT={port}"] if signal_number == signal.SIGTERM else []
    make = subprocess.Popen(
        ["make", "--no-print-directory", "serve-cached", *on_command_line],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a terminal's process group of its own, as when typed at a prompt
    )
    try:
        deadline = time.monotonic() + 120
        while not _answers(port):
            assert make.poll() is None and time.monotonic() < deadline, (tmp_path / "serve-cached.log").read_text()
            time.sleep(0.2)
        groups = {int(n) for n in re.findall(r"process group (\d+)", (tmp_path / "serve-cached.log").read_text())}
        assert len(groups) == 2

        fetch(port, "/en/companies/jd/")
        status, headers, _ = fetch(port, "/en/companies/jd/")
        assert status == 200 and headers["x-cache"] == "HIT"

        # An operator's shell, with the server's environment (DJANGO_PURGE_URLS: this Varnish).
        shell = subprocess.run(
            [str(settings.BASE_DIR / ".venv/bin/python"), "manage.py", "shell", "-c", RENAME],
            cwd=settings.BASE_DIR,
            env={**env, "DJANGO_PURGE_URLS": f"http://127.0.0.1:{port}"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert shell.returncode == 0, shell.stderr
        saved = time.monotonic()
        while "Renamed in a shell" not in fetch(port, "/en/companies/jd/")[2]:
            assert time.monotonic() - saved < 1.0, "the edit did not show through Varnish within a second"
            time.sleep(0.05)

        os.killpg(make.pid, signal_number)
        make.wait(timeout=60)
        # make returns at once, as a shell prompt does after Ctrl-C; what it started stops within its grace period
        left, stopping = processes_in_sessions(groups | {make.pid}), time.monotonic()
        while left and time.monotonic() - stopping < 30:
            time.sleep(0.2)
            left = processes_in_sessions(groups | {make.pid})
        assert left == []
        assert not _answers(port)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()
        # A failed test kills make's group, not the groups serve-cached started: kill those too, or Varnish and
        # gunicorn outlive the test (seen once, after a failure).
        log_text = (tmp_path / "serve-cached.log").read_text() if (tmp_path / "serve-cached.log").exists() else ""
        for group in {int(n) for n in re.findall(r"process group (\d+)", log_text)}:
            try:
                os.killpg(group, signal.SIGKILL)
            except ProcessLookupError:
                pass
        output.close()


def _answers(port):
    try:
        return fetch(port, "/robots.txt")[0] == 200
    except OSError:
        return False
