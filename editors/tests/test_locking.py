"""Two editors open the same record; the second save is refused and the first editor's work is kept."""

from editors.tests.admin_forms import form_errors, open_form, save
from trends.models import Trend


def test_the_second_editors_save_is_refused_and_the_first_editors_work_is_kept(editor_client, second_editor_client, db):
    trend = Trend.objects.get(number=5)
    first = open_form(editor_client, trend)
    second = open_form(second_editor_client, trend)

    assert save(editor_client, trend, first | {"title_zh_hant": "第一位編輯的標題"}).status_code == 302
    response = save(
        second_editor_client, trend, second | {"title_zh_hant": "第二位編輯的標題", "body_en": "Overwritten"}
    )

    assert response.status_code == 200
    [message] = form_errors(response)["__all__"]
    assert "erin saved this record at" in message and "Your changes were not saved" in message
    trend.refresh_from_db()
    assert trend.title_zh_hant == "第一位編輯的標題" and trend.body_en != "Overwritten"


def test_after_reopening_the_second_editor_can_save(editor_client, second_editor_client, db):
    trend = Trend.objects.get(number=5)
    second = open_form(second_editor_client, trend)
    save(editor_client, trend, open_form(editor_client, trend) | {"title_zh_hant": "第一位編輯的標題"})
    assert save(second_editor_client, trend, second | {"summary_en": "Too late."}).status_code == 200

    again = open_form(second_editor_client, trend)
    response = save(second_editor_client, trend, again | {"summary_en": "Now based on the latest version."})
    assert response.status_code == 302
    trend.refresh_from_db()
    assert trend.title_zh_hant == "第一位編輯的標題" and trend.summary_en == "Now based on the latest version."


def test_a_forged_or_missing_version_is_a_form_error_not_a_crash(editor_client, db):
    trend = Trend.objects.get(number=5)
    data = open_form(editor_client, trend)
    assert save(editor_client, trend, data | {"opened_version": "x"}).status_code == 200
    del data["opened_version"]
    assert save(editor_client, trend, data).status_code == 200
    trend.refresh_from_db()
    assert trend.history.count() == 1
