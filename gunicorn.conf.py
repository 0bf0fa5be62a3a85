"""gunicorn settings for `make serve` (and bench/): read by gunicorn from the working directory."""

import multiprocessing
import os
import sys

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# WEB_CONCURRENCY workers; by default two per core plus one, gunicorn's own advice.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
wsgi_app = "ecomkb.wsgi:application"
# Django is imported once, before the workers fork: they start at once and share its memory (a worker that
# max_requests recycles too). Nothing opens a connection at import, so no worker inherits one.
preload_app = True


def _entries(value):
    """A comma-separated list, as settings.py reads it: entries stripped, empty ones dropped."""
    return [entry.strip() for entry in value.split(",") if entry.strip()]


# Trust X-Forwarded-* only from the reverse proxies (addresses or CIDR networks), on the same machine by default:
# the one list, DJANGO_TRUSTED_PROXIES, that the app also reads X-Forwarded-For by (settings.TRUSTED_PROXIES).
_trusted = _entries(os.environ.get("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1"))
forwarded_allow_ips = ",".join(_trusted)
if "FORWARDED_ALLOW_IPS" in os.environ and set(_entries(os.environ["FORWARDED_ALLOW_IPS"])) != set(_trusted):
    print("gunicorn.conf.py: FORWARDED_ALLOW_IPS is ignored; DJANGO_TRUSTED_PROXIES is used", file=sys.stderr)
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG") else None
logger_class = "ecomkb.requestlog.EscapingAccessLogger"  # control characters in the access log escaped
errorlog = "-"
timeout = 30
max_requests = 10000  # recycle workers now and then; jitter keeps them from restarting together
max_requests_jitter = 1000
control_socket_disable = True  # no shared ~/.gunicorn socket: several instances may run side by side


def post_worker_init(worker):
    """Each worker sends the purges queued after commits (pagecache.purges) from a thread, and retries those
    a shell or a cache that was down left behind."""
    from django.apps import apps

    if apps.is_installed("pagecache"):  # the site; not bench/floor_app.py, which serves bytes without it
        from pagecache.purges import start_drainer

        start_drainer()
