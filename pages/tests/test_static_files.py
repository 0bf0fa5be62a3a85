"""In production, static files have hashed names, come compressed, and may be cached for ever."""

import io
import re

from django.core.management import call_command
from django.test import Client

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_collected_static_files_are_hashed_compressed_and_cached_for_ever(db, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_USE_FINDERS = settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, stdout=io.StringIO())

    client = Client()  # a new handler: whitenoise reads STATIC_ROOT when it starts
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', client.get("/en/").content.decode())
    assert stylesheet, "pages link the hashed file name"
    assert (tmp_path / stylesheet.group(1).removeprefix("/static/")).with_suffix(".css.gz").exists()

    response = client.get(stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
