"""Files that never lose work: a three-way import (issue 25, items 1 and 2), through the admin and the command line.

Each exported unit carries a digest of its target as the database held it then (xliff.units.BASE_NOTE). A target
left as exported changes nothing, however old the file; a target changed over a field changed here since is a
conflict, kept out unless the editor takes it; a state that says "not done" imports the text as unreviewed.
"""

import io
import re

import polib
import pytest
from django.core.management import call_command
from lxml import etree

from modes.models import OperationMode
from trends.models import Trend
from xliff import formats
from xliff.importing import apply_import, plan_import
from xliff.units import Direction, export_units

from .conftest import translate, uid
from .test_admin_pages import APPLY, exported, upload
from .test_export import schema

INTO_CHINESE = Direction.into("zh-hant")
INTO_ENGLISH = Direction.into("en")


def saved(record, **texts):
    """An editor's save in the admin: the model's save with a history user, as the change form does."""
    record = type(record).objects.get(pk=record.pk)
    for name, text in texts.items():
        setattr(record, name, text)
    record._change_reason = "edited in the admin"
    record.save()
    return record


@pytest.fixture
def precision(work):
    """The issue's reproduction: precision-marketing's English summary rewritten, so its Chinese may be behind."""
    trend = Trend.objects.get(slug="precision-marketing")
    return saved(trend, summary_en=trend.summary_en + " Every yuan must now be traced to a sale.")


def flags(record):
    record = type(record).objects.get(pk=record.pk)
    return [(item.field, item.stale_language) for item in record.outdated_translations()]


def digest_of(html):
    return re.search(r'name="digest" value="([0-9a-f]+)"', html).group(1)


@pytest.mark.parametrize("format_name", sorted(formats.WRITERS))
def test_every_unit_carries_its_base_back_however_a_tool_wraps_the_note(work, format_name):
    units = export_units(INTO_CHINESE) + export_units(INTO_ENGLISH)
    read = formats.read_file(formats.write(format_name, units[: len(units) // 2], INTO_CHINESE)[0]).units
    assert [(unit.id, unit.base) for unit in read] == [(unit.id, unit.base) for unit in units[: len(units) // 2]]
    assert all(unit.base.startswith("sha256:") for unit in read)


# ---------------------------------------------------------------------------------------------
# 1. An old or untouched file changes nothing


@pytest.mark.parametrize("format_name", sorted(formats.WRITERS))
def test_an_untouched_old_file_does_not_revert_a_fix_made_since(editor_client, precision, format_name):
    old_file = exported(editor_client, "zh-hant", format_name).content
    summary = next(u for u in formats.read_file(old_file).units if u.id == uid(Trend, "precision-marketing", "summary"))
    assert summary.unreviewed and summary.target == precision.summary_zh_hant  # needs review, the old Chinese
    fixed = saved(precision, summary_zh_hant="精準行銷：每一分錢都要追溯到一筆銷售。")
    assert flags(fixed) == []

    preview = upload(editor_client, old_file, name=f"old.{format_name}")
    html = preview.content.decode()
    plan = preview.context["plan"]
    assert (plan.change_count, plan.conflict_count, plan.kept) == (0, 0, 1)
    assert "field will change" not in html and "Nothing in this file would change a record." in html
    assert "left as exported while its field was changed here since" in html
    editor_client.post(APPLY, {"digest": digest_of(html)})
    now = Trend.objects.get(pk=precision.pk)
    assert now.summary_zh_hant == "精準行銷：每一分錢都要追溯到一筆銷售。" and flags(now) == []
    assert now.version == fixed.version


def test_an_untouched_old_file_into_english_does_not_revert_either_by_the_command(work, editor, tmp_path):
    trend5 = work["trend5"]  # its Chinese title was rewritten: the English may be behind
    path = tmp_path / "old-en.xliff"
    call_command("exporttranslations", "--into", "en", "--format", "xliff20", "-o", str(path), stderr=io.StringIO())
    fixed = saved(trend5, title_en="The road to O2O success, revised")
    out = io.StringIO()
    call_command("importtranslations", str(path), "--user", editor.username, stdout=out)
    assert "0 field(s) in 0 record(s) to change" in out.getvalue() and "1 newer here than the file" in out.getvalue()
    assert Trend.objects.get(pk=trend5.pk).title_en == "The road to O2O success, revised"
    assert Trend.objects.get(pk=trend5.pk).version == fixed.version


def test_a_po_entry_still_fuzzy_and_untouched_changes_nothing(precision, editor):
    old_file = formats.write_po(export_units(INTO_CHINESE, records=[precision]), INTO_CHINESE)
    entry = next(e for e in polib.pofile(old_file.decode()) if e.msgctxt.endswith(":summary"))
    assert entry.fuzzy
    saved(precision, summary_zh_hant="已修正的摘要。")
    plan = plan_import(formats.read_file(old_file), user=editor)
    assert plan.change_count == 0 and plan.conflict_count == 0
    assert Trend.objects.get(pk=precision.pk).summary_zh_hant == "已修正的摘要。"


# ---------------------------------------------------------------------------------------------
# Two files out at once: the second does not undo the first


def test_overlapping_exports_conflict_instead_of_undoing_the_first(editor_client, editor, work):
    b2c = work["b2c"]
    first = formats.write_xliff12(export_units(INTO_CHINESE, records=[b2c]), INTO_CHINESE)
    second = formats.write_po(export_units(INTO_CHINESE, records=[b2c]), INTO_CHINESE)
    name_id = uid(OperationMode, "b2c", "name")
    exported_name = b2c.name_zh_hant

    one = translate(first, "xliff12", lambda unit_id, source: "第一位譯者的名稱" if unit_id == name_id else None)
    apply_import(plan_import(formats.read_file(one), user=editor), user=editor, reason="one.xlf")
    assert OperationMode.objects.get(pk=b2c.pk).name_zh_hant == "第一位譯者的名稱"

    two = translate(second, "po", lambda unit_id, source: "短名" if unit_id == name_id else None)
    preview = upload(editor_client, two, name="two.po")
    html = preview.content.decode()
    plan = preview.context["plan"]
    assert (plan.change_count, plan.conflict_count) == (0, 1)
    (conflict,) = plan.records[0].conflicts
    assert (conflict.current, conflict.incoming, conflict.exported) == ("第一位譯者的名稱", "短名", exported_name)
    for text in ("第一位譯者的名稱", "短名", exported_name, 'name="take"'):
        assert text in html  # side by side: here now, the file, as exported
    # Applied as previewed, nothing is taken: the first translator's work stays.
    editor_client.post(APPLY, {"digest": digest_of(html)})
    assert OperationMode.objects.get(pk=b2c.pk).name_zh_hant == "第一位譯者的名稱"

    # Taking the file's text is the editor's explicit choice.
    html = upload(editor_client, two, name="two.po").content.decode()
    response = editor_client.post(APPLY, {"digest": digest_of(html), "take": [name_id]})
    assert response.status_code == 302
    assert OperationMode.objects.get(pk=b2c.pk).name_zh_hant == "短名"


def test_the_command_line_leaves_a_conflict_unless_told_to_take_it(work, editor, tmp_path):
    trend5 = work["trend5"]
    path = tmp_path / "en.po"
    call_command("exporttranslations", "--into", "en", "--format", "po", "-o", str(path), stderr=io.StringIO())
    title_id = uid(Trend, trend5.slug, "title")
    path.write_bytes(
        translate(path.read_bytes(), "po", lambda unit_id, source: "From the file" if unit_id == title_id else None)
    )
    saved(trend5, title_en="Written here meanwhile")

    out = io.StringIO()
    call_command("importtranslations", str(path), "--user", editor.username, stdout=out)
    assert f"CONFLICT title, left as it is (--take {title_id}" in out.getvalue()
    assert Trend.objects.get(pk=trend5.pk).title_en == "Written here meanwhile"

    call_command("importtranslations", str(path), "--user", editor.username, "--take", title_id, stdout=io.StringIO())
    assert Trend.objects.get(pk=trend5.pk).title_en == "From the file"


# ---------------------------------------------------------------------------------------------
# 2. States: what the file says is not done is stored as unreviewed


@pytest.mark.parametrize(
    "format_name,state",
    [
        ("xliff12", "needs-review-translation"),
        ("xliff12", "new"),
        ("xliff12", "needs-translation"),
        ("xliff20", "initial"),
        ("po", "fuzzy"),
    ],
)
def test_new_text_in_a_state_not_done_is_stored_but_stays_flagged(work, editor, format_name, state):
    alibaba = work["alibaba"]  # no Chinese description yet
    content = formats.write(format_name, export_units(INTO_CHINESE, records=[alibaba]), INTO_CHINESE)[0]
    description = uid(type(alibaba), "alibaba", "description")
    content = translate(content, format_name, lambda unit_id, source: "草稿描述" if unit_id == description else None)
    content = with_state(content, format_name, description, state)
    plan = plan_import(formats.read_file(content), user=editor)
    (change,) = plan.records[0].changes
    assert change.unreviewed
    apply_import(plan, user=editor, reason="draft")
    now = type(alibaba).objects.get(pk=alibaba.pk)
    assert now.description_zh_hant == "草稿描述"  # stored…
    assert flags(now) == [("description", "zh-hant")]  # …and not declared in step with the English
    assert now.translation_outdated


@pytest.mark.parametrize(
    "format_name,state", [("xliff12", "final"), ("xliff12", "signed-off"), ("xliff20", "final"), ("po", "")]
)
def test_new_text_in_a_done_state_is_final(work, editor, format_name, state):
    b2c = work["b2c"]  # its Chinese summary needs review
    content = formats.write(format_name, export_units(INTO_CHINESE, records=[b2c]), INTO_CHINESE)[0]
    summary = uid(OperationMode, "b2c", "summary")
    content = translate(content, format_name, lambda unit_id, source: "審定的摘要" if unit_id == summary else None)
    content = with_state(content, format_name, summary, state)
    plan = plan_import(formats.read_file(content), user=editor)
    apply_import(plan, user=editor, reason="final")
    assert OperationMode.objects.get(pk=b2c.pk).summary_zh_hant == "審定的摘要" and flags(b2c) == []


def with_state(content, format_name, unit_id, state):
    """The file with the unit's state set as a translator's tool would leave it."""
    if format_name == "po":
        catalog = polib.pofile(content.decode())
        entry = next(e for e in catalog if e.msgctxt == unit_id)
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"] + ([state] if state else [])
        return str(catalog).encode()
    root = etree.fromstring(content)
    (unit,) = [el for el in root.iter() if el.get("id") == unit_id]
    if format_name == "xliff20":
        for segment in unit.iter("{*}segment"):
            segment.set("state", state)
    else:
        unit.find("{*}target").set("state", state)
        unit.attrib.pop("approved", None)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def test_the_preview_says_the_rule_for_each_unit(editor_client, work):
    content = exported(editor_client, "zh-hant", "po").content
    body = uid(Trend, work["trend2"].slug, "body")
    content = translate(content, "po", lambda unit_id, source: "譯文" if unit_id != body else None)
    content = with_state(
        translate(content, "po", lambda unit_id, source: "草稿" if unit_id == body else None), "po", body, "fuzzy"
    )
    html = upload(editor_client, content).content.decode()
    assert html.count('class="unreviewed"') == 1 and html.count('class="reviewed"') == 2
    assert "will be stored as unreviewed" in html


# ---------------------------------------------------------------------------------------------
# Files without the three-way data


def without_base(content):
    return re.sub(rb"\s*<note[^>]*>ecomkb unit [^<]*</note>", b"", content)


def test_a_file_without_the_base_is_said_to_be_unchecked_and_an_older_text_is_stale(editor_client, precision):
    old_chinese = precision.summary_zh_hant
    old_file = without_base(formats.write_xliff12(export_units(INTO_CHINESE, records=[precision]), INTO_CHINESE))
    assert b"ecomkb unit " not in old_file
    saved(precision, summary_zh_hant="新的中文摘要。")
    confirmed = re.sub(rb'state="needs-review-translation"', b'state="translated"', old_file)  # and "done"
    preview = upload(editor_client, confirmed)
    plan = preview.context["plan"]
    assert plan.change_count == 0 and plan.unchecked >= 1
    assert any("older version of the summary" in warning for warning in plan.warnings)
    assert "cannot be checked against newer work" in preview.content.decode()
    assert Trend.objects.get(pk=precision.pk).summary_zh_hant == "新的中文摘要。" != old_chinese


def test_a_file_without_the_base_still_brings_new_translations(work, editor):
    alibaba = work["alibaba"]
    content = without_base(formats.write_xliff12(export_units(INTO_CHINESE, records=[alibaba]), INTO_CHINESE))
    content = translate(
        content, "xliff12", lambda unit_id, source: "新的描述" if unit_id.endswith(":description") else None
    )
    plan = plan_import(formats.read_file(content), user=editor)
    assert [c.incoming for item in plan.records for c in item.changes] == ["新的描述"]


# ---------------------------------------------------------------------------------------------
# Copy source to target (for tools that translate targets)


@pytest.mark.parametrize("format_name", sorted(formats.WRITERS))
def test_source_copied_to_targets_validates_and_an_untranslated_file_changes_nothing(
    work, editor, format_name, tmp_path
):
    units = export_units(INTO_CHINESE, records=[work["b2c"], work["alibaba"]], copy_source=True)
    assert all(unit.target == unit.source for unit in units)
    content = formats.write(format_name, units, INTO_CHINESE)[0]
    if format_name != "po":
        validator = schema("xliff-core-2.0.xsd" if format_name == "xliff20" else "xliff-core-1.2-strict.xsd")
        assert validator.validate(etree.fromstring(content)), validator.error_log
    else:
        assert all(entry.fuzzy for entry in polib.pofile(content.decode()) if entry.msgid)
    plan = plan_import(formats.read_file(content), user=editor)
    assert (plan.change_count, plan.conflict_count, plan.untranslated) == (0, 0, len(units))


def test_copied_sources_marked_done_never_replace_translations_with_the_other_language(work, editor):
    """A tool's "confirm all" over a copy-source export marks every unit translated with the English still in it:
    each unit whose field is translated already is skipped with a warning (a hostile tester saw 23 zh-hant fields
    about to become English)."""
    units = export_units(INTO_CHINESE, records=[work["b2c"], work["alibaba"]], copy_source=True)
    content = formats.write("xliff12", units, INTO_CHINESE)[0]
    content = re.sub(rb'state="[^"]*"', b'state="translated"', content)
    plan = plan_import(formats.read_file(content), user=editor)
    assert [(c.field, c.current, c.incoming) for item in plan.records for c in item.changes] == []
    assert sum("same as its source text" in warning for warning in plan.warnings) >= 2


def test_the_export_page_and_command_offer_copying_the_source(editor_client, work, tmp_path):
    page = editor_client.get("/admin/translation-files/export/").content.decode()
    assert 'name="copy_source"' in page and 'for="id_copy_source"' in page
    response = editor_client.post(
        "/admin/translation-files/export/", {"into": "zh-hant", "format": "xliff12", "copy_source": "on"}
    )
    units = formats.read_file(response.content).units
    assert units and all(unit.target == unit.source for unit in units)
    path = tmp_path / "copied.xlf"
    call_command("exporttranslations", "--copy-source", "-o", str(path), stderr=io.StringIO())
    assert all(unit.target == unit.source for unit in formats.read_file(path.read_bytes()).units)


def test_the_preview_speaks_the_editors_language(editor_client, editor, work, precision):
    editor_client.cookies["django_language"] = "zh-hant"
    b2c = work["b2c"]
    content = formats.write_po(export_units(INTO_CHINESE, records=[b2c, work["alibaba"], precision]), INTO_CHINESE)
    saved(b2c, name_zh_hant="此處較新的名稱")
    saved(precision, summary_zh_hant="此處修正的摘要")
    name_id, description_id = uid(OperationMode, "b2c", "name"), uid(type(work["alibaba"]), "alibaba", "description")
    content = translate(
        content, "po", lambda unit_id, source: {name_id: "檔案的名稱", description_id: "草稿"}.get(unit_id)
    )
    content = with_state(content, "po", description_id, "fuzzy")
    html = upload(editor_client, content).content.decode()
    for text in (
        "1個衝突",
        "其中1個在檔案中尚未完成",
        "維持匯出時的內容",
        "採用檔案的文字",
        "檔案產生時",
        "檔案中尚未完成（",
    ):
        assert text in html, text
    page = editor_client.get("/admin/translation-files/export/").content.decode()
    assert "將原文複製到每個譯文欄" in page
