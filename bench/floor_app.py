"""The floor for bench/run.py: a bare Django view returning captured page bytes.

No middleware, no database, no templates: the fastest a Django view can answer under the
same gunicorn settings. bench/run.py captures each page from the real site into the JSON
file named by BENCH_PAGES, then serves this with `gunicorn bench.floor_app:application`.
"""

import base64
import json
import os
import secrets

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_urlsafe(50),  # nothing here is signed, but no key is ever written down
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse, HttpResponseNotFound  # noqa: E402
from django.urls import re_path  # noqa: E402

with open(os.environ["BENCH_PAGES"], encoding="utf-8") as captured:
    PAGES = {path: base64.b64decode(body) for path, body in json.load(captured).items()}


def page(request):
    body = PAGES.get(request.path)
    if body is None:
        return HttpResponseNotFound()
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"", page)]
application = get_wsgi_application()
