"""The admin's translation-file pages: who may use them, the changelist action, preview, apply."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.testing import sign_in_verified
from modes.models import Company, OperationMode
from trends.models import Trend
from xliff import formats

from .conftest import translate, uid


@pytest.fixture
def work(work_made_once_for_the_module):
    """Every test here starts from the same work: made once for the module (xliff/tests/conftest.py)."""
    return work_made_once_for_the_module


EXPORT = "/admin/translation-files/export/"
IMPORT = "/admin/translation-files/import/"
APPLY = "/admin/translation-files/import/apply/"


def upload(client, content, name="zh.xlf"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


def exported(client, into="zh-hant", format_name="xliff12", query=""):
    response = client.post(EXPORT + query, {"into": into, "format": format_name})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    return response


def delivered(client, translation="【譯】"):
    content = exported(client).content
    return translate(content, "xliff12", lambda unit_id, source: translation + unit_id)


@pytest.mark.parametrize("url", [EXPORT, IMPORT])
def test_anonymous_and_non_staff_users_are_sent_to_the_login_page(client, work, url):
    assert client.get(url).status_code == 302
    User.objects.create_user("reader", password="a-long-test-password")
    client.login(username="reader", password="a-long-test-password")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")
    assert "_auth_user_id" not in client.session, "a non-staff account is signed out at the staff area's door"


def test_a_non_staff_upload_changes_nothing(client, work):
    User.objects.create_user("reader", password="a-long-test-password")
    client.login(username="reader", password="a-long-test-password")
    editor = User.objects.create_user("erin2", is_staff=True, is_superuser=True)
    staff = Client()
    sign_in_verified(staff, editor)
    content = delivered(staff)
    response = upload(client, content)
    assert response.status_code == 302
    assert Company.objects.get(slug="alibaba").description_zh_hant == ""


def test_the_import_form_is_csrf_protected(work, editor):
    browser = Client(enforce_csrf_checks=True)
    sign_in_verified(browser, editor)
    assert upload(browser, b"<xliff/>").status_code == 403
    assert browser.post(APPLY, {"digest": "x"}).status_code == 403


def test_staff_without_model_permissions_can_neither_export_nor_import(client, work, editor_client):
    content = delivered(editor_client)
    User.objects.create_user("visitor", is_staff=True)
    sign_in_verified(client, User.objects.get(username="visitor"))
    response = client.post(EXPORT, {"into": "zh-hant", "format": "xliff12"})
    assert response.status_code == 200 and "nothing to translate" in response.content.decode()
    preview = upload(client, content)
    assert preview.context["plan"].change_count == 0
    assert all("you may not change" in warning for warning in preview.context["plan"].warnings)


def test_the_home_page_links_to_export_and_import(editor_client, work):
    html = editor_client.get("/admin/").content.decode()
    assert f'href="{EXPORT}"' in html and f'href="{IMPORT}"' in html
    assert 'id="translation-work"' in html  # the editors' translation counts are still there


def test_the_export_page_says_how_much_needs_translation_in_each_direction(editor_client, work):
    response = editor_client.get(EXPORT)
    assert dict((str(direction), count) for direction, count in response.context["needing"]) == {
        "English → Traditional Chinese": 3,
        "Traditional Chinese → English": 1,
    }


@pytest.mark.parametrize(
    "model, admin_path",
    [
        (OperationMode, "modes/operationmode"),
        (Trend, "trends/trend"),
        (Company, "modes/company"),
    ],
)
def test_the_changelist_action_exports_the_chosen_records(editor_client, work, model, admin_path):
    chosen = list(model.objects.order_by("pk")[:2])
    response = editor_client.post(
        f"/admin/{admin_path}/",
        {
            "action": "export_for_translation",
            "_selected_action": [record.pk for record in chosen],
        },
    )
    assert response.status_code == 302
    page = editor_client.get(response["Location"])
    assert page.context["chosen"] == chosen
    download = exported(editor_client, "en", "po", "?" + response["Location"].split("?", 1)[1])
    assert "-selected.po" in download["Content-Disposition"]
    ids = {unit.id.rsplit(":", 1)[0] for unit in formats.read_file(download.content).units}
    assert ids == {f"{model._meta.label_lower}:{record.key}" for record in chosen}


def test_upload_preview_and_apply(editor_client, editor, work):
    b2c = work["b2c"]
    b2c.summary_en = "Rewritten after the export."  # the preview must say this field stays flagged
    content = delivered(editor_client)
    OperationMode.objects.filter(pk=b2c.pk).update(summary_en=b2c.summary_en)

    preview = upload(editor_client, content, name="zh-delivery.xlf")
    html = preview.content.decode()
    assert preview.status_code == 200 and preview.context["plan"].change_count == 3
    assert "【譯】" + uid(Company, "alibaba", "description") in html
    assert html.count('class="stale-source"') == 1
    assert 'lang="zh-Hant"' in html
    assert Company.objects.get(slug="alibaba").description_zh_hant == ""  # nothing yet

    digest = re.search(r'name="digest" value="([0-9a-f]+)"', html).group(1)
    applied = editor_client.post(APPLY, {"digest": digest})
    assert applied.status_code == 302
    alibaba = Company.objects.get(slug="alibaba")
    assert alibaba.description_zh_hant == "【譯】" + uid(Company, "alibaba", "description")
    assert (alibaba.history.first().history_user, alibaba.history.first().history_change_reason) == (
        editor,
        "zh-delivery.xlf",
    )
    assert [item.field for item in OperationMode.objects.get(pk=b2c.pk).outdated_translations()] == ["summary"]
    assert "Imported zh-delivery.xlf: 3 fields changed." in editor_client.get(IMPORT).content.decode()
    # Applying twice does nothing more.
    again = editor_client.post(APPLY, {"digest": digest})
    assert again.status_code == 302 and alibaba.history.count() == Company.objects.get(slug="alibaba").history.count()


def test_a_record_changed_between_preview_and_apply_shows_a_new_preview(editor_client, work):
    preview = upload(editor_client, delivered(editor_client))
    digest = preview.context["digest"]
    alibaba = Company.objects.get(slug="alibaba")
    alibaba.description_zh_hant = "同事剛寫的描述"
    alibaba.save()
    response = editor_client.post(APPLY, {"digest": digest})
    assert response.status_code == 409
    assert "changed after your preview" in response.content.decode()
    assert Company.objects.get(slug="alibaba").description_zh_hant == "同事剛寫的描述"
    assert Trend.objects.get(number=2).body_zh_hant == ""  # nothing applied, not even the other records


def test_apply_without_a_preview_explains_what_to_do(editor_client, work):
    response = editor_client.post(APPLY, {"digest": "0"}, follow=True)
    assert "There is no previewed file to apply" in response.content.decode()


def test_clumsy_requests_get_a_form_error_or_4xx_never_a_500(editor_client, work):
    assert editor_client.get(APPLY).status_code == 405
    assert editor_client.get(EXPORT + "?model=auth.user&pk=1").context["chosen"] is None  # not content
    query = "?model=modes.company&pk=999999&pk=x&pk=%C2%B2&pk=" + "9" * 30
    nothing = editor_client.post(EXPORT + query, {"into": "zh-hant", "format": "po"})
    assert nothing.status_code == 200 and nothing.context["chosen"] == []
    assert "There is nothing to translate into Traditional Chinese here." in nothing.content.decode()
    bad_choice = editor_client.post(EXPORT, {"into": "fr", "format": "docx"})
    assert bad_choice.status_code == 200 and set(bad_choice.context["form"].errors) == {"into", "format"}
    no_file = editor_client.post(IMPORT, {})
    assert no_file.status_code == 200 and "file" in no_file.context["form"].errors
    empty = upload(editor_client, b"", name="empty.xlf")
    assert empty.status_code == 200 and "file" in empty.context["form"].errors


def test_the_preview_links_each_record_to_its_admin_page(editor_client, work):
    html = upload(editor_client, delivered(editor_client)).content.decode()
    assert f'href="/admin/modes/company/{work["alibaba"].pk}/change/"' in html
