"""Seeding delivers each glossary term once: running it again neither duplicates nor overwrites."""

import io

import pytest
from django.core.management import call_command

from content.stable_keys import seeded_key
from glossary.models import Term

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed", stdout=io.StringIO())


def test_every_fixture_term_is_seeded_published_with_its_stable_key_and_links():
    term = Term.objects.get(slug="wbt-alliance")
    assert term.is_published
    assert term.key == seeded_key("glossary.term", "wbt-alliance")
    assert {c.slug for c in term.companies.all()} == {"wanda", "baidu", "tencent"}
    assert [p.slug for p in term.sources.all()] == ["trend-5"]


def test_seeding_again_changes_nothing():
    before = list(Term.objects.order_by("pk").values())
    seed()
    assert list(Term.objects.order_by("pk").values()) == before


def test_seeding_again_keeps_an_editors_changes_and_deletions():
    term = Term.objects.get(slug="haitao")
    term.definition_en = "An editor's definition."
    term.slug = "overseas-shopping"
    term.save()
    term.companies.clear()
    Term.objects.get(slug="crowdfunding").delete()
    count = Term.objects.count()
    seed()
    assert Term.objects.count() == count, "nothing duplicated, nothing brought back"
    term.refresh_from_db()
    assert term.definition_en == "An editor's definition."
    assert not term.companies.exists(), "a link the editor removed stays removed"
    assert not Term.objects.filter(slug__in=["haitao", "crowdfunding"]).exists()
