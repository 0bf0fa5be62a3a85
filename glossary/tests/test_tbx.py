"""The glossary as a TBX-Basic termbase, from `manage.py exporttbx` and from the admin (staff only).

No PyPI package ships the TBX-Basic schema (LTAC's RNG/Schematron are not packaged; translate-toolkit reads TBX but
has no schema), so the file is checked here for what TBX-Basic's core structure requires, read back with
translate-toolkit, validated against the TBX schema OmegaT ships (Debian's omegat package) and read by OmegaT's own
glossary reader, where OmegaT is installed."""

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from lxml import etree
from translate.storage.tbx import tbxfile

from glossary.models import Term

pytestmark = pytest.mark.django_db
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def tbx(tmp_path):
    path = tmp_path / "glossary.tbx"
    call_command("exporttbx", str(path), stderr=io.StringIO())
    return path.read_bytes()


def test_the_export_is_tbx_basic_with_one_entry_per_published_term(tbx):
    root = etree.fromstring(tbx)
    assert root.tag == "martif" and root.get("type") == "TBX-Basic" and root.get(XML_LANG) == "en"
    assert root.find("martifHeader/fileDesc/sourceDesc/p") is not None
    assert root.find("martifHeader/encodingDesc/p[@type='XCSURI']").text == "TBXBasicXCSV02.xcs"
    entries = root.findall("text/body/termEntry")
    assert len(entries) == Term.objects.published().count() >= 30
    assert len({entry.get("id") for entry in entries}) == len(entries), "ids are unique"
    for entry in entries:
        assert [lang_set.get(XML_LANG) for lang_set in entry.findall("langSet")] == ["en", "zh-Hant", "zh-Hans"]
        for lang_set in entry.findall("langSet"):
            assert lang_set.find("tig/term").text, "every langSet holds its term"
            # TBX-Basic's order inside a langSet: descriptive information, then notes, then the terms
            tags = [child.tag for child in lang_set]
            assert tags == sorted(tags, key=["descripGrp", "note", "tig"].index)


def test_each_language_carries_its_own_form_definition_part_of_speech_and_source(tbx):
    root = etree.fromstring(tbx)
    term = Term.objects.get(slug="online")
    (entry,) = root.xpath("//termEntry[@id=$id]", id=f"c{term.key.hex}")
    forms = {ls.get(XML_LANG): ls.find("tig/term").text for ls in entry.findall("langSet")}
    assert forms == {"en": "online", "zh-Hant": "線上", "zh-Hans": "线上"}, "the Simplified field, not OpenCC's 在线"
    for lang_set in entry.findall("langSet"):
        group = lang_set.find("descripGrp")
        assert group.find("descrip[@type='definition']").text
        assert group.find("admin[@type='source']").text.endswith("¶6, ¶11")
        assert lang_set.find("tig/termNote[@type='partOfSpeech']").text == "adjective"


def test_background_is_a_note_never_the_definitions_source(tbx):
    root = etree.fromstring(tbx)
    (entry,) = root.xpath("//termEntry[langSet/tig/term='JD Baitiao']")
    english = entry.find("langSet")
    assert "consumer credit" in english.find("note").text
    assert "consumer credit" not in english.find("descripGrp").xpath("string()")


def test_other_forms_are_synonyms_in_their_own_script(tbx):
    root = etree.fromstring(tbx)
    (entry,) = root.xpath("//termEntry[langSet/tig/term='precision marketing']")
    terms = {ls.get(XML_LANG): [t.text for t in ls.findall("tig/term")] for ls in entry.findall("langSet")}
    assert terms["en"] == ["precision marketing", "more precise marketing"]
    assert terms["zh-Hant"] == ["精準行銷", "精準化營銷"]
    assert terms["zh-Hans"] == ["精准营销", "精准化营销"]


def test_drafts_are_not_exported(tmp_path):
    Term.objects.filter(slug="haitao").update(status=Term.Status.DRAFT)
    path = tmp_path / "glossary.tbx"
    call_command("exporttbx", str(path), stderr=io.StringIO())
    assert not etree.fromstring(path.read_bytes()).xpath("//termEntry[langSet/tig/term='海淘']")


def test_a_tbx_reader_finds_every_term(tbx):
    store = tbxfile.parsestring(tbx)
    sources = {unit.source for unit in store.units}
    assert {"online", "WBT alliance", "JD Baitiao"} <= sources
    assert len(store.units) == Term.objects.published().count()


def test_staff_download_the_termbase_from_the_admin(admin_client):
    response = admin_client.get("/admin/glossary/term/termbase.tbx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ecomkb-glossary.tbx"'
    assert etree.fromstring(response.content).tag == "martif"
    changelist = admin_client.get("/admin/glossary/term/").content.decode()
    assert 'href="/admin/glossary/term/termbase.tbx"' in changelist


def test_staff_download_selected_terms_with_an_admin_action(admin_client):
    chosen = list(Term.objects.filter(slug__in=["o2o", "haitao"]).values_list("pk", flat=True))
    response = admin_client.post("/admin/glossary/term/", {"action": "download_tbx", "_selected_action": chosen})
    assert response.status_code == 200
    assert len(etree.fromstring(response.content).findall("text/body/termEntry")) == 2


def test_readers_cannot_download_the_termbase(client):
    response = client.get("/admin/glossary/term/termbase.tbx")
    assert response.status_code in (302, 403)
    assert b"martif" not in response.content


def test_languages_can_be_chosen_for_tools_that_tell_no_scripts_apart(tmp_path):
    path = tmp_path / "glossary.tbx"
    call_command("exporttbx", str(path), "--languages", "en", "zh-Hant", stderr=io.StringIO())
    lang_sets = etree.fromstring(path.read_bytes()).findall("text/body/termEntry/langSet")
    assert {lang_set.get(XML_LANG) for lang_set in lang_sets} == {"en", "zh-Hant"}


OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")  # Debian's omegat package (.ci/run installs it)
# Short runs start faster with the quick compiler only and one garbage-collector thread: half of javac's time.
QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
needs_omegat = pytest.mark.skipif(not OMEGAT_JAR.exists(), reason="OmegaT is not installed (apt-get install omegat)")


@needs_omegat
def test_the_export_is_valid_against_the_tbx_schema_omegat_ships(tbx, tmp_path):
    """OmegaT's TBX reader is generated from this schema (schemas/tbx.xsd in OmegaT.jar, with the xml.xsd it
    imports): a file it does not validate is a file OmegaT cannot load."""
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        jar.extractall(tmp_path, members=["schemas/tbx.xsd", "schemas/xml.xsd"])
    schema = etree.XMLSchema(etree.parse(str(tmp_path / "schemas" / "tbx.xsd")))
    assert schema.validate(etree.fromstring(tbx)), schema.error_log
    broken = etree.fromstring(tbx)
    broken.find(".//tig").insert(0, etree.Element("descrip"))  # a definition inside the term's own group
    assert not schema.validate(broken), "the schema tells a broken file apart"


@needs_omegat
@pytest.mark.long_running
@pytest.mark.skipif(not shutil.which("javac"), reason="no Java compiler")
def test_omegat_reads_every_term_into_its_glossary(tbx, tmp_path):
    """OmegaT's own glossary reader (GlossaryReaderTBX, as its glossary pane uses it) on the export, for an English
    project into Traditional Chinese."""
    (tmp_path / "glossary.tbx").write_bytes(tbx)
    jars = [str(OMEGAT_JAR), *map(str, sorted(Path("/usr/share/omegat/lib").glob("*.jar")))]
    jars += map(str, sorted(Path("/usr/share/java").glob("*.jar")))
    classpath = ":".join(jars)
    source = Path(__file__).parent / "omegat" / "ReadTbx.java"
    env = {**os.environ, "JAVA_TOOL_OPTIONS": f"-Djava.awt.headless=true {QUICK_JVM}"}
    subprocess.run(["javac", "-d", str(tmp_path), "-cp", classpath, str(source)], check=True, env=env, timeout=120)
    result = subprocess.run(
        ["java", "-cp", f"{classpath}:{tmp_path}", "ReadTbx", str(tmp_path / "glossary.tbx"), "en", "zh-TW"],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    (count,) = [int(line.split()[1]) for line in result.stdout.splitlines() if line.startswith("entries ")]
    assert count >= Term.objects.published().count()  # one per term and target form at least
    assert "online => 線上" in result.stdout
