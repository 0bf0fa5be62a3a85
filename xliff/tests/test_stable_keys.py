"""Units name records by a key that never changes and is never reused, so an import lands where it was exported from.

A slug is the record's address, which editors may change and another record may then take: files that named
records by slug wrote one record's translation into another.
"""

import io
import json
import re
import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from content.models import SeedRecord
from content.registry import content_kinds, content_models
from editors.tests.admin_forms import open_form, save
from modes.models import Company
from pages.tests.helpers import manage
from xliff import formats
from xliff.checks import RefusedFile

from .conftest import translate

EXPORT = "/admin/translation-files/export/"
IMPORT = "/admin/translation-files/import/"
APPLY = "/admin/translation-files/import/apply/"
TRANSLATED_FIELDS = ("name_zh_hant", "description_zh_hant", "background_zh_hant")


def seeded_key(label, fixture_key):
    """Worked out here without the project's code: what every installation must agree on."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:ecomkb:{label}:{fixture_key}")


def chinese(company):
    return {field: getattr(company, field) for field in TRANSLATED_FIELDS}


def translator(unit_id, source):
    return f"【譯者】{source[:30]}"


def export_from_admin(client, record, format_name):
    query = f"?model={record._meta.label_lower}&pk={record.pk}"
    response = client.post(EXPORT + query, {"into": "zh-hant", "format": format_name})
    assert response.status_code == 200
    return response.content


def rename_in_admin(client, record, slug):
    assert save(client, record, open_form(client, record) | {"slug": slug}).status_code == 302


def import_in_admin(client, content, name="zh.xlf"):
    """Upload, preview, apply; the preview's plan."""
    preview = client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})
    assert preview.status_code == 200, preview.context["form"].errors if preview.context else preview
    plan = preview.context["plan"]
    if plan.change_count:
        digest = re.search(r'name="digest" value="([0-9a-f]+)"', preview.content.decode()).group(1)
        assert client.post(APPLY, {"digest": digest}).status_code == 302
    return plan


@pytest.mark.parametrize("format_name", sorted(formats.WRITERS))
def test_a_slug_taken_over_after_the_export_does_not_take_the_translation(editor_client, db, format_name):
    """Export tmall; rename tmall → tmall-cn and taobao → tmall; import: Tmall gets its translation, Taobao nothing."""
    tmall, taobao = Company.objects.get(slug="tmall"), Company.objects.get(slug="taobao")
    exported = export_from_admin(editor_client, tmall, format_name)
    rename_in_admin(editor_client, tmall, "tmall-cn")
    rename_in_admin(editor_client, taobao, "tmall")
    taobao_before = chinese(Company.objects.get(pk=taobao.pk))

    plan = import_in_admin(editor_client, translate(exported, format_name, translator))

    assert [item.record.pk for item in plan.records] == [tmall.pk] and plan.warnings == []
    assert chinese(Company.objects.get(pk=taobao.pk)) == taobao_before
    tmall = Company.objects.get(pk=tmall.pk)
    assert tmall.slug == "tmall-cn" and all(text.startswith("【譯者】") for text in chinese(tmall).values())


def test_the_command_line_import_follows_the_key_too(editor, db, tmp_path):
    tmall, taobao = Company.objects.get(slug="tmall"), Company.objects.get(slug="taobao")
    exported = tmp_path / "tmall.po"
    call_command(
        "exporttranslations", "--format", "po", "--record", "modes.company:tmall", "-o", exported, stderr=io.StringIO()
    )
    for record, slug in [(tmall, "tmall-cn"), (taobao, "tmall")]:
        record.slug = slug
        record.save()
    taobao_before = chinese(Company.objects.get(pk=taobao.pk))
    delivered = tmp_path / "tmall-zh.po"
    delivered.write_bytes(translate(exported.read_bytes(), "po", translator))

    out = io.StringIO()
    call_command("importtranslations", delivered, "--user", editor.username, stdout=out)

    assert "3 field(s) in 1 record(s)" in out.getvalue() and "0 warning(s)" in out.getvalue()
    assert chinese(Company.objects.get(pk=taobao.pk)) == taobao_before
    assert all(text.startswith("【譯者】") for text in chinese(Company.objects.get(pk=tmall.pk)).values())


def test_a_deleted_records_units_are_warnings_though_a_new_record_has_its_slug(admin_client, db):
    tmall = Company.objects.get(slug="tmall")
    exported = export_from_admin(admin_client, tmall, "xliff12")
    tmall.delete()
    newcomer = Company.objects.create(slug="tmall", name_en="Tmall (new)", description_en="Another record.")
    before = chinese(newcomer)

    plan = import_in_admin(admin_client, translate(exported, "xliff12", translator))

    assert plan.change_count == 0 and len(plan.warnings) == 3
    assert all("the company “tmall” no longer exists" in warning for warning in plan.warnings)
    newcomer.refresh_from_db()
    assert chinese(newcomer) == before and newcomer.key != tmall.key  # a new record never gets an old key


# A file as ecomkb wrote them before records had keys.
OLD_FILE = """<?xml version="1.0" ?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="ecomkb" source-language="en" datatype="plaintext" target-language="zh-Hant"><body>
<trans-unit id="modes.company:tmall:name"><source>Tmall</source><target state="translated">天貓</target></trans-unit>
<trans-unit id="modes.company:tmall:description"><source>x</source><target state="translated">新的</target></trans-unit>
</body></file></xliff>""".encode()


def test_a_file_naming_records_by_slug_is_refused_and_says_to_export_again(editor_client, editor, db, tmp_path):
    tmall = Company.objects.get(slug="tmall")
    with pytest.raises(RefusedFile) as refused:
        formats.read_file(OLD_FILE)
    assert "modes.company:tmall:name" in refused.value.message and "Export the records again" in refused.value.message

    (tmp_path / "old.xlf").write_bytes(OLD_FILE)
    with pytest.raises(CommandError, match="refused, nothing changed: .*Export the records again"):
        call_command("importtranslations", tmp_path / "old.xlf", "--user", editor.username, stdout=io.StringIO())

    response = editor_client.post(IMPORT, {"file": SimpleUploadedFile("old.xlf", OLD_FILE)})
    assert response.status_code == 200 and "Export the records again" in str(response.context["form"].errors)
    editor_client.cookies["django_language"] = "zh-hant"
    response = editor_client.post(IMPORT, {"file": SimpleUploadedFile("old.xlf", OLD_FILE)})
    assert "重新匯出" in str(response.context["form"].errors["file"])
    assert "xliff_import" not in editor_client.session
    assert chinese(Company.objects.get(pk=tmall.pk)) == chinese(tmall)


def test_translators_still_read_the_slug(editor_client, db):
    tmall = Company.objects.get(slug="tmall")
    xliff12 = export_from_admin(editor_client, tmall, "xliff12").decode()
    assert f'id="modes.company:{tmall.key}:name"' in xliff12 and 'resname="modes.company:tmall:name"' in xliff12
    xliff20 = export_from_admin(editor_client, tmall, "xliff20").decode()
    assert f'id="modes.company:{tmall.key}:name"' in xliff20 and 'name="modes.company:tmall:name"' in xliff20
    po = export_from_admin(editor_client, tmall, "po").decode()
    assert f'msgctxt "modes.company:{tmall.key}:name"' in po and "#. Record: modes.company “tmall”" in po


def test_every_seeded_record_has_the_key_its_fixture_identity_gives_on_every_installation(db):
    delivered = {(row.model, row.object_id): row.key for row in SeedRecord.objects.all()}
    checked = 0
    for model in content_models():
        label = model._meta.label_lower
        for pk, key in model.objects.values_list("pk", "key"):
            assert key == seeded_key(label, delivered[label, pk]), (label, pk)
            checked += 1
    assert checked == sum(
        len(json.loads((settings.BASE_DIR / "fixtures" / kind.fixture).read_text(encoding="utf-8")))
        for kind in content_kinds()
    )  # every seeded record
    # The fixtures hold the keys: a fixture record added without its key (or with a wrong one) fails here.
    for path in [settings.BASE_DIR / "fixtures" / kind.fixture for kind in content_kinds()]:  # content's, not others'
        for entry in json.loads(path.read_text(encoding="utf-8")):
            fields = entry["fields"]
            assert fields.get("key") == str(seeded_key(entry["model"], fields["slug"])), (path.name, fields["slug"])


# One process plays the whole story (a Django start-up is a second): a fresh install, an editor's changes, the
# migrations taken back to before records had keys and forward again; it prints what each step left.
STORY = """
import json
from django.core.management import call_command
from content.registry import content_models
from modes.models import Company

def keys():
    return {
        f"{model._meta.label_lower}:{pk}": [slug, str(key)]
        for model in content_models() for pk, slug, key in model.objects.values_list("pk", "slug", "key")
    }

call_command("prepare", verbosity=0)
fresh = keys()
tmall = Company.objects.get(slug="tmall"); tmall.slug = "tmall-cn"; tmall.save()
Company.objects.get(slug="jd").delete()
Company.objects.create(slug="mine", name_en="Mine", description_en="Added by an editor.")
edited = keys()
for app, before_keys in [("modes", "0008"), ("trends", "0007"), ("article", "0002")]:
    call_command("migrate", app, before_keys, verbosity=0)  # as before records had keys
call_command("migrate", verbosity=0)
migrated = keys()
jd_history = sorted({str(k) for k in Company.history.filter(slug="jd").values_list("key", flat=True)})
print(json.dumps({"fresh": fresh, "edited": edited, "migrated": migrated, "jd_history": jd_history}))
"""


@pytest.mark.long_running
def test_a_fresh_installation_and_an_older_database_brought_over_by_migration_agree_on_the_keys(db, tmp_path):
    """A second fresh database gets this one's keys; migrating an older database gives its seeded records the same,
    renamed or deleted (a deleted record's history keeps its key), and any other record a key of its own."""
    result = manage(
        "shell", "--no-imports", "-c", STORY, DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    )
    assert result.returncode == 0, result.stderr
    story = json.loads(result.stdout.splitlines()[-1])
    here = {
        f"{model._meta.label_lower}:{pk}": [slug, str(key)]
        for model in content_models()
        for pk, slug, key in model.objects.values_list("pk", "slug", "key")
    }
    assert sorted(story["fresh"].values()) == sorted(here.values())

    edited, migrated = story["edited"], story["migrated"]
    mine = next(name for name, (slug, _key) in edited.items() if slug == "mine")
    assert {name: value for name, value in migrated.items() if name != mine} == {
        name: value for name, value in edited.items() if name != mine
    }
    assert migrated[mine][1] != edited[mine][1] and uuid.UUID(migrated[mine][1])  # random, but there
    assert ["tmall-cn", str(seeded_key("modes.company", "tmall"))] in migrated.values()
    assert story["jd_history"] == [str(seeded_key("modes.company", "jd"))]
