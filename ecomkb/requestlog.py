"""One log line per event, each naming the request it belongs to (settings.LOGGING).

RequestIdMiddleware gives every request an id (the proxy's X-Request-ID when it sends a sane
one) and sends it back in the response, so a reader's report can be matched to the log.
"""

import contextvars
import logging
import re
import uuid

_current = contextvars.ContextVar("request", default=None)
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = sent if _SANE_ID.fullmatch(sent) else uuid.uuid4().hex[:12]
        token = _current.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class RequestContext(logging.Filter):
    """Adds request_id, request_method and request_path to every record ("-" outside a request)."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if not hasattr(request, "META"):  # django.server passes a socket, not an HttpRequest
            request = _current.get()
        record.request_id = getattr(request, "request_id", "-")
        record.request_method = getattr(request, "method", "-")
        record.request_path = getattr(request, "path", "-")
        return True


class OneLineFormatter(logging.Formatter):
    """The traceback stays on the event's line (newlines written as \\n), so no log line is orphaned."""

    def format(self, record):
        return super().format(record).replace("\n", "\\n")
