"""A term's definition says only what the article says, citing the paragraphs it says it in; what editors know from
elsewhere is background, marked as such and never attributed to the article."""

import json
import re

import pytest
from django.conf import settings

from glossary.models import Term

FIXTURES = settings.BASE_DIR / "fixtures"
ARTICLE = {e["fields"]["slug"]: e["fields"] for e in json.loads((FIXTURES / "article.json").read_text())}
TERMS = [e["fields"] for e in json.loads((FIXTURES / "glossary.json").read_text())]
CITATION = re.compile(r"¶(\d+)(?:–¶(\d+))?")
ATTRIBUTION = re.compile(r"\barticle\b|文中|文章|原文|該段", re.IGNORECASE)


def cited_numbers(text):
    numbers = set()
    for match in CITATION.finditer(text):
        first = int(match.group(1))
        numbers |= set(range(first, int(match.group(2) or first) + 1))
    return numbers


def forms(fields):
    return [fields["term_zh_hant"], *filter(None, (line.strip() for line in fields["other_forms"].splitlines()))]


def test_the_glossary_holds_at_least_thirty_terms_and_the_five_modes():
    assert len(TERMS) >= 30
    assert {"b2b", "b2c", "c2b", "c2c", "o2o"} <= {fields["slug"] for fields in TERMS}


@pytest.mark.parametrize("fields", TERMS, ids=[fields["slug"] for fields in TERMS])
def test_each_definition_cites_exactly_its_source_paragraphs_in_both_languages(fields):
    sources = {ARTICLE[slug]["number"] for (slug,) in fields["sources"]}
    assert sources, "a definition says what the article says: it has a source"
    assert cited_numbers(fields["definition_en"]) == sources
    assert cited_numbers(fields["definition_zh_hant"]) == sources


@pytest.mark.parametrize("fields", TERMS, ids=[fields["slug"] for fields in TERMS])
def test_each_cited_paragraph_uses_the_term(fields):
    for (slug,) in fields["sources"]:
        paragraph = ARTICLE[slug]
        text = paragraph["heading_zh_hant"] + paragraph["text_zh_hant"]
        assert any(form in text for form in forms(fields)), f"¶{paragraph['number']} does not use {forms(fields)}"


@pytest.mark.parametrize("fields", TERMS, ids=[fields["slug"] for fields in TERMS])
def test_background_never_speaks_for_the_article(fields):
    for language in ["en", "zh_hant"]:
        assert not ATTRIBUTION.search(fields[f"background_{language}"])
    assert bool(fields["background_en"]) == bool(fields["background_zh_hant"]), "background in both languages or none"


@pytest.mark.django_db
def test_a_term_page_sets_background_apart_from_what_the_article_says(client):
    page = client.get("/en/glossary/jd-baitiao/").content.decode()
    provenance, background = page.split('id="provenance-heading"')[1].split('id="background-heading"')
    assert 'href="/en/article/#trend-3"' in provenance
    assert "consumer credit" in background and "consumer credit" not in provenance
    assert "consumer credit" not in Term.objects.get(slug="jd-baitiao").definition_en
