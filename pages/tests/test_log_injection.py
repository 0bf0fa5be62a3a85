"""Nothing a visitor sends can start a log line of its own: control characters reach the log escaped.

A path or an attempted user name with a carriage return, a line feed, an escape sequence or a Unicode
line separator could otherwise write a fake line (`2026-12-07 ... CRITICAL ...`) into the log, or
recolour or erase what a terminal shows. Each is written as an escape (\\r, \\x1b, \\u2028) instead.
"""

import io
import logging
import sys

import pytest

from ecomkb.requestlog import OneLineFormatter

FORGED = "2026-12-07 03:00:00,000 CRITICAL django.security [forged - /] database dropped"
# Every C0 control, DEL, every C1 control (NEL among them), and the two Unicode line and paragraph separators.
CONTROLS = [chr(code) for code in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029]]


@pytest.fixture
def log_output():
    """What the configured stderr handler (settings.LOGGING, OneLineFormatter) writes, as text."""
    [handler] = [h for h in logging.getLogger("django").handlers if isinstance(h.formatter, OneLineFormatter)]
    captured = io.StringIO()
    previous = handler.setStream(captured)
    yield captured
    handler.setStream(previous)


def lines_written(log_output):
    return log_output.getvalue().split("\n")[:-1]  # each line ends with the handler's own "\n"


def assert_nothing_raw(lines):
    for line in lines:
        assert not any(char in line for char in CONTROLS), repr(line)
        assert "CRITICAL" not in line.split(" ", 3)[2], repr(line)  # the level is the line's third word


@pytest.mark.django_db
def test_a_path_with_line_breaks_and_escape_codes_is_logged_on_one_line_escaped(client, log_output):
    response = client.get(f"/en/no-such-page%0d%0a{FORGED.replace(' ', '%20')}%1b%5b2J%c2%85%e2%80%a8end/")

    assert response.status_code == 404
    lines = lines_written(log_output)
    [line] = [line for line in lines if "Not Found" in line]
    assert "no-such-page\\r\\n2026-12-07" in line
    assert "\\x1b[2J" in line and "\\x85" in line and "\\u2028end" in line
    assert_nothing_raw(lines)


@pytest.mark.django_db
def test_an_attempted_user_name_with_a_forged_line_is_logged_escaped(client, log_output):
    client.post("/en/accounts/login/", {"login": f"nobody\r\n{FORGED}\x1b[0m", "password": "wrong"})

    lines = lines_written(log_output)
    assert any("nobody\\r\\n2026-12-07" in line and "\\x1b[0m" in line for line in lines), lines
    assert_nothing_raw(lines)


def test_every_control_character_is_escaped_and_a_backslash_cannot_fake_an_escape():
    formatter = OneLineFormatter("%(message)s")
    record = logging.LogRecord("test", logging.WARNING, __file__, 1, "a%sb", (("".join(CONTROLS) + "\\n"),), None)

    line = formatter.format(record)

    assert line.isprintable()
    assert line.startswith("a\\x00\\x01") and "\\t\\n\\x0b\\x0c\\r" in line and "\\x1b" in line
    assert "\\x7f\\x80" in line and "\\x85" in line and "\\x9f\\u2028\\u2029" in line
    assert line.endswith("\\\\nb")  # the visitor's own backslash-n is not the formatter's newline escape


def test_a_traceback_stays_on_its_events_line():
    formatter = OneLineFormatter("%(levelname)s %(message)s")
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        record = logging.LogRecord("test", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())

    line = formatter.format(record)

    assert "\n" not in line and line.startswith("ERROR failed\\nTraceback (most recent call last):")
    assert "ZeroDivisionError" in line


def test_gunicorns_access_log_escapes_what_a_visitor_sends_in_its_headers():
    import datetime

    from gunicorn.config import Config

    from ecomkb.requestlog import EscapingAccessLogger

    class Response:
        status, sent, headers = "200 OK", 10, []

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/en/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": "UA\xc2\x85NEL\xc2\x9b31mCSI",  # as WSGI hands over the bytes: latin-1
        "HTTP_REFERER": "R\r\n2026-12-07 CRITICAL forged",
    }
    atoms = EscapingAccessLogger(Config()).atoms(Response(), [], environ, datetime.timedelta(seconds=1))
    assert atoms["a"] == "UA\xc2\\x85NEL\xc2\\x9b31mCSI" and atoms["f"] == "R\\r\\n2026-12-07 CRITICAL forged"
