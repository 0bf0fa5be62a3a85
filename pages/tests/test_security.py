"""Security headers, HTTPS behind a proxy, secure cookies, admin login throttling, `check --deploy`."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.utils import get_random_secret_key

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": get_random_secret_key(),
    "DJANGO_ALLOWED_HOSTS": "kb.example.com",
    "DJANGO_SETTINGS_MODULE": "ecomkb.settings",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CACHE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("path", ["/en/", "/zh-hant/modes/b2b/", "/en/no-such-page/", "/robots.txt", "/admin/login/"])
def test_every_response_carries_the_security_headers(db, client, path):
    response = client.get(path)
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp["script-src"] == "'self'" and "unsafe-inline" not in response["Content-Security-Policy"]
    assert csp["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_hsts_only_over_https(db, client):
    assert "Strict-Transport-Security" not in client.get("/en/")
    hsts = client.get("/en/", headers={"X-Forwarded-Proto": "https"})["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000")


def test_behind_the_proxy_plain_http_is_redirected_and_https_is_served(db, client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/en/modes/?x=1")
    assert response.status_code == 301 and response["Location"] == "https://testserver/en/modes/?x=1"
    secure = client.get("/en/modes/", headers={"X-Forwarded-Proto": "https", "Host": "testserver"})
    assert secure.status_code == 200 and 'href="https://testserver/en/modes/"' in secure.content.decode()


def test_session_and_csrf_cookies_are_secure_and_httponly(db, client, admin_user):
    response = client.post("/admin/login/", {"username": "admin", "password": "password"})
    assert response.status_code == 302
    for name in ["sessionid", "csrftoken"]:
        cookie = response.cookies[name]
        assert cookie["secure"] and cookie["httponly"], name


def test_check_deploy_is_clean_with_the_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "env,message",
    [
        ({"DJANGO_ALLOWED_HOSTS": "kb.example.com"}, "DJANGO_SECRET_KEY must be set"),
        ({"DJANGO_SECRET_KEY": "k" * 50}, "DJANGO_ALLOWED_HOSTS must list"),
        ({**PRODUCTION_ENV, "CACHE_URL": "mongodb://nowhere"}, "CACHE_URL 'mongodb://nowhere' is not understood"),
    ],
    ids=["no-secret-key", "no-allowed-hosts", "bad-cache-url"],
)
def test_a_misconfigured_production_stops_with_one_clear_line(env, message):
    result = manage("check", **env)
    assert result.returncode == 2
    assert result.stderr.startswith(f"ecomkb configuration error: {message}")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


class TestAdminLoginThrottle:
    def fail(self, client, username="admin", ip="203.0.113.9"):
        return client.post("/admin/login/?next=/admin/", {"username": username, "password": "wrong"}, REMOTE_ADDR=ip)

    def login(self, client, ip="203.0.113.9"):
        return client.post("/admin/login/?next=/admin/", {"username": "admin", "password": "password"}, REMOTE_ADDR=ip)

    def test_a_handful_of_failures_locks_the_user_out_even_with_the_right_password(self, db, client, admin_user):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert self.fail(client).status_code == 200  # the form again, with an error
        assert self.fail(client).status_code == 429
        assert self.login(client).status_code == 429
        assert self.login(client, ip="198.51.100.7").status_code == 429, "locked for this user from anywhere"

    def test_failures_from_one_address_lock_that_address_for_every_user(self, db, client, admin_user):
        for i in range(settings.AXES_FAILURE_LIMIT):
            self.fail(client, username=f"guess{i}")
        assert self.login(client).status_code == 429
        assert self.login(client, ip="198.51.100.7").status_code == 302

    def test_axes_reset_lifts_a_lockout(self, db, client, admin_user):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.fail(client)
        assert self.login(client).status_code == 429
        call_command("axes_reset", verbosity=0)
        assert self.login(client).status_code == 302

    def test_the_test_clients_login_still_works(self, db, client, admin_user):
        assert client.login(username="admin", password="password")
        assert client.get("/admin/").status_code == 200
