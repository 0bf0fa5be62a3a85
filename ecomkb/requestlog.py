"""One log line per event, each naming the request it belongs to (settings.LOGGING).

RequestIdMiddleware gives every request an id (the proxy's X-Request-ID when it sends a sane
one) and sends it back in the response, so a reader's report can be matched to the log.
"""

import contextvars
import logging
import re
import uuid

from gunicorn.glogging import Logger as GunicornLogger

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


def _escape(code):
    return {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


# Every C0 control, DEL, every C1 control (NEL, U+0085, among them), the line and paragraph separators,
# and the bidirectional overrides that make a terminal show a line in another order than it was written;
# the backslash too, so that a visitor's own "\n" cannot pass for an escaped newline.
_CONTROLS = [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ESCAPES = {**{code: _escape(code) for code in _CONTROLS}, ord("\\"): "\\\\"}


class OneLineFormatter(logging.Formatter):
    """One event, one line: every control character in it is written as an escape (\\n, \\r, \\x1b, \\u2028).

    The traceback stays on the event's line, so no log line is orphaned, and nothing a visitor sends (a path,
    an attempted user name) can start a line of its own, such as a forged CRITICAL, or drive the terminal.
    """

    def format(self, record):
        return super().format(record).translate(_ESCAPES)


class EscapingAccessLogger(GunicornLogger):
    """gunicorn's access log (GUNICORN_ACCESS_LOG) with the same escapes: a User-Agent or Referer holding NEL or
    CSI (bytes C2 85, C2 9B) reached the log raw, a line break to some log tools and a terminal escape."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: value.translate(_ESCAPES) if isinstance(value, str) else value for name, value in atoms.items()}
