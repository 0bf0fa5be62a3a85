"""What a translator receives: the right units, states, notes and ids, in files their tools read."""

import io
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from modes.models import Company, OperationMode
from trends.models import Trend
from xliff import formats
from xliff.formats import XLIFF12_NS, XLIFF20_NS, Xliff12File
from xliff.units import NEEDS_REVIEW, NEEDS_TRANSLATION, TRANSLATED, Direction, export_units

from .conftest import uid


@pytest.fixture
def work(work_made_once_for_the_module):
    """Every test here starts from the same work: made once for the module (xliff/tests/conftest.py)."""
    return work_made_once_for_the_module


INTO_CHINESE = Direction.into("zh-hant")
INTO_ENGLISH = Direction.into("en")

# Debian's php-symfony-translation ships the OASIS schemas (.ci/run installs it).
SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")


def schema(name):
    if not (SCHEMAS / name).is_file():
        reason = f"{SCHEMAS / name} missing: apt-get install php-symfony-translation (it ships the OASIS XSDs)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs it, so under CI this is a failure", pytrace=False)
        pytest.skip(reason)
    document = etree.parse(str(SCHEMAS / name))
    for element in document.getroot().iter("{http://www.w3.org/2001/XMLSchema}import"):
        if element.get("namespace") == "http://www.w3.org/XML/1998/namespace":
            element.set("schemaLocation", str(SCHEMAS / "xml.xsd"))  # never fetched from the network
    return etree.XMLSchema(document)


def by_id(units):
    return {unit.id: unit for unit in units}


def test_needs_translation_holds_exactly_the_missing_and_outdated_fields_of_its_direction(work):
    into_chinese = by_id(export_units(INTO_CHINESE, only_needed=True))
    assert set(into_chinese) == {
        uid(Trend, work["trend2"].slug, "body"),
        uid(Company, "alibaba", "description"),
        uid(OperationMode, "b2c", "summary"),
    }
    assert into_chinese[uid(Company, "alibaba", "description")].state == NEEDS_TRANSLATION
    assert into_chinese[uid(Company, "alibaba", "description")].target == ""
    review = into_chinese[uid(OperationMode, "b2c", "summary")]
    assert review.state == NEEDS_REVIEW
    assert review.target == work["b2c"].summary_zh_hant
    assert review.source.endswith("live-stream shopping.")
    assert not review.previous_source.endswith("live-stream shopping.")  # what the translation was written from
    assert work["b2c"].summary_en.startswith(review.previous_source)

    into_english = by_id(export_units(INTO_ENGLISH, only_needed=True))
    assert set(into_english) == {uid(Trend, work["trend5"].slug, "title")}
    assert into_english[uid(Trend, work["trend5"].slug, "title")].state == NEEDS_REVIEW


def test_chosen_records_export_every_field_with_a_stable_id_notes_and_length_limit(work):
    units = by_id(export_units(INTO_CHINESE, records=[work["b2c"], work["trend7"]], site_url="https://kb.example"))
    assert list(units) == [
        uid(OperationMode, "b2c", "name"),
        uid(OperationMode, "b2c", "summary"),
        uid(OperationMode, "b2c", "body"),
        uid(OperationMode, "b2c", "seller_side"),
        uid(OperationMode, "b2c", "buyer_side"),
        uid(Trend, work["trend7"].slug, "title"),
        uid(Trend, work["trend7"].slug, "summary"),
        uid(Trend, work["trend7"].slug, "body"),
    ]
    name = units[uid(OperationMode, "b2c", "name")]
    assert name.state == TRANSLATED and name.max_length == 120
    assert "Page: https://kb.example/zh-hant/modes/b2c/" in name.notes
    assert "Maximum length: 120 characters" in name.notes
    draft_title = units[uid(Trend, work["trend7"].slug, "title")]
    assert any(note.startswith("Draft, not yet published") for note in draft_title.notes)
    assert units[uid(Trend, work["trend7"].slug, "body")].max_length is None


def test_markdown_travels_untouched(work):
    body = "Intro with **bold**, a [link](https://example.org/a?b=1&c=2) & <angle>.\n\n- one\n- two\n\n> quote"
    work["trend2"].body_en = body
    work["trend2"].save()
    (unit,) = [u for u in export_units(INTO_CHINESE, records=[work["trend2"]]) if u.id.endswith(":body")]
    for format_name in formats.WRITERS:
        content, _extension, _type = formats.write(format_name, [unit], INTO_CHINESE)
        (read,) = formats.read_file(content).units
        assert read.source == body, format_name


@pytest.mark.parametrize("format_name", sorted(formats.WRITERS))
def test_exporting_twice_gives_the_same_bytes(work, format_name):
    first = formats.write(format_name, export_units(INTO_CHINESE, site_url="https://kb.example"), INTO_CHINESE)
    second = formats.write(format_name, export_units(INTO_CHINESE, site_url="https://kb.example"), INTO_CHINESE)
    assert first == second


def test_xliff12_validates_against_the_oasis_strict_schema_and_reads_in_two_parsers(work):
    units = export_units(INTO_CHINESE, site_url="https://kb.example")
    content = formats.write_xliff12(units, INTO_CHINESE)
    document = etree.fromstring(content)
    validator = schema("xliff-core-1.2-strict.xsd")
    assert validator.validate(document), validator.error_log

    store = Xliff12File.parsestring(content)
    assert [unit.xmlelement.get("id") for unit in store.units] == [unit.id for unit in units]
    assert [str(unit.source) for unit in store.units] == [unit.source for unit in units]

    root = ElementTree.fromstring(content)  # an independent reader: the standard library
    tu = f"{{{XLIFF12_NS}}}trans-unit"
    states = {el.get("id"): el.find(f"{{{XLIFF12_NS}}}target").get("state") for el in root.iter(tu)}
    assert states[uid(OperationMode, "b2c", "summary")] == "needs-review-translation"
    assert states[uid(Company, "alibaba", "description")] == "needs-translation"
    assert states[uid(OperationMode, "b2b", "name")] == "translated"
    summary = next(el for el in root.iter(tu) if el.get("id") == uid(OperationMode, "b2c", "summary"))
    previous = summary.find(f"{{{XLIFF12_NS}}}alt-trans")
    assert previous.get("alttranstype") == "previous-version"
    assert not previous.find(f"{{{XLIFF12_NS}}}source").text.endswith("live-stream shopping.")
    name = next(el for el in root.iter(tu) if el.get("id") == uid(OperationMode, "b2b", "name"))
    assert (name.get("maxwidth"), name.get("size-unit")) == ("120", "char")
    assert root.find(f"{{{XLIFF12_NS}}}file").get("target-language") == "zh-Hant"


def test_xliff20_validates_against_the_oasis_schema_and_reads_in_two_parsers(work):
    units = export_units(INTO_ENGLISH, site_url="https://kb.example")
    content = formats.write_xliff20(units, INTO_ENGLISH)
    validator = schema("xliff-core-2.0.xsd")
    assert validator.validate(etree.fromstring(content)), validator.error_log

    store = Xliff2File.parsestring(content)
    assert [unit.getid() for unit in store.units] == [unit.id for unit in units]
    assert [str(unit.target) for unit in store.units] == [unit.target for unit in units]

    root = ElementTree.fromstring(content)
    assert (root.get("srcLang"), root.get("trgLang")) == ("zh-Hant", "en")
    segments = {unit.get("id"): unit.find(f"{{{XLIFF20_NS}}}segment") for unit in root.iter(f"{{{XLIFF20_NS}}}unit")}
    title = segments[uid(Trend, work["trend5"].slug, "title")]
    assert (title.get("state"), title.get("subState")) == ("initial", "ecomkb:needs-review-translation")
    assert segments[uid(OperationMode, "b2b", "name")].get("state") == "translated"


def test_po_round_trips_through_polib_unchanged_and_passes_babels_checks(work):
    units = export_units(INTO_CHINESE, site_url="https://kb.example")
    content = formats.write_po(units, INTO_CHINESE).decode("utf-8")
    catalog = polib.pofile(content)
    assert str(catalog) + "\n" == content
    assert catalog.metadata["Language"] == "zh_Hant"
    assert catalog.percent_translated() < 100
    review = next(entry for entry in catalog if entry.msgctxt == uid(OperationMode, "b2c", "summary"))
    assert "fuzzy" in review.flags and review.previous_msgid and review.previous_msgid != review.msgid

    babel_catalog = read_po(io.StringIO(content))
    assert list(babel_catalog.check()) == []
    assert len([message for message in babel_catalog if message.id]) == len(units)


def test_export_command_writes_the_file_and_chosen_records(work, tmp_path):
    target = tmp_path / "out.xlf"
    call_command(
        "exporttranslations", "--into", "zh-hant", "--format", "xliff12", "-o", str(target), stderr=io.StringIO()
    )
    assert [u.id for u in formats.read_file(target.read_bytes()).units] == [
        u.id for u in export_units(INTO_CHINESE, only_needed=True)
    ]
    out = io.StringIO()
    call_command(
        "exporttranslations", "--into", "en", "--format", "po", "--record", "modes.company:alibaba", stdout=out
    )
    # Alibaba's Chinese description was emptied: only the fields with Chinese text to translate travel.
    assert [entry.msgctxt for entry in polib.pofile(out.getvalue())] == [
        uid(Company, "alibaba", "background"),
        uid(Company, "alibaba", "name"),
    ]


def test_the_file_does_not_depend_on_the_exporting_editors_language(work):
    from django.utils import translation

    with translation.override("zh-hant"):
        in_chinese_ui = formats.write_xliff12(export_units(INTO_ENGLISH, records=[work["b2c"]]), INTO_ENGLISH)
    in_english_ui = formats.write_xliff12(export_units(INTO_ENGLISH, records=[work["b2c"]]), INTO_ENGLISH)
    assert in_chinese_ui == in_english_ui
    assert "Field: name of the operation mode “B2C · 企業對消費者（B2C）”".encode() in in_english_ui
