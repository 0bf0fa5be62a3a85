"""Every staff URL pattern, with hostile query values, signed in with both factors: never a 5xx.

The patterns come from Django's resolver (accounts.testing.every_url_pattern), so a page added later is in it.
"""

import pytest
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.staff_area import is_public
from accounts.testing import every_url_pattern

pytestmark = pytest.mark.long_running

STAFF_PATHS = sorted(
    path for path, _ in every_url_pattern() if not is_public(resolve(path).func) and "logout" not in path
)
# The admin's and allauth's own query parameters, and a few nobody expects.
PARAMETERS = [
    "q", "o", "p", "e", "all", "_popup", "_to_field", "_changelist_filters", "app_label", "model_name",
    "field_name", "term", "page", "next", "format", "kind", "language", "type__exact", "time__gte", "id__in",
    "user__id__exact", "created_at__gte", "pk", "",
]  # fmt: skip
HOSTILE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["0", "-1", "9" * 30, "1,2,x", "companies", "modes", "auth", "user", "mfa", "authenticator", "\x00", "%00",
         "../../etc/passwd", "' OR 1=1 --", "<script>", "💥" * 50, "x" * 5000, "2026-13-45", "1e309", "__class__",
         "https://evil.example/", "//evil.example", "\r\nSet-Cookie: x=1"]
    ),
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(STAFF_PATHS),
    query=st.dictionaries(st.sampled_from(PARAMETERS), HOSTILE, max_size=4),
)
def test_hostile_query_values_on_any_staff_page_never_give_a_server_error(admin_client, path, query):
    response = admin_client.get(path, query)
    assert response.status_code < 500, (path, query)
