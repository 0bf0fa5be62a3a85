"""`PORT=… make serve-cached`: Varnish (deploy/varnish.vcl) on $PORT in front of `make serve` on a port of its own.

Both run in the foreground under this process, with the same environment; the app is told to purge this
Varnish (DJANGO_PURGE_URLS, unless already set). Ctrl-C, or SIGINT, SIGTERM or SIGHUP to this process or its
process group, stops both; so does either of them stopping. Each runs in a process group of its own, which is
stopped whole: no gunicorn worker or Varnish child is left behind.

    APP_PORT   where `make serve` listens (default: a free port)
    VARNISH_MEMORY   Varnish's storage (default 256m)
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port(host):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def answers(host, port):
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


def running_in_group(pgid):
    """Whether a process of this group is still running (zombies waiting for their parent do not count)."""
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False


def varnish_command(workdir, listen, app_port):
    """varnishd in the foreground running deploy/varnish.vcl, its backend the app at 127.0.0.1:app_port, its files
    in `workdir` (so that several may run side by side). Also used by the tests (pagecache/tests/stack.py)."""
    workdir.chmod(0o755)  # varnishd reads the VCL as its own unprivileged user
    (workdir / "ecomkb-backend.vcl").write_text(
        f'backend app {{\n    .host = "127.0.0.1";\n    .port = "{app_port}";\n    .first_byte_timeout = 35s;\n}}\n'
    )
    shutil.copy(DEPLOY / "varnish.vcl", workdir)
    return [
        VARNISHD,
        "-F",  # in the foreground, under whoever started it
        "-n", str(workdir / "varnish"),
        "-a", listen,
        "-f", str(workdir / "varnish.vcl"),
        "-p", f"vcl_path={workdir}",  # where its include finds this run's ecomkb-backend.vcl
        "-s", f"malloc,{os.environ.get('VARNISH_MEMORY', '256m')}",
        "-T", "none",  # no management port
    ]  # fmt: skip


def main():
    if not os.path.exists(VARNISHD):
        sys.exit("serve-cached: varnishd not found; apt-get install varnish varnish-modules")
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    app_port = int(os.environ.get("APP_PORT") or free_port("127.0.0.1"))
    workdir = Path(tempfile.mkdtemp(prefix="ecomkb-varnish-"))
    env = {**os.environ, "PORT": str(app_port), "HOST": "127.0.0.1"}
    # Varnish purges for its ACL's addresses (deploy/varnish.vcl): loopback unless it listens on one address only.
    purge_host = "127.0.0.1" if host in ("", "0.0.0.0", "127.0.0.1", "localhost") else host
    env.setdefault("DJANGO_PURGE_URLS", f"http://{purge_host}:{port}")
    children = []

    def stop():
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        for child in children:
            try:
                os.killpg(child.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 20
        for child in children:  # the whole group: gunicorn's arbiter and workers outlive `make` by a moment
            while running_in_group(child.pid) and time.monotonic() < deadline:
                child.poll()
                time.sleep(0.05)
            if running_in_group(child.pid):
                try:
                    os.killpg(child.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            child.wait()
        shutil.rmtree(workdir, ignore_errors=True)

    stopping = []

    def on_signal(number, _frame):
        # Once only: make passes a SIGTERM on to its children as the group already got it, and a second
        # SystemExit raised inside stop() would leave Varnish and gunicorn running.
        if stopping:
            return
        stopping.append(number)
        raise SystemExit(128 + number)

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, on_signal)
    try:
        command = varnish_command(workdir, f"{host}:{port}", app_port)
        varnish = subprocess.Popen(command, env=env, start_new_session=True)
        children.append(varnish)
        # PORT on make's command line too: `make serve-cached PORT=8080` hands PORT=8080 down to every sub-make
        # (MAKEFLAGS), which would otherwise put the app on Varnish's port.
        app = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={app_port}"], cwd=ROOT, env=env, start_new_session=True
        )
        children.append(app)
        print(
            f"serve-cached: Varnish on http://{host}:{port}/ (process group {varnish.pid}) in front of "
            f"`make serve` on 127.0.0.1:{app_port} (process group {app.pid})",
            flush=True,
        )
        while all(child.poll() is None for child in children):
            time.sleep(0.2)
        stopped = next(child for child in children if child.poll() is not None)
        print(f"serve-cached: {'Varnish' if stopped is varnish else 'the app'} stopped; stopping the other", flush=True)
        return 1
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
