"""The README is a manual of at most 300 lines, and it and docs/ point only at things that exist.

Checked in README.md and every docs/*.md: relative links (and their #anchors, GitHub-style), file paths named in
code (`editors/admin.py`), `manage.py` commands and `make` targets. Decision records name files of their day, so
only their links are checked. Links to other sites are not fetched. docs/architecture.md also keeps the two lists
a newcomer trusts in step with the code: the layer picture with the import contracts, and "Dependencies and why"
with requirements*.txt.
"""

import re
import tomllib
import unicodedata
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
README_MAX_LINES = 300
HISTORICAL = {"decisions.md"}  # records of their day: links checked, named files not
MADE_AT_RUN_TIME = (".venv/", "var/", "staticfiles/", "tools/lighthouse/node_modules")  # git-ignored, made by make
OUTSIDE = "../"  # beside the checkout (../shared/…), not in a clone of it

FENCE = re.compile(r"^```.*?^```", re.M | re.S)
INLINE_CODE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)|<img [^>]*src=\"([^\"]+)\"")
HEADING = re.compile(r"^#{1,6} +(.+?) *$", re.M)
PATH_TOKEN = re.compile(r"^[A-Za-z._][\w.-]*(/[\w.-]+)*/?$")
MANAGE_COMMAND = re.compile(r"manage\.py +([a-z_0-9]+)")
MAKE_TARGET = re.compile(r"(?:^|[\s;(])make +([a-z][\w-]*)")


def pages():
    return [README, *sorted(DOCS.glob("*.md"))]


def page_id(page):
    return str(page.relative_to(ROOT))


def code_of(text):
    """Everything inside fences and backticks: where files and commands are named."""
    return FENCE.findall(text) + INLINE_CODE.findall(FENCE.sub("", text))


def prose_of(text):
    return INLINE_CODE.sub("", FENCE.sub("", text))


def anchors(page):
    """GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered."""
    seen, ids = {}, set()
    for heading in HEADING.findall(FENCE.sub("", page.read_text())):
        text = heading.replace("`", "").lower()
        slug = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN").replace(" ", "-")
        ids.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return ids


def broken_links(page):
    broken = []
    for match in LINK.finditer(prose_of(page.read_text())):
        target = match.group(1) or match.group(2)
        if re.match(r"^[a-z][a-z+.-]*:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(target)
    return broken


def named_paths(text):
    for code in code_of(text):
        for token in code.split():
            token = token.strip("'\"(),;:")
            if "/" in token and PATH_TOKEN.match(token) and not token.startswith((*MADE_AT_RUN_TIME, OUTSIDE)):
                yield token


@pytest.mark.parametrize("page", pages(), ids=page_id)
def test_every_relative_link_leads_somewhere(page):
    assert broken_links(page) == []


@pytest.mark.parametrize("page", [p for p in pages() if p.name not in HISTORICAL], ids=page_id)
def test_every_file_named_exists(page):
    missing = sorted({path for path in named_paths(page.read_text()) if not (ROOT / path).exists()})
    assert missing == []


@pytest.mark.parametrize("page", pages(), ids=page_id)
def test_every_manage_py_command_named_exists(page):
    code = "\n".join(code_of(page.read_text()))
    assert sorted(set(MANAGE_COMMAND.findall(code)) - set(get_commands())) == []


@pytest.mark.parametrize("page", pages(), ids=page_id)
def test_every_make_target_named_exists(page):
    code = "\n".join(code_of(page.read_text()))
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(), re.M))
    assert sorted(set(MAKE_TARGET.findall(code)) - targets) == []


def test_the_readme_links_every_page_in_docs():
    targets = (match.group(1) or "" for match in LINK.finditer(README.read_text()))
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in targets}
    assert [page_id(p) for p in sorted(DOCS.glob("*.md")) if p.resolve() not in linked] == []


def test_every_pinned_package_says_why_it_is_there():
    """Each package in requirements*.txt has a row in docs/architecture.md's "Dependencies and why"."""
    section = (DOCS / "architecture.md").read_text().partition("## Dependencies and why")[2]
    named = " ".join(line.split("|")[1].lower() for line in section.splitlines() if line.startswith("| "))
    pinned = {
        re.split(r"[\[=<>~ ]", line.strip(), maxsplit=1)[0].lower()
        for name in ("requirements.txt", "requirements-dev.txt")
        for line in (ROOT / name).read_text().splitlines()
        if line.strip() and not line.startswith(("#", "-"))
    }
    assert sorted(p for p in pinned if not re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", named)) == []


def import_contracts():
    """import-linter's contracts as `make lint` checks them: built from INSTALLED_APPS, else pyproject.toml's."""
    try:
        from ecomkb.layers import contracts
    except ImportError:
        return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    return contracts()[1]


def test_the_layer_picture_matches_the_import_linter_contracts():
    """docs/architecture.md draws the layers top to bottom, the apps of a layer on one row, and names every
    contract."""
    architecture = (DOCS / "architecture.md").read_text()
    picture = FENCE.findall(architecture.partition("## The layers")[2])[0].splitlines()
    contracts = import_contracts()
    layers = next(contract["layers"] for contract in contracts if contract["type"] == "layers")

    def row_of(app):
        return next((i for i, line in enumerate(picture) if re.search(rf"│ {app} ", line)), None)

    rows = [{row_of(app.strip()) for app in layer.split("|")} for layer in layers]
    assert [layer for layer, row in zip(layers, rows, strict=True) if len(row) != 1 or None in row] == []
    drawn = [row.pop() for row in rows]
    assert drawn == sorted(set(drawn))  # top to bottom, each layer on a row of its own
    assert [contract["id"] for contract in contracts if f"`{contract['id']}`" not in architecture] == []


def test_the_readme_is_a_manual_of_at_most_300_lines():
    assert len(README.read_text().splitlines()) <= README_MAX_LINES
