"""gunicorn settings for `make serve` (and bench/): read by gunicorn from the working directory."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# WEB_CONCURRENCY workers; by default two per core plus one, gunicorn's own advice.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
wsgi_app = "ecomkb.wsgi:application"
# Django is imported once, before the workers fork: they start at once and share its memory (a worker that
# max_requests recycles too). Nothing opens a connection at import, so no worker inherits one.
preload_app = True
# Trust X-Forwarded-* only from the reverse proxy; on the same machine by default.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG") else None
errorlog = "-"
timeout = 30
max_requests = 10000  # recycle workers now and then; jitter keeps them from restarting together
max_requests_jitter = 1000
control_socket_disable = True  # no shared ~/.gunicorn socket: several instances may run side by side
