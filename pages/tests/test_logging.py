"""Production logs go to stderr, one line per event, with the request's path and id and, for errors, the traceback."""

import os
import re
import subprocess
import sys

from django.conf import settings

FAILING_REQUEST = """
import django
django.setup()
from django.test import Client
import pages.views
pages.views.RobotsView.get = lambda *args, **kwargs: 1 / 0
response = Client(raise_request_exception=False).get("/robots.txt", HTTP_X_REQUEST_ID="req-42")
print(response.status_code, response["X-Request-ID"])
"""


def test_a_server_error_in_production_is_one_stderr_line_with_path_id_and_traceback(tmp_path):
    env = {name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "CACHE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="ecomkb.settings",
        DJANGO_SECRET_KEY="log-test-" + os.urandom(8).hex(),
        DJANGO_MFA_KEYS=settings.MFA_ENCRYPTION_KEYS[0],
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        ECOMKB_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", FAILING_REQUEST],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["500", "req-42"]
    [line] = [line for line in result.stderr.splitlines() if "django.request" in line]
    assert re.search(r"ERROR django\.request \[req-42 GET /robots\.txt\] Internal Server Error: /robots\.txt", line)
    assert "Traceback (most recent call last)" in line and "ZeroDivisionError" in line
