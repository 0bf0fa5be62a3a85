"""Sign-in holds while the page cache fails: its security state is in a store of its own (the database)."""

import pytest
from django.contrib.auth.models import User

from .conftest import PASSWORD

DATABASE_STORE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "accounts_security_cache",  # made by accounts' migrations, as in production
}


@pytest.fixture
def broken_page_cache(settings, throwaway_redis):
    """The real settings' split: security state in the database, pages in a Redis the test can break."""
    url, server, process = throwaway_redis
    settings.CACHES = {
        "default": DATABASE_STORE,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url},
    }
    return server, process


def _sign_in(browser, staff, lang):
    mei = browser("203.0.113.9")
    assert mei.password("mei", PASSWORD, lang=lang)["Location"] == f"/{lang}/accounts/2fa/authenticate/"
    assert mei.code(staff.totp.now(), lang=lang)["Location"] == "/admin/"
    assert mei.get("/admin/").status_code == 200
    return mei


@pytest.mark.parametrize("fault", ["refusing writes", "stopped"])
def test_staff_sign_in_with_both_factors_works_while_the_page_cache_fails(staff, browser, broken_page_cache, fault):
    server, process = broken_page_cache
    if fault == "refusing writes":
        server.config_set("maxmemory", 1)
        server.config_set("maxmemory-policy", "noeviction")
    else:
        process.terminate()
        process.wait(timeout=10)
    _sign_in(browser, staff, "zh-hant")
    # A wrong password is still counted and refused after the limit (the throttle keeps its state too).
    intruder = browser("198.51.100.66")
    for _ in range(6):
        response = intruder.password("mei", "wrong password")
    assert response.status_code == 429 and intruder.signed_in_as() is None


def test_a_used_code_is_remembered_in_the_database_for_every_worker(staff, browser, settings):
    """The replay guard no longer lives in a per-process or evictable cache."""
    from django.core.cache import caches

    settings.CACHES = {**settings.CACHES, "default": DATABASE_STORE}
    code = staff.totp.now()
    mei = browser("203.0.113.9")
    mei.password("mei", PASSWORD)
    assert mei.code(code).status_code == 302
    caches["pages"].clear()  # readers' pages come and go: the used code stays
    other = browser("198.51.100.7")
    other.password("mei", PASSWORD)
    response = other.code(code)
    assert response.status_code == 200 and other.signed_in_as() is None
    assert User.objects.get(username="mei").last_login is not None


def test_the_deploy_check_refuses_a_security_store_of_each_process_its_own(settings):
    from accounts.checks import security_store

    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [error.id for error in security_store(None)] == ["accounts.E001"]
    settings.CACHES = {**settings.CACHES, "default": DATABASE_STORE}
    assert security_store(None) == []
