"""Files translators' tools produce are read, or refused with a clear message; never a 500, a traceback or a stall.

Issue 25, items 4–6: declared encodings, deep nesting, the Markdown check's cost, XLIFF 2.0 units in several
segments, XLIFF without its namespace, UTF-16 PO, plural and id-less PO entries, and what exports carry for other
tools (approved units, ids that survive xliff2po, .xliff for 2.0, length limits in 2.0 and PO).
"""

import io
import re
import shutil
import subprocess
import time

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from lxml import etree
from translate.convert.po2xliff import po2xliff
from translate.convert.xliff2po import xliff2po
from translate.storage.po import pofile
from translate.storage.xliff import xlifffile

from modes.models import Company, OperationMode
from xliff import formats
from xliff.checks import RefusedFile
from xliff.importing import plan_import
from xliff.units import Direction, export_units

from .conftest import translate, uid
from .test_export import SCHEMAS, schema


@pytest.fixture
def work(work_made_once_for_the_module):
    """Every test here starts from the same work: made once for the module (xliff/tests/conftest.py)."""
    return work_made_once_for_the_module


INTO_CHINESE = Direction.into("zh-hant")
IMPORT = "/admin/translation-files/import/"


def exported(work, format_name="xliff12", records=None):
    units = export_units(INTO_CHINESE, records=records or [work["alibaba"]])
    return formats.write(format_name, units, INTO_CHINESE)[0]


def alibaba_description_into(work, text, format_name="xliff12"):
    """A translator's file giving Alibaba's description `text`, every other unit left as it was exported."""
    wanted = uid(Company, "alibaba", "description")
    return translate(exported(work, format_name), format_name, lambda unit_id, _s: text if unit_id == wanted else None)


def incoming(delivery, unit_id):
    (unit,) = [unit for unit in delivery.units if unit.id == unit_id]
    return unit.target


def planned(plan):
    return {change.field: change.incoming for item in plan.records for change in item.changes}


def refusal(content):
    with pytest.raises(RefusedFile) as refused:
        formats.read_file(content)
    return refused.value.message


def upload(client, content, name="delivery.xlf"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


# ---------------------------------------------------------------------------------------------
# 4. Declared encodings, nesting, the Markdown check


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("Big5", "阿里巴巴集團的描述"), ("GBK", "阿里巴巴集团的描述"), ("Shift_JIS", "企業の説明"), ("EUC-KR", "설명")],
)
def test_an_xml_declaration_naming_any_encoding_python_knows_is_read_in_it(work, encoding, text):
    content = alibaba_description_into(work, text).decode("utf-8")
    content = content.replace('encoding="UTF-8"', f'encoding="{encoding}"', 1)
    content = content.encode(encoding, errors="xmlcharrefreplace")  # as a tool writes what the encoding lacks
    delivery = formats.read_file(content)
    assert incoming(delivery, uid(Company, "alibaba", "description")) == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-8-sig"])
def test_unicode_with_or_without_a_byte_order_mark_is_read(work, encoding):
    content = alibaba_description_into(work, "阿里巴巴的描述").decode("utf-8")
    content = content.replace('encoding="UTF-8"', f'encoding="{encoding.removesuffix("-sig")}"', 1)
    assert incoming(formats.read_file(content.encode(encoding)), uid(Company, "alibaba", "description")) == (
        "阿里巴巴的描述"
    )


def test_an_encoding_python_does_not_know_is_a_form_error_and_a_command_error(work, editor, editor_client, tmp_path):
    content = alibaba_description_into(work, "描述").replace(b'encoding="UTF-8"', b'encoding="x-klingon"', 1)
    assert "“x-klingon”, which ecomkb does not know" in refusal(content)
    response = upload(editor_client, content)
    assert response.status_code == 200
    assert "x-klingon" in str(response.context["form"].errors["file"])
    (tmp_path / "klingon.xlf").write_bytes(content)
    with pytest.raises(CommandError, match="x-klingon"):
        call_command("importtranslations", tmp_path / "klingon.xlf", "--user", editor.username, stdout=io.StringIO())


def test_bytes_that_are_not_in_the_declared_encoding_are_refused_saying_so(work):
    content = alibaba_description_into(work, "描述").replace(b'encoding="UTF-8"', b'encoding="Big5"', 1)
    content = content.replace("描述".encode(), b"\x81\x20", 1)  # not a Big5 character
    assert "not valid Big5" in refusal(content)


def test_elements_nested_past_the_limit_are_refused_before_any_tool_reads_them(work, editor_client):
    deep = "<g id='g'>" * 300 + "x" + "</g>" * 300
    content = alibaba_description_into(work, "PLACEHOLDER").replace(b"PLACEHOLDER", deep.encode())
    assert "nested more than 100 levels deep" in refusal(content)
    response = upload(editor_client, content)  # was a 500 from inside translate-toolkit
    assert response.status_code == 200 and "nested more than 100" in str(response.context["form"].errors["file"])


def test_inline_markup_within_the_limit_keeps_its_text(work):
    content = alibaba_description_into(work, "PLACEHOLDER").replace(
        b"PLACEHOLDER", ("<g id='g'>" * 20 + "粗體" + "</g>" * 20).encode()
    )
    assert incoming(formats.read_file(content), uid(Company, "alibaba", "description")) == "粗體"


def test_markup_that_is_not_xliffs_is_a_warning_and_the_unit_skipped_never_flattened_into_text(work):
    """<target><script>alert(1)</script>正文</target> was previewed as "alert(1)正文", ready to store (a hostile
    tester); XLIFF's own inline markup (<g>, above) keeps its text."""
    content = alibaba_description_into(work, "PLACEHOLDER").replace(
        b"PLACEHOLDER", '<script xmlns="">alert(1)</script>正文'.encode()
    )
    delivery = formats.read_file(content)
    assert uid(Company, "alibaba", "description") not in [unit.id for unit in delivery.units]
    assert any("<script>" in warning and "skipped" in warning for warning in delivery.warnings)


@pytest.mark.parametrize("size", [5_000, 20_000, 300_000])
def test_a_target_the_markdown_renderer_would_take_minutes_over_is_refused_at_once(work, size):
    content = alibaba_description_into(work, "[" * size)
    started = time.perf_counter()
    message = refusal(content)
    assert time.perf_counter() - started < 0.2 + len(content) / 100_000  # was 4, 55 and over 300 seconds
    assert "too intricate" in message or "at most" in message  # 300 KB of text is over the size limit too


def test_markdown_nested_past_what_the_renderer_can_recurse_is_refused(work):
    message = refusal(alibaba_description_into(work, "1. " * 700))  # was a RecursionError: a 500
    assert "too intricate" in message or "nests lists or quotes too deeply" in message


# ---------------------------------------------------------------------------------------------
# 5. XLIFF 2.0 units in several segments


def with_segments(content, unit_id, segments_xml):
    """The 2.0 file with the <segment> of unit `unit_id` replaced by `segments_xml`."""
    pattern = re.compile(rb'(<unit id="' + re.escape(unit_id.encode()) + rb'".*?)<segment.*?</segment>', re.DOTALL)
    assert pattern.search(content)
    return pattern.sub(lambda match: match.group(1) + segments_xml.encode(), content, count=1)


SPLIT = """<segment id="1" state="translated"><source>First sentence.</source><target>第一句。</target></segment>
<ignorable><source> </source></ignorable>
<segment id="2" state="translated"><source>Second sentence.</source><target>第二句。</target></segment>"""


def test_a_unit_split_into_segments_is_joined_with_its_ignorable_text_in_order(work, editor):
    content = with_segments(exported(work, "xliff20"), uid(Company, "alibaba", "description"), SPLIT)
    delivery = formats.read_file(content)
    (unit,) = [unit for unit in delivery.units if unit.id == uid(Company, "alibaba", "description")]
    assert (unit.source, unit.target, unit.confirmed) == ("First sentence. Second sentence.", "第一句。 第二句。", True)
    plan = plan_import(delivery, user=editor)
    assert plan.warnings == [] and planned(plan) == {"description": "第一句。 第二句。"}


def test_a_targets_order_places_it_and_an_ignorables_own_target_is_kept(work):
    segments = SPLIT.replace("<target>第一句。", '<target order="3">第一句。').replace(
        "<target>第二句。", '<target order="1">第二句。'
    )
    ignorable_target = '<source> </source><target order="2">、</target></ignorable>'
    segments = segments.replace("<source> </source></ignorable>", ignorable_target)
    content = with_segments(exported(work, "xliff20"), uid(Company, "alibaba", "description"), segments)
    assert incoming(formats.read_file(content), uid(Company, "alibaba", "description")) == "第二句。、第一句。"


def test_a_unit_translated_in_part_is_a_warning_not_a_half_translation(work, editor):
    segments = SPLIT.replace("<target>第二句。</target>", "")
    content = with_segments(exported(work, "xliff20"), uid(Company, "alibaba", "description"), segments)
    plan = plan_import(formats.read_file(content), user=editor)
    assert planned(plan) == {}
    assert plan.warnings == [
        f"Unit “{uid(Company, 'alibaba', 'description')}”: only 1 of its 2 segments is translated; skipped."
    ]


def test_a_unit_split_and_not_yet_translated_is_untranslated(work, editor):
    segments = re.sub(r"<target>[^<]*</target>", "", SPLIT).replace('state="translated"', 'state="initial"')
    content = with_segments(exported(work, "xliff20"), uid(Company, "alibaba", "description"), segments)
    assert incoming(formats.read_file(content), uid(Company, "alibaba", "description")) == ""


# ---------------------------------------------------------------------------------------------
# 6. Smaller findings: reading


def test_xliff12_without_its_namespace_is_read_as_xliff12(work):
    content = alibaba_description_into(work, "沒有命名空間").replace(
        b' xmlns="urn:oasis:names:tc:xliff:document:1.2"', b"", 1
    )
    assert incoming(formats.read_file(content), uid(Company, "alibaba", "description")) == "沒有命名空間"


def test_a_version_and_a_namespace_that_disagree_are_refused_saying_which(work):
    content = alibaba_description_into(work, "描述").replace(b"document:1.2", b"document:2.0")
    message = refusal(content)
    assert "says it is XLIFF 1.2" in message and "urn:oasis:names:tc:xliff:document:2.0" in message


def test_a_utf16_po_file_is_read(work):
    content = alibaba_description_into(work, "阿里巴巴的描述", "po").decode("utf-8")
    assert incoming(formats.read_file(content.encode("utf-16")), uid(Company, "alibaba", "description")) == (
        "阿里巴巴的描述"
    )


def test_a_po_file_in_big5_is_read_as_its_header_says(work):
    content = alibaba_description_into(work, "阿里巴巴的描述", "po").decode("utf-8")
    delivery = formats.read_file(content.replace("charset=UTF-8", "charset=Big5").encode("big5"))
    assert incoming(delivery, uid(Company, "alibaba", "description")) == "阿里巴巴的描述"


def test_plural_and_obsolete_po_entries_are_warnings(work, editor):
    content = alibaba_description_into(work, "描述", "po").decode("utf-8")
    content += '\nmsgctxt "plural"\nmsgid "one shop"\nmsgid_plural "%d shops"\nmsgstr[0] "%d 家店"\n'
    content += '\n#~ msgctxt "gone"\n#~ msgid "old"\n#~ msgstr "舊"\n'
    plan = plan_import(formats.read_file(content.encode()), user=editor)
    assert plan.warnings == [
        "The entry “plural” has plural forms (msgid_plural), which ecomkb's texts do not have; skipped.",
        "The entry “gone” is obsolete (#~), as translation tools mark entries no longer wanted; skipped.",
    ]
    assert planned(plan) == {"description": "描述"}


def test_a_po_file_without_the_ids_ecomkb_writes_is_refused_saying_so(work):
    content = alibaba_description_into(work, "描述", "po").decode("utf-8")
    without_ids = re.sub(r'^(msgctxt ".*"|#\..*)\n', "", content, flags=re.MULTILINE)  # no ids, no notes naming them
    assert "None of the file's units carries an id as ecomkb writes them" in refusal(without_ids.encode())


def test_units_whose_ids_a_tool_replaced_are_found_by_the_note_that_names_them(work, editor):
    """po2xliff numbers its units and writes XLIFF 1.1: each unit's note still names it, and 1.1 reads as 1.2."""
    po = alibaba_description_into(work, "經po2xliff的描述", "po")
    converted = bytes(po2xliff().convertstore(pofile(io.BytesIO(po))))
    assert b'version="1.1"' in converted and b'id="' + uid(Company, "alibaba", "description").encode() not in converted
    plan = plan_import(formats.read_file(converted), user=editor)
    assert planned(plan) == {"description": "經po2xliff的描述"}
    without_msgctxt = re.sub(rb'^msgctxt ".*"\n', b"", po, flags=re.MULTILINE)
    assert planned(plan_import(formats.read_file(without_msgctxt), user=editor)) == {"description": "經po2xliff的描述"}


def test_a_po_file_without_a_language_header_is_read_from_its_sources_script(work, editor):
    """xliff2po writes no Language header: the direction follows from the sources, and the preview says so."""
    store = xliff2po().convertstore(io.BytesIO(alibaba_description_into(work, "經xliff2po的描述")))
    catalog = polib.pofile(bytes(store).decode("utf-8"))
    assert not catalog.metadata.get("Language")
    plan = plan_import(formats.read_file(bytes(store)), user=editor)
    assert plan.direction == INTO_CHINESE and planned(plan) == {"description": "經xliff2po的描述"}
    assert any("does not name its language" in warning and "English" in warning for warning in plan.warnings)
    into_english = Direction.into("en")
    units = export_units(into_english, records=[work["b2c"]])
    catalog = polib.pofile(formats.write_po(units, into_english).decode())
    catalog.metadata.pop("Language")
    catalog.metadata.pop("X-Source-Language")
    assert formats.read_file(str(catalog).encode()).direction == into_english


def test_an_entry_without_an_id_among_others_is_a_warning(work, editor):
    content = alibaba_description_into(work, "描述", "po").decode("utf-8") + '\nmsgid "stray"\nmsgstr "迷途"\n'
    plan = plan_import(formats.read_file(content.encode()), user=editor)
    assert plan.warnings == ["A unit without an id (source “stray”) cannot be matched to a record; skipped."]


def test_ids_survive_xliff2po_as_references_and_the_po_imports(work, editor):
    """xliff2po writes neither msgctxt nor languages: the ids travel as "#:" references, the language is added."""
    store = xliff2po().convertstore(io.BytesIO(alibaba_description_into(work, "經xliff2po的描述")))
    catalog = polib.pofile(bytes(store).decode("utf-8"))
    description = uid(Company, "alibaba", "description")
    entry = next(entry for entry in catalog if entry.msgstr == "經xliff2po的描述")
    assert not entry.msgctxt and entry.occurrences == [(description, "")]
    catalog.metadata["Language"] = "zh_Hant"
    plan = plan_import(formats.read_file(str(catalog).encode()), user=editor)
    assert planned(plan) == {"description": "經xliff2po的描述"}


# ---------------------------------------------------------------------------------------------
# 6. Smaller findings: what exports carry


def test_translated_units_are_approved_so_translate_toolkit_does_not_count_them_fuzzy(work):
    store = xlifffile.parsestring(exported(work, records=[work["b2c"]]))
    states = {unit.xmlelement.get("id"): unit.isfuzzy() for unit in store.units}
    assert states[uid(OperationMode, "b2c", "name")] is False  # translated
    assert states[uid(OperationMode, "b2c", "summary")] is True  # needs review: still fuzzy


def test_xliff20_downloads_are_named_xliff_and_xliff12_xlf(work, editor_client):
    for format_name, extension in [("xliff20", ".xliff"), ("xliff12", ".xlf")]:
        response = editor_client.post(
            f"/admin/translation-files/export/?model=modes.company&pk={work['alibaba'].pk}",
            {"into": "zh-hant", "format": format_name},
        )
        assert response["Content-Disposition"].endswith(f'{extension}"'), format_name


def slr_schema(tmp_path):
    """XLIFF 2.0 core with the Size and Length Restriction attributes and element ecomkb writes, declared strictly
    (written here from the module's specification: sizeRestriction a count for the xliff:codepoints profile)."""
    (tmp_path / "slr.xsd").write_text(
        """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified"
    targetNamespace="urn:oasis:names:tc:xliff:sizerestriction:2.0">
  <xs:attribute name="sizeRestriction" type="xs:nonNegativeInteger"/>
  <xs:element name="profiles">
    <xs:complexType>
      <xs:attribute name="generalProfile" type="xs:string"/>
      <xs:attribute name="storageProfile" type="xs:string"/>
    </xs:complexType>
  </xs:element>
</xs:schema>"""
    )
    schema("xliff-core-2.0.xsd")  # skips (or fails under CI) without the OASIS schemas
    document = etree.parse(str(SCHEMAS / "xliff-core-2.0.xsd"))
    root = document.getroot()
    for element in root.iter("{http://www.w3.org/2001/XMLSchema}import"):
        element.set("schemaLocation", str(SCHEMAS / "xml.xsd"))
    extra = etree.SubElement(root, "{http://www.w3.org/2001/XMLSchema}import")
    extra.set("namespace", "urn:oasis:names:tc:xliff:sizerestriction:2.0")
    extra.set("schemaLocation", str(tmp_path / "slr.xsd"))
    root.insert(0, extra)  # imports come first
    return etree.XMLSchema(document)


def test_xliff20_carries_length_limits_in_the_size_restriction_module_and_stays_valid(work, tmp_path):
    content = exported(work, "xliff20", records=[work["b2c"]])
    validator = slr_schema(tmp_path)
    assert validator.validate(etree.fromstring(content)), validator.error_log
    root = etree.fromstring(content)
    slr = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
    assert root.find(f".//{{{slr}}}profiles").get("generalProfile") == "xliff:codepoints"
    limits = {unit.get("id"): unit.get(f"{{{slr}}}sizeRestriction") for unit in root.iter("{*}unit")}
    assert limits[uid(OperationMode, "b2c", "name")] == "120"
    assert limits[uid(OperationMode, "b2c", "body")] is None  # a text without a limit
    wrong = content.replace(b'sizeRestriction="120"', b'sizeRestriction="many"', 1)
    assert not validator.validate(etree.fromstring(wrong))  # the schema does check the module


def test_po_carries_length_limits_as_a_flag_weblate_checks(work, tmp_path):
    content = exported(work, "po", records=[work["b2c"]])
    entry = polib.pofile(content.decode("utf-8")).find(uid(OperationMode, "b2c", "name"), by="msgctxt")
    assert "max-length:120" in entry.flags and "Maximum length: 120 characters" in entry.comment
    if shutil.which("msgfmt"):
        (tmp_path / "b2c.po").write_bytes(content)
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(tmp_path / "b2c.po")], check=True)


def test_the_new_messages_are_in_the_editors_language(work, editor, editor_client):
    editor_client.cookies["django_language"] = "zh-hant"
    unknown = alibaba_description_into(work, "描述").replace(b'encoding="UTF-8"', b'encoding="x-klingon"', 1)
    assert "檔案標示的字元編碼是「x-klingon」" in str(upload(editor_client, unknown).context["form"].errors["file"])
    segments = SPLIT.replace("<target>第二句。</target>", "")
    content = with_segments(exported(work, "xliff20"), uid(Company, "alibaba", "description"), segments)
    response = upload(editor_client, content, name="split.xliff")
    assert "2個片段中只有1個已翻譯，已略過。" in response.content.decode()
