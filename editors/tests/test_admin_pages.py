"""The admin's pages carry the site's icon, as every reader's page does (pages/tests/test_metadata.py)."""

import pytest
from pytest_django.asserts import assertContains

from modes.models import Company


@pytest.mark.parametrize("path", ["/admin/", "/admin/trends/trend/", "/admin/modes/company/{pk}/change/"])
def test_every_admin_page_names_the_sites_icon_so_browsers_do_not_ask_for_favicon_ico(editor_client, path):
    # a company's own id: after a test that empties and re-seeds the tables, ids no longer start at 1
    response = editor_client.get(path.format(pk=Company.objects.order_by("pk").first().pk))
    assertContains(response, '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">', html=True)


@pytest.mark.parametrize(
    "lang, header", [("en", "ecomkb administration"), ("zh-hant", "電商知識庫管理"), ("zh-hans", "电商知识库管理")]
)
def test_the_admin_is_headed_with_the_sites_name_in_the_editors_language(editor_client, lang, header):
    editor_client.cookies["django_language"] = lang  # the language the editor signed in with
    response = editor_client.get("/admin/")
    assertContains(response, f'<div id="site-name"><a href="/admin/">{header}</a></div>', html=True)
    assert "Django" not in response.content.decode().split("<title>")[1].split("</title>")[0]
