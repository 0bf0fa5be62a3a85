"""JSON-LD on records' pages, read as a search engine's parser reads it (pyld expands it to schema.org IRIs)."""

import json
import re

import pytest
from pyld import jsonld

from bilingual.chinese import to_simplified
from glossary.models import Term
from modes.models import Company, OperationMode
from trends.models import Trend

from .helpers import edit, page

LANGUAGES = ["en", "zh-hant", "zh-hans"]
SCHEMA = "https://schema.org/"
pytestmark = pytest.mark.django_db


def schema_org_offline(url, options=None):
    """schema.org's context, as its @vocab says: every term is a schema.org IRI (no network in tests)."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}


def structured(client, path):
    html = client.get(path).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, path
    document = json.loads(blocks[0])
    (expanded,) = jsonld.expand(document, {"documentLoader": schema_org_offline})
    return document, expanded


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "model,lookup,schema_type",
    [
        (OperationMode, {"slug": "b2c"}, "DefinedTerm"),
        (Term, {}, "DefinedTerm"),
        (Trend, {"number": 1}, "Article"),
        (Company, {"slug": "alibaba"}, "Organization"),
    ],
)
def test_each_records_page_says_what_it_is_in_its_language_and_what_it_is_based_on(
    client, lang, model, lookup, schema_type
):
    record = model.objects.published().filter(**lookup).order_by("pk").first()
    path = page(record, lang)
    document, expanded = structured(client, path)
    assert expanded["@type"] == [SCHEMA + "WebPage"]
    (entity,) = expanded[SCHEMA + "mainEntity"]
    assert entity["@type"] == [SCHEMA + schema_type]
    html_lang = {"en": "en", "zh-hant": "zh-Hant", "zh-hans": "zh-Hans"}[lang]
    assert expanded[SCHEMA + "inLanguage"] == [{"@value": html_lang}]
    assert expanded[SCHEMA + "dateModified"][0]["@value"] == record.updated_at.isoformat()
    (source,) = expanded[SCHEMA + "isBasedOn"]
    assert source["@type"] == [SCHEMA + "Article"] and source[SCHEMA + "url"][0]["@value"].endswith(f"/{lang}/article/")
    assert document["@id"] == f"http://testserver{path}"
    if schema_type == "DefinedTerm":
        assert entity[SCHEMA + "inDefinedTermSet"][0]["@type"] == [SCHEMA + "DefinedTermSet"]


def test_simplified_readers_get_simplified_text(client):
    trend = Trend.objects.get(number=1)
    traditional, _expanded = structured(client, page(trend, "zh-hant"))
    simplified, _expanded = structured(client, page(trend, "zh-hans"))
    assert simplified["name"] != traditional["name"]
    assert simplified["name"] == to_simplified(traditional["name"]) == simplified["mainEntity"]["name"]


def test_no_text_can_close_the_script_element(client):
    company = Company.objects.get(slug="alibaba")
    edit(company, description_en="Safe </script><script>alert(1)</script> & more")
    html = client.get(page(company, "en")).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and json.loads(block)["mainEntity"]["description"].startswith("Safe")


def test_descriptions_are_plain_text_without_html_entities(client):
    company = Company.objects.get(slug="alibaba")
    edit(company, description_en='Research & development, "quoted", <b>bold</b> 1 < 2')
    document, _expanded = structured(client, page(company, "en"))
    assert document["mainEntity"]["description"] == 'Research & development, "quoted", bold 1 < 2'


def test_a_draft_has_no_structured_data_anywhere(client):
    company = Company.objects.get(slug="alibaba")
    edit(company, status="draft")
    assert client.get(page(company, "en")).status_code == 404
    assert page(company, "en") not in client.get("/en/companies/").content.decode()  # nor in the list's


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lists_are_sets_of_terms_or_collections_and_the_article_an_article(client, lang):
    document, expanded = structured(client, f"/{lang}/modes/")
    assert expanded["@type"] == [SCHEMA + "DefinedTermSet"]
    codes = {mode.slug for mode in OperationMode.objects.published()}
    assert {term["url"].rstrip("/").rsplit("/", 1)[1] for term in document["hasDefinedTerm"]} == codes
    _document, expanded = structured(client, f"/{lang}/trends/")
    assert expanded["@type"] == [SCHEMA + "CollectionPage"]
    document, expanded = structured(client, f"/{lang}/article/")
    assert expanded["@type"] == [SCHEMA + "Article"] and expanded[SCHEMA + "dateModified"]


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_the_home_page_is_the_website_with_its_search(client, lang):
    document, expanded = structured(client, f"/{lang}/")
    assert expanded["@type"] == [SCHEMA + "WebSite"]
    assert document["potentialAction"]["target"].endswith(f"/{lang}/search/?q={{search_term_string}}")
    assert document["inLanguage"] == {"en": "en", "zh-hant": "zh-Hant", "zh-hans": "zh-Hans"}[lang]


@pytest.mark.parametrize("path", ["search/?q=B2B", "changes/", "downloads/"])
def test_other_readers_pages_are_web_pages_of_the_site(client, path):
    document, expanded = structured(client, f"/zh-hant/{path}")
    assert expanded["@type"] == [SCHEMA + "WebPage"] and document["isPartOf"]["@type"] == "WebSite"


def test_error_and_sign_in_pages_carry_no_structured_data(client):
    for path in ["/en/no-such-page/", "/en/accounts/login/"]:
        assert "application/ld+json" not in client.get(path).content.decode(), path
