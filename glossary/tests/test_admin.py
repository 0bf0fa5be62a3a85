"""Editors work on glossary terms as on every kind of content, and translation files carry them."""

import io

import pytest
from django.core.management import call_command

from glossary.models import Term

pytestmark = pytest.mark.django_db


def test_editors_may_view_change_and_publish_terms_but_not_delete_them(editor):
    for action in ["view", "add", "change", "publish"]:
        assert editor.has_perm(f"glossary.{action}_term"), action
    assert not editor.has_perm("glossary.delete_term")


def test_a_term_opens_in_the_admin_with_its_sources_preview_and_translation_status(admin_client):
    term = Term.objects.get(slug="haitao")
    page = admin_client.get(f"/admin/glossary/term/{term.pk}/change/").content.decode()
    assert "Translation status" in page and "What the article says" in page
    assert f"/admin/glossary/term/{term.pk}/preview/zh-hant/" in page
    assert admin_client.get(f"/admin/glossary/term/{term.pk}/preview/zh-hant/").status_code == 200


def test_translation_files_carry_the_terms(tmp_path):
    path = tmp_path / "terms.xlf"
    call_command(
        "exporttranslations", "--record", "glossary.term:jd-baitiao", "--into", "zh-hant", "-o", str(path),
        stderr=io.StringIO(),
    )  # fmt: skip
    exported = path.read_text(encoding="utf-8")
    for text in ["JD Baitiao", "京東白條", "One of the features of JD.com's JD Finance platform", "consumer credit"]:
        assert text in exported
    assert ":definition</context>" in exported and ":background</context>" in exported
