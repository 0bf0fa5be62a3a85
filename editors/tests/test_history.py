"""Every change is recorded (who, when, what, both languages) and an earlier version can be restored."""

from django.urls import reverse

from editors.tests.admin_forms import change_url, form_data, open_form, save
from modes.models import Company
from trends.models import Trend


def history_url(record):
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_history", args=[record.pk])


def test_seeding_gives_every_record_a_first_version(db):
    for model in (Trend, Company):
        for record in model.objects.all():
            assert record.history.count() == 1


def test_an_editors_change_is_recorded_with_who_when_and_both_languages(editor_client, editor, db):
    trend = Trend.objects.get(number=3)
    data = open_form(editor_client, trend)
    data.update(title_en="Internet finance, revised", title_zh_hant="網路金融：修訂版")
    assert save(editor_client, trend, data).status_code == 302

    latest, previous = trend.history.all()[:2]
    assert latest.history_user == editor and latest.history_date is not None
    assert (latest.title_en, latest.title_zh_hant) == ("Internet finance, revised", "網路金融：修訂版")
    assert previous.title_zh_hant != "網路金融：修訂版" and previous.title_en != "Internet finance, revised"
    changed = {change.field for change in latest.diff_against(previous).changes}
    assert {"title_en", "title_zh_hant"} <= changed


def test_the_history_page_lists_who_changed_what_in_which_language(editor_client, editor, db):
    trend = Trend.objects.get(number=3)
    old_title = trend.title_zh_hant
    data = open_form(editor_client, trend)
    data["title_zh_hant"] = "網路金融：修訂版"
    save(editor_client, trend, data)

    html = editor_client.get(history_url(trend)).content.decode()
    assert "erin" in html
    assert "Title (Traditional Chinese)" in html
    assert old_title in html and "網路金融：修訂版" in html


def test_restoring_an_earlier_version_brings_back_both_languages_and_is_itself_recorded(editor_client, editor, db):
    trend = Trend.objects.get(number=3)
    original = (trend.title_en, trend.title_zh_hant, trend.body_zh_hant)
    data = open_form(editor_client, trend)
    data.update(title_en="Changed title", title_zh_hant="改過的標題", body_zh_hant="改過的內文")
    save(editor_client, trend, data)

    first_version = trend.history.earliest()
    restore_url = reverse("admin:trends_trend_simple_history", args=[trend.pk, first_version.history_id])
    response = editor_client.get(restore_url)
    assert response.status_code == 200
    response = editor_client.post(restore_url, form_data(response))  # the "Revert" button
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors

    trend.refresh_from_db()
    assert (trend.title_en, trend.title_zh_hant, trend.body_zh_hant) == original
    assert trend.history.count() == 3 and trend.history.first().history_user == editor


def test_the_restore_form_is_filled_with_the_earlier_version(editor_client, db):
    company = Company.objects.get(slug="jd")
    original_zh = company.name_zh_hant
    data = open_form(editor_client, company)
    data["name_zh_hant"] = "京東（新）"
    save(editor_client, company, data)
    first = company.history.earliest()
    form = (
        editor_client.get(reverse("admin:modes_company_simple_history", args=[company.pk, first.history_id]))
        .context["adminform"]
        .form
    )
    assert form.initial["name_zh_hant"] == original_zh
    assert editor_client.get(change_url(company)).context["adminform"].form.initial["name_zh_hant"] == "京東（新）"


def test_seeding_gives_records_from_before_history_a_first_version_and_changes_nothing(db):
    import io

    from django.core.management import call_command

    Trend.history.all().delete()  # as in a database created before history was recorded
    titles = list(Trend.objects.values_list("title_zh_hant", flat=True))
    call_command("seed", stdout=io.StringIO())
    assert all(trend.history.count() == 1 for trend in Trend.objects.all())
    assert list(Trend.objects.values_list("title_zh_hant", flat=True)) == titles


def test_the_summary_an_editor_writes_is_kept_with_the_version_and_shown_to_readers(editor_client, client, db):
    """Issue 29: a one-line summary typed when saving goes with that version, to the recent changes page."""
    trend = Trend.objects.get(number=3)
    data = open_form(editor_client, trend)
    data.update(title_en="Internet finance, revised", change_summary="  Clarified   the title\t")
    assert save(editor_client, trend, data).status_code == 302
    assert trend.history.first().history_change_reason == "Clarified the title"
    assert "Clarified the title" in client.get("/en/changes/").content.decode()


def test_a_summary_with_control_characters_is_a_form_error_and_nothing_is_saved(editor_client, db):
    from editors.tests.admin_forms import form_errors

    trend = Trend.objects.get(number=3)
    data = open_form(editor_client, trend)
    data.update(title_en="Internet finance, revised", change_summary="bad\x00summary")
    response = save(editor_client, trend, data)
    assert response.status_code == 200 and "change_summary" in form_errors(response)
    assert Trend.objects.get(number=3).title_en != "Internet finance, revised"
