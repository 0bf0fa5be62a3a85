"""Security headers, HTTPS behind a proxy, secure cookies, admin login throttling, `check --deploy`."""

import pytest
from django.conf import settings
from django.core.management.utils import get_random_secret_key

from pages.tests.helpers import manage

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": get_random_secret_key(),
    "DJANGO_MFA_KEYS": settings.MFA_ENCRYPTION_KEYS[0],
    "DJANGO_ALLOWED_HOSTS": "kb.example.com",
    "DJANGO_SETTINGS_MODULE": "ecomkb.settings",
}


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
    client.get("/en/accounts/login/")
    response = client.post("/en/accounts/login/", {"login": "admin", "password": "password"})
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
        ({"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_MFA_KEYS": PRODUCTION_ENV["DJANGO_MFA_KEYS"]}, "DJANGO_ALLOWED_HOSTS"),
        ({**PRODUCTION_ENV, "CACHE_URL": "mongodb://nowhere"}, "CACHE_URL 'mongodb://nowhere' is not understood"),
        ({"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ALLOWED_HOSTS": "kb.example.com"}, "DJANGO_MFA_KEYS must be set"),
        ({**PRODUCTION_ENV, "DJANGO_MFA_KEYS": "short"}, "each DJANGO_MFA_KEYS entry must be 32 random bytes"),
    ],
    ids=["no-secret-key", "no-allowed-hosts", "bad-cache-url", "no-mfa-key", "bad-mfa-key"],
)
def test_a_misconfigured_production_stops_with_one_clear_line(env, message):
    result = manage("check", **env)
    assert result.returncode == 2
    assert result.stderr.startswith(f"ecomkb configuration error: {message}")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


# Sign-in throttling is tested in accounts/tests/test_throttle.py.
