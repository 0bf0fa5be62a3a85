"""The sitemap stands on Django's documented Sitemap API only: a private helper may change in any release."""

import ast
import inspect

from django.contrib.sitemaps import Sitemap

from pages import sitemaps


def test_the_sitemaps_use_no_private_member_of_djangos_sitemap():
    tree = ast.parse(inspect.getsource(sitemaps))
    own = {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr.startswith("_")}
    borrowed = {name for name in used - own if name in dir(Sitemap) and not name.startswith("__")}
    assert borrowed == set(), f"private Sitemap members used: {sorted(borrowed)}"


def test_each_record_is_listed_once_per_site_language(db, client, settings):
    settings.LANGUAGES = [("en", "English"), ("zh-hant", "Traditional Chinese")]
    xml = client.get("/sitemap-company.xml").content.decode()
    assert xml.count("<loc>http://testserver/en/companies/tmall/</loc>") == 1
    assert xml.count("<loc>http://testserver/zh-hant/companies/tmall/</loc>") == 1
    assert "/zh-hans/companies/tmall/" not in xml
