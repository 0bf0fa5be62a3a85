"""The admin's pages carry the site's icon, as every reader's page does (pages/tests/test_metadata.py)."""

import pytest
from pytest_django.asserts import assertContains


@pytest.mark.parametrize("path", ["/admin/", "/admin/trends/trend/", "/admin/modes/company/1/change/"])
def test_every_admin_page_names_the_sites_icon_so_browsers_do_not_ask_for_favicon_ico(editor_client, path):
    response = editor_client.get(path)
    assertContains(response, '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">', html=True)
