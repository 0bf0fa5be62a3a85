"""Hostile and random requests get a 4xx or a redirect, never a 5xx (property-based, hypothesis)."""

from urllib.parse import unquote_to_bytes

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.long_running

# Data tables, kept compact.
# fmt: off
PREFIXES = ["", "/", "/en/", "/zh-hant/", "/zh-hans/", "/zh/", "/EN/", "/xx/", "/en-us/", "/admin/",
            "/admin/login/", "/static/", "/static/css/", "/en/modes/", "/zh-hant/trends/", "/en/companies/",
            "/sitemap.xml", "/robots.txt", "//", "/./", "/../"]
SEGMENTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["%00", "%ff", "%c0%af", "%2e%2e", "..", "%2f", "%", "%zz", "<script>", "'\"", "\\", "b2b",
                     "?", "#", ";", "\x00", "\r\n", "💥", "ａ", "~", "b2b/../../etc/passwd", "x" * 3000]),
)
METHODS = st.sampled_from(["GET", "GET", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
                           "PROPFIND", "get", "G E T"])
HEADER_NAMES = ["HTTP_HOST", "HTTP_ACCEPT_LANGUAGE", "HTTP_COOKIE", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR",
                "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE", "HTTP_REFERER", "HTTP_ORIGIN",
                "HTTP_USER_AGENT", "HTTP_AUTHORIZATION", "CONTENT_TYPE", "HTTP_ACCEPT"]
HEADER_VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", "evil.example", "testserver:99999", "[::1", "a" * 10000, "zh-TW;q=abc", "*;q=2",
                     "sessionid=nonsense; csrftoken=x", "https", "bytes=9-1", "multipart/form-data; boundary=",
                     "application/x-www-form-urlencoded", "Mon, 99 Foo 2024", "W/\"x\", *", "\x7f\x00"]),
)
# fmt: on
BODIES = st.one_of(st.binary(max_size=200), st.sampled_from([b"a=1&" * 2000, b"x" * (3 * 1024 * 1024)]))
QUERIES = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["a=1&" * 2000, "q=%ff%fe", "next=//evil.example", "page=-1", "q=" + "x" * 5000]),
)


@pytest.fixture
def hostile_client(db):
    return Client(raise_request_exception=False)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    method=METHODS,
    prefix=st.sampled_from(PREFIXES),
    segments=st.lists(SEGMENTS, max_size=3),
    query=QUERIES,
    headers=st.dictionaries(st.sampled_from(HEADER_NAMES), HEADER_VALUES, max_size=4),
    body=BODIES,
)
@example(method="GET", prefix="/en/", segments=["%ff"], query="", headers={}, body=b"")
@example(method="GET", prefix="", segments=["", "", "["], query="", headers={}, body=b"")
@example(method="GET", prefix="/xx/", segments=[], query="", headers={"HTTP_HOST": "evil.example"}, body=b"")
@example(
    method="POST",
    prefix="/en/",
    segments=[],
    query="",
    headers={"CONTENT_TYPE": "multipart/form-data; boundary="},
    body=b"x" * (3 * 1024 * 1024),
)
@example(method="GET", prefix="/", segments=[], query="", headers={"HTTP_ACCEPT_LANGUAGE": "a" * 10000}, body=b"")
@example(method="GET", prefix="/en/", segments=[], query="a=1&" * 2000, headers={}, body=b"")
@example(
    method="POST",
    prefix="/admin/login/",
    segments=[],
    query="next=//evil.example",
    headers={"CONTENT_TYPE": "application/x-www-form-urlencoded"},
    body=b"a=1&" * 2000,
)
def test_no_request_gets_a_server_error(hostile_client, method, prefix, segments, query, headers, body):
    target = (prefix + "/".join(segments)).split("#")[0]
    path, _, query_in_path = target.partition("?")
    # What a WSGI server hands Django: the path percent-decoded, it and the query and the headers
    # as raw bytes decoded as latin-1 (the test client's own URL parsing would choke on "//[").
    wire = {name: value.encode().decode("latin-1") for name, value in headers.items()}
    response = hostile_client.generic(
        method,
        "/",
        data=body,
        content_type=wire.pop("CONTENT_TYPE", "application/octet-stream"),
        PATH_INFO=unquote_to_bytes(path).decode("latin-1"),
        QUERY_STRING=(query_in_path or query).encode().decode("latin-1"),
        **wire,
    )
    assert response.status_code < 500, (method, target, query, headers, response.status_code)
