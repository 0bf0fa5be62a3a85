"""Two `make serve` app servers over one PostgreSQL database and one Redis cache agree (bench/two_servers.py)."""

import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings


def answers(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not (answers(5432) and answers(6379)), reason="needs PostgreSQL at :5432 and Redis at :6379")
def test_two_app_servers_serve_the_same_pages_and_an_edit_through_one_shows_through_the_other():
    ports = os.environ.get("ECOMKB_TEST_PORTS", "").split()[:2]  # default: any free loopback ports
    result = subprocess.run(
        [
            sys.executable,
            "bench/two_servers.py",
            "--database-url",
            "postgres://postgres@127.0.0.1:5432/ecomkb_test_two_servers",
            *(["--ports", *ports] if ports else []),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CACHE_", "DATABASE_URL"))},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("same page from both") == 8
    assert result.stdout.count("shows the new title at once") == 2
