"""When the cache cannot take a new generation, readers never see what an editor took down.

A throwaway redis-server refuses writes as a full one does (`CONFIG SET maxmemory 1`) or is
stopped; the file cache's directory refuses writes as a read-only or full disk does.
"""

import errno
import os

import pytest
from django.db import transaction
from django.test import Client

from content.signals import ChangeRefused
from editors.tests.admin_forms import form_errors, open_form, save
from modes.models import Company
from pagecache import generation
from pagecache.middleware import local_pages

REFUSED = "Nothing was saved: the page cache could not be emptied"


@pytest.fixture
def redis_cache(settings, throwaway_redis):
    url, server, process = throwaway_redis
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url},
    }
    return server, process


@pytest.fixture
def reader():
    local_pages.pages.clear()
    return Client()


def read_twice(reader, path):
    """A page as readers get it, the second time from the cache."""
    reader.get(path)
    local_pages.pages.clear()  # the next reader may be served by another worker
    return reader.get(path)


def unpublish_jd(admin_client):
    jd = Company.objects.get(slug="jd")
    return save(admin_client, jd, open_form(admin_client, jd) | {"status": "draft"})


def test_with_redis_full_unpublishing_is_refused_with_a_message_and_the_text_kept(
    db, admin_client, reader, redis_cache
):
    server, _process = redis_cache
    assert read_twice(reader, "/en/companies/jd/").status_code == 200
    server.config_set("maxmemory", 1)  # every write is now refused with OOM, as by a full Redis

    response = unpublish_jd(admin_client)

    assert response.status_code == 200
    assert REFUSED in form_errors(response)["__all__"][0]
    assert response.context["adminform"].form["status"].value() == "draft"  # what the editor chose is still there
    assert Company.objects.get(slug="jd").is_published  # nothing changed, so the cached page is still the truth

    server.config_set("maxmemory", 0)  # Redis recovers: the same save goes through and shows at once
    assert unpublish_jd(admin_client).status_code == 302
    assert reader.get("/en/companies/jd/").status_code == 404
    assert 'href="/en/companies/jd/"' not in reader.get("/en/companies/").content.decode()


def test_with_redis_stopped_a_save_from_a_shell_is_refused(db, reader, redis_cache):
    _server, process = redis_cache
    read_twice(reader, "/en/companies/jd/")
    process.terminate()
    process.wait()
    jd = Company.objects.get(slug="jd")
    jd.status = Company.Status.DRAFT
    with pytest.raises(ChangeRefused), transaction.atomic():
        jd.save()
    assert Company.objects.get(slug="jd").is_published
    assert reader.get("/en/companies/jd/").status_code == 200  # served fresh: the cache is unreachable


def test_if_the_generation_is_lost_after_a_commit_pages_are_served_fresh_until_one_is_kept(
    db, reader, redis_cache, monkeypatch
):
    server, _process = redis_cache
    read_twice(reader, "/en/companies/jd/")
    jd = Company.objects.get(slug="jd")
    jd.status = Company.Status.DRAFT
    jd.save()  # the renewal before the commit worked (tests run in one transaction; on_commit is run below)
    server.config_set("maxmemory", 1)
    generation.renew_or_forget()  # the renewal after the commit fails: the generation is forgotten instead
    assert generation.current_generation() is None
    local_pages.pages.clear()
    assert reader.get("/en/companies/jd/").status_code == 404
    assert reader.get("/en/companies/jd/").status_code == 404


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)},
    }
    return tmp_path


@pytest.mark.parametrize("failure", [errno.EROFS, errno.ENOSPC])
def test_with_the_cache_directory_refusing_writes_unpublishing_is_refused(
    db, admin_client, reader, file_cache, monkeypatch, failure
):
    """Read-only or full: simulated at the system call, since tests run as root, whom permissions never stop."""
    assert read_twice(reader, "/en/companies/jd/").status_code == 200

    def refuse(*args, **kwargs):
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(generation.tempfile, "mkstemp", refuse)
    response = unpublish_jd(admin_client)
    assert response.status_code == 200 and REFUSED in form_errors(response)["__all__"][0]
    assert Company.objects.get(slug="jd").is_published

    monkeypatch.undo()
    assert unpublish_jd(admin_client).status_code == 302
    assert reader.get("/en/companies/jd/").status_code == 404


def test_deleting_while_the_cache_refuses_writes_is_refused_with_a_message(db, admin_client, file_cache, monkeypatch):
    monkeypatch.setattr(generation.tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.EROFS, "")))
    jd = Company.objects.get(slug="jd")
    response = admin_client.post(f"/admin/modes/company/{jd.pk}/delete/", {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert Company.objects.filter(slug="jd").exists()


def test_seed_with_a_cache_that_refuses_writes_stops_with_a_one_line_error(db, file_cache, monkeypatch):
    from django.core.management import CommandError, call_command

    from content.models import SeedRecord

    SeedRecord.objects.filter(model="modes.company").delete()  # a fresh database: seed has companies to add
    Company.objects.all().delete()
    monkeypatch.setattr(generation.tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.EROFS, "")))
    with pytest.raises(CommandError, match="page cache could not be emptied"):
        call_command("seed")
    assert not Company.objects.exists()


@pytest.mark.parametrize("cache_kind", ["redis full", "file cache read-only"])
def test_a_shell_save_in_autocommit_that_the_cache_refuses_leaves_the_record_as_it_was(
    transactional_db, reader, cache_kind, request, monkeypatch
):
    """As `manage.py shell -c "…; m.save()"` runs it: no transaction around the save. The refusal used to come
    after the row had committed, so the record was a draft while every cached page still showed it."""
    if cache_kind == "redis full":
        server, _process = request.getfixturevalue("redis_cache")
        read_twice(reader, "/en/companies/jd/")
        server.config_set("maxmemory", 1)
    else:
        request.getfixturevalue("file_cache")
        read_twice(reader, "/en/companies/jd/")
        monkeypatch.setattr(generation.tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(OSError(30, "")))
    assert not transaction.get_connection().in_atomic_block
    jd = Company.objects.get(slug="jd")
    jd.status = Company.Status.DRAFT
    with pytest.raises(ChangeRefused, match="Nothing was saved"):
        jd.save()
    assert Company.objects.get(slug="jd").is_published, "nothing was saved, as the message says"
    with pytest.raises(ChangeRefused):
        Company.objects.get(slug="jd").delete()
    assert Company.objects.filter(slug="jd").exists()
