"""Importing a translated file: the rules about sources, flags, history, drafts, pages and search."""

import io
import re
import uuid

import polib
import pytest
from django.core.management import CommandError, call_command

from modes.models import Company, OperationMode
from trends.models import Trend
from xliff import formats
from xliff.importing import apply_import, plan_import
from xliff.records import unit_id
from xliff.units import Direction, export_units

from .conftest import translate, uid


@pytest.fixture
def work(work_made_once_for_the_module):
    """Every test here starts from the same work: made once for the module (xliff/tests/conftest.py)."""
    return work_made_once_for_the_module


INTO_CHINESE = Direction.into("zh-hant")
INTO_ENGLISH = Direction.into("en")


def import_file(content, user, name="delivery.xlf"):
    plan = plan_import(formats.read_file(content), user=user)
    apply_import(plan, user=user, reason=name)
    return plan


def chinese_for(unit_id, source):
    return f"【譯】{unit_id}"


@pytest.mark.parametrize("format_name", sorted(formats.WRITERS))
def test_everything_into_chinese_round_trips_to_the_chinese_pages(client, work, editor, format_name):
    exported, _ext, _type = formats.write(format_name, export_units(INTO_CHINESE, only_needed=True), INTO_CHINESE)
    plan = import_file(translate(exported, format_name, chinese_for), editor)
    assert plan.change_count == 3 and plan.warnings == []

    trend2, alibaba, b2c = (
        Trend.objects.get(number=2),
        Company.objects.get(slug="alibaba"),
        OperationMode.objects.get(slug="b2c"),
    )
    assert trend2.body_zh_hant == "【譯】" + uid(Trend, trend2.slug, "body")
    assert (
        "【譯】" + uid(Company, "alibaba", "description") in client.get("/zh-hant/companies/alibaba/").content.decode()
    )
    assert "【譯】" + uid(Trend, trend2.slug, "body") in client.get(f"/zh-hant/trends/{trend2.slug}/").content.decode()
    # Every flag cleared, as a manual edit of the stale language clears it.
    assert not trend2.needs_translation() and not alibaba.needs_translation() and not b2c.needs_translation()
    # Nothing left to translate into Chinese.
    assert export_units(INTO_CHINESE, only_needed=True) == []


def test_everything_into_english_round_trips_to_the_english_pages(client, work, editor):
    trend5 = work["trend5"]
    exported = formats.write_xliff20(export_units(INTO_ENGLISH, only_needed=True), INTO_ENGLISH)
    import_file(translate(exported, "xliff20", lambda unit_id, source: "Revised title from the translator"), editor)
    trend5.refresh_from_db()
    assert trend5.title_en == "Revised title from the translator"
    assert not trend5.outdated_translations()
    assert "Revised title from the translator" in client.get(f"/en/trends/{trend5.slug}/").content.decode()


def test_a_second_export_differs_only_in_the_new_targets_and_states(work, editor):
    records = [work["b2c"], work["alibaba"]]
    before = export_units(INTO_CHINESE, records=records)
    exported = formats.write_xliff12(before, INTO_CHINESE)
    import_file(translate(exported, "xliff12", chinese_for), editor)
    after = export_units(INTO_CHINESE, records=[record.__class__.objects.get(pk=record.pk) for record in records])
    assert [(u.id, u.source, u.max_length) for u in after] == [(u.id, u.source, u.max_length) for u in before]
    assert {u.state for u in after} == {"translated"}

    # The notes are the same but for the source's old version and the digest of the target (both changed).
    def lasting(units):
        changing = ("The source changed", "ecomkb unit ")
        return [tuple(n for n in u.notes if not n.startswith(changing)) for u in units]

    assert lasting(after) == lasting(before)

    # Byte for byte, once targets, states and the outdated field's previous version are set aside.
    def skeleton(content):
        content = re.sub(rb' approved="yes"', b"", content)  # a translated unit's state, like its target's
        content = re.sub(rb"<target[^>]*>.*?</target>|<target[^>]*/>", b"<target/>", content, flags=re.DOTALL)
        content = re.sub(rb"\s*<alt-trans.*?</alt-trans>", b"", content, flags=re.DOTALL)
        content = re.sub(rb"\s*<note[^>]*>ecomkb unit [^<]*</note>", b"", content)
        return re.sub(rb"\s*<note[^>]*>The source changed[^<]*</note>", b"", content)

    again = formats.write_xliff12(after, INTO_CHINESE)
    assert again != exported and skeleton(again) == skeleton(exported)


def test_each_changed_record_gets_one_history_row_as_the_importer_with_the_file_name(work, editor):
    b2c = work["b2c"]
    versions = b2c.history.count()
    exported = formats.write_po(export_units(INTO_CHINESE, only_needed=True), INTO_CHINESE)
    import_file(translate(exported, "po", chinese_for), editor, name="b2c-zh.po")
    assert b2c.history.count() == versions + 1
    latest = b2c.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "b2c-zh.po"
    assert latest.summary_zh_hant == "【譯】" + uid(OperationMode, "b2c", "summary")
    # The previous version can be restored like any edit: it still holds the old Chinese.
    assert latest.prev_record.summary_zh_hant == work["b2c"].summary_zh_hant


def test_a_source_changed_after_export_keeps_the_field_flagged(work, editor):
    b2c = work["b2c"]
    exported = formats.write_xliff12(export_units(INTO_CHINESE, only_needed=True), INTO_CHINESE)
    exported_source = b2c.summary_en
    # An editor rewrites the English again after the file went out.
    b2c = OperationMode.objects.get(pk=b2c.pk)
    b2c.summary_en = "A completely new English summary."
    b2c.save()

    plan = plan_import(formats.read_file(translate(exported, "xliff12", chinese_for)), user=editor)
    (item,) = [item for item in plan.records if item.record == b2c]
    (change,) = item.changes
    assert change.source_changed
    apply_import(plan, user=editor, reason="old.xlf")

    b2c.refresh_from_db()
    assert b2c.summary_zh_hant == "【譯】" + uid(OperationMode, "b2c", "summary")  # stored
    (flag,) = b2c.outdated_translations()  # but still "may be out of date"…
    assert (flag.field, flag.stale_language) == ("summary", "zh-hant")
    assert (flag.old_text, flag.new_text) == (exported_source, "A completely new English summary.")  # …since that


def test_unknown_records_and_fields_are_warnings_and_empty_targets_change_nothing(work, editor):
    units = export_units(INTO_CHINESE, records=[work["b2c"], work["alibaba"]])
    exported = formats.write_xliff12(units, INTO_CHINESE)
    never_a_record = f"modes.company:{uuid.uuid4()}:name"
    for old, new in [
        (uid(OperationMode, "b2c", "name"), unit_id(work["b2c"], "slogan")),
        (uid(Company, "alibaba", "name"), never_a_record),
        (uid(OperationMode, "b2c", "body"), "shop.item:7:body"),
    ]:
        exported = exported.replace(old.encode(), new.encode())  # the id, and the note that names it again
    before = {record.pk: record.summary_zh_hant for record in OperationMode.objects.all()}

    def only_summary(unit_id, source):
        return "新摘要" if unit_id.endswith(":summary") else ""  # every other target emptied

    plan = plan_import(formats.read_file(translate(exported, "xliff12", only_summary)), user=editor)
    assert len(plan.warnings) == 3
    assert any("slogan" in warning for warning in plan.warnings)
    assert any(never_a_record in warning and "no longer exists" in warning for warning in plan.warnings)
    assert any("shop.item:7:body" in warning for warning in plan.warnings)
    assert plan.change_count == 1 and plan.untranslated == len(units) - 4
    apply_import(plan, user=editor, reason="x.xlf")
    assert OperationMode.objects.get(slug="b2c").summary_zh_hant == "新摘要"
    assert Company.objects.get(slug="alibaba").description_zh_hant == ""
    assert {pk: text for pk, text in before.items() if pk != work["b2c"].pk} == {
        record.pk: record.summary_zh_hant for record in OperationMode.objects.exclude(pk=work["b2c"].pk)
    }


def test_drafts_stay_drafts_and_pages_and_search_show_the_imported_text(client, work, editor, settings):
    settings.PAGE_CACHE_SECONDS = 3600  # on, as in production (off in the other tests)
    draft = work["trend7"]
    exported = formats.write_xliff12(export_units(INTO_CHINESE, records=[draft]), INTO_CHINESE)
    import_file(
        translate(exported, "xliff12", lambda unit_id, source: "獨角獸詞彙" if unit_id.endswith(":title") else None),
        editor,
    )
    draft.refresh_from_db()
    assert draft.title_zh_hant == "獨角獸詞彙" and draft.status == Trend.Status.DRAFT
    assert client.get(f"/zh-hant/trends/{draft.slug}/").status_code == 404
    # A published record's imported text is searchable at once, and its cached page is refreshed.
    b2b = OperationMode.objects.get(slug="b2b")
    assert b2b.name_zh_hant in client.get("/zh-hant/modes/b2b/").content.decode()  # now in the page cache
    exported = formats.write_xliff12(export_units(INTO_CHINESE, records=[b2b]), INTO_CHINESE)
    import_file(
        translate(exported, "xliff12", lambda unit_id, source: "麒麟模式" if unit_id.endswith(":name") else None),
        editor,
    )
    assert "麒麟模式" in client.get("/zh-hant/modes/b2b/").content.decode()
    assert "/zh-hant/modes/b2b/" in client.get("/zh-hant/search/", {"q": "麒麟模式"}).content.decode()


def test_a_translation_longer_than_its_field_is_a_warning(work, editor):
    exported = formats.write_xliff12(export_units(INTO_CHINESE, records=[work["b2c"]]), INTO_CHINESE)
    plan = plan_import(
        formats.read_file(
            translate(exported, "xliff12", lambda unit_id, source: "長" * 121 if unit_id.endswith(":name") else None)
        ),
        user=editor,
    )
    assert plan.change_count == 0 and "121" in plan.warnings[0]


def test_import_command_previews_applies_and_refuses(work, editor, tmp_path):
    path = tmp_path / "zh.po"
    exported = formats.write_po(export_units(INTO_CHINESE, only_needed=True), INTO_CHINESE)
    path.write_bytes(translate(exported, "po", chinese_for))
    out = io.StringIO()
    call_command("importtranslations", str(path), "--user", "erin", "--dry-run", stdout=out)
    assert "Dry run: 3 field(s) in 3 record(s)" in out.getvalue()
    assert Company.objects.get(slug="alibaba").description_zh_hant == ""
    call_command("importtranslations", str(path), "--user", "erin", stdout=io.StringIO())
    alibaba = Company.objects.get(slug="alibaba")
    assert alibaba.description_zh_hant == "【譯】" + uid(Company, "alibaba", "description")
    assert alibaba.history.first().history_change_reason == "zh.po"

    path.write_bytes(b"<!DOCTYPE x [<!ENTITY a 'b'>]><xliff/>")
    with pytest.raises(CommandError, match="refused, nothing changed"):
        call_command("importtranslations", str(path), "--user", "erin", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no active staff user"):
        call_command("importtranslations", str(path), "--user", "nobody", stdout=io.StringIO())


@pytest.mark.parametrize("format_name", sorted(formats.WRITERS))
def test_a_translator_confirming_an_outdated_translation_clears_its_flag(work, editor, format_name):
    b2c = work["b2c"]
    exported = formats.write(format_name, export_units(INTO_CHINESE, records=[b2c]), INTO_CHINESE)[0]
    left_alone = formats.read_file(exported)
    assert not [unit for unit in left_alone.units if unit.id.endswith(":summary")][0].confirmed
    plan = plan_import(left_alone, user=editor)
    assert plan.change_count == 0  # a file sent back untouched confirms nothing

    # The translator checks the summary, keeps the text and marks it done.
    confirmed = translate(
        exported, format_name, lambda unit_id, source: b2c.summary_zh_hant if unit_id.endswith(":summary") else None
    )
    plan = plan_import(formats.read_file(confirmed), user=editor)
    (item,) = plan.records
    assert [(change.field, change.confirms) for change in item.changes] == [("summary", True)]
    apply_import(plan, user=editor, reason="checked.po")
    b2c.refresh_from_db()
    assert b2c.summary_zh_hant == work["b2c"].summary_zh_hant and not b2c.outdated_translations()
    assert b2c.history.first().history_change_reason == "checked.po"


def test_a_confirmation_against_an_older_source_confirms_nothing(work, editor):
    b2c = work["b2c"]
    exported = formats.write_po(export_units(INTO_CHINESE, records=[b2c]), INTO_CHINESE)
    confirmed = translate(
        exported, "po", lambda unit_id, source: b2c.summary_zh_hant if unit_id.endswith(":summary") else None
    )
    OperationMode.objects.filter(pk=b2c.pk).update(summary_en="Rewritten again after the export.")
    plan = plan_import(formats.read_file(confirmed), user=editor)
    assert plan.change_count == 0


def test_a_file_as_cat_tools_return_it_imports(work, editor):
    """Segmented (<seg-source>, <mrk>), grouped, zh-TW/en-US tags, UTF-16, whitespace reflowed in the source."""
    b2c = work["b2c"]
    reflowed_source = "\n   ".join(b2c.summary_en.split(" "))
    content = f"""<?xml version="1.0" encoding="UTF-16"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="ecomkb" source-language="en-US" target-language="zh-TW" datatype="plaintext"><body>
<group id="g1">
<trans-unit id="{unit_id(b2c, "name")}" xml:space="preserve"><source>{b2c.name_en}</source>
<seg-source><mrk mtype="seg" mid="1">{b2c.name_en}</mrk></seg-source>
<target state="translated"><mrk mtype="seg" mid="1">企業對消費者（分段）</mrk></target></trans-unit>
<trans-unit id="{unit_id(b2c, "summary")}"><source>{reflowed_source}</source>
<target state="final">新的摘要</target></trans-unit>
</group>
</body></file></xliff>""".encode("utf-16")
    plan = plan_import(formats.read_file(content), user=editor)
    assert plan.direction == INTO_CHINESE and plan.warnings == []
    (item,) = plan.records
    assert [(change.field, change.incoming, change.source_changed) for change in item.changes] == [
        ("name", "企業對消費者（分段）", False),
        ("summary", "新的摘要", False),  # only the whitespace differs: not a changed source
    ]
    apply_import(plan, user=editor, reason="tool.xlf")
    b2c.refresh_from_db()
    assert b2c.name_zh_hant == "企業對消費者（分段）" and not b2c.outdated_translations()


def test_a_translation_of_todays_source_puts_the_pair_in_step_whichever_side_was_flagged(work, editor):
    trend5 = work["trend5"]  # its Chinese title was rewritten: the English may be behind
    assert [item.stale_language for item in trend5.outdated_translations()] == ["en"]
    exported = formats.write_xliff12(export_units(INTO_CHINESE, records=[trend5]), INTO_CHINESE)
    import_file(
        translate(exported, "xliff12", lambda unit_id, source: "新標題" if unit_id.endswith(":title") else None), editor
    )
    trend5.refresh_from_db()
    assert trend5.title_zh_hant == "新標題" and not trend5.outdated_translations()


def test_a_record_renamed_after_the_export_still_gets_its_translation(work, editor):
    alibaba = work["alibaba"]
    exported = formats.write_po(export_units(INTO_CHINESE, records=[alibaba]), INTO_CHINESE)
    alibaba.slug = "alibaba-group"
    alibaba.save()  # its history keeps the old slug
    delivered = translate(
        exported, "po", lambda unit_id, source: "阿里巴巴" if unit_id.endswith(":description") else None
    )
    # The same field twice (its key spelt in capitals the second time): a warning, not a second change.
    catalog = polib.pofile(delivered.decode())
    (description,) = [entry for entry in catalog if entry.msgctxt.endswith(":description")]
    shouted = description.msgctxt.replace(str(alibaba.key), str(alibaba.key).upper())
    catalog.append(polib.POEntry(msgctxt=shouted, msgid=description.msgid, msgstr="另一個"))
    twice = str(catalog).encode()
    plan = plan_import(formats.read_file(twice), user=editor)
    assert [(item.record, [c.field for c in item.changes]) for item in plan.records] == [(alibaba, ["description"])]
    assert [w for w in plan.warnings if shouted in w and "already translates" in w] == plan.warnings != []
    apply_import(plan, user=editor, reason="old-slug.po")
    assert Company.objects.get(slug="alibaba-group").description_zh_hant == "阿里巴巴"
