"""gunicorn as `make serve` runs it (gunicorn.conf.py): the site is imported once, before the workers fork."""

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.long_running]


def open_files(pid):
    """What process `pid` has open: paths, and `socket:[inode]` for its sockets."""
    return {os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()}


def established_connections(pid):
    """The TCP connections process `pid` holds open (not its listening socket)."""
    inodes = {target[len("socket:[") : -1] for target in open_files(pid) if target.startswith("socket:[")}
    established = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "01":  # ESTABLISHED
                established.add(fields[9])
    return inodes & established


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="reads open sockets from Linux's /proc")
def test_the_arbiter_holds_no_connection_a_forked_worker_could_inherit(production_server, throwaway_redis):
    """With preload_app the workers are forks of the arbiter: a database or cache connection it opened while
    importing the site would be shared by every worker, and their queries would cross."""
    site = production_server(cache_url=throwaway_redis[0], workers=2)
    for _ in range(4):  # both workers connect to the database and the cache
        assert site.request("/zh-hant/companies/jd/")[0] == 200
    assert established_connections(site.process.pid) == set()
    database = site.env["DATABASE_URL"].removeprefix("sqlite:///")
    assert not any(path.startswith(database) for path in open_files(site.process.pid)), "the arbiter opened SQLite"
