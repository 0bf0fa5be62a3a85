"""A field changed in one language after the other was written is flagged until updated or confirmed."""

from django.urls import reverse

from content.translation_status import OutdatedField, missing, next_baseline, outdated
from editors.tests.admin_forms import open_form, save
from trends.models import Trend

IN_STEP = {"title": {"en": "Old", "zh-hant": "舊"}}


# The rules, on plain dicts.
def test_a_change_in_one_language_is_flagged_with_the_old_and_new_text():
    texts = {"title": {"en": "New", "zh-hant": "舊"}}
    assert outdated(IN_STEP, texts) == [OutdatedField("title", "en", "zh-hant", "Old", "New")]
    assert next_baseline(IN_STEP, texts) == IN_STEP, "the flag stays until the other language follows"


def test_changing_the_other_language_too_clears_the_flag():
    texts = {"title": {"en": "New", "zh-hant": "新"}}
    assert outdated(IN_STEP, texts) == []
    assert next_baseline(IN_STEP, texts) == texts


def test_confirming_a_field_makes_the_current_pair_the_new_baseline():
    texts = {"title": {"en": "New", "zh-hant": "舊"}}
    baseline = next_baseline(IN_STEP, texts, confirmed={"title"})
    assert baseline == texts and outdated(baseline, texts) == []


def test_changing_a_text_back_clears_the_flag():
    assert outdated(IN_STEP, {"title": {"en": "Old", "zh-hant": "舊"}}) == []


def test_a_missing_language_is_incomplete_not_outdated():
    texts = {"title": {"en": "New", "zh-hant": ""}}
    assert missing(texts) == [("title", "zh-hant")]
    assert outdated(IN_STEP, texts) == []
    assert next_baseline(IN_STEP, texts) == {}, "once both are written again, that pair is the new baseline"


# On records, through the admin.
def test_an_english_edit_flags_the_field_in_the_changelist_filter_and_change_form(editor_client, db):
    trend = Trend.objects.get(number=2)
    old_title = trend.title_en
    data = open_form(editor_client, trend) | {"title_en": old_title + " and beyond"}
    assert save(editor_client, trend, data).status_code == 302
    trend.refresh_from_db()
    assert [item.field for item in trend.outdated_translations()] == ["title"]

    changelist = editor_client.get(reverse("admin:trends_trend_changelist"), {"translation": "outdated"})
    assert list(changelist.context["cl"].result_list) == [trend]
    assert changelist.context["cl"].model_admin.outdated_fields(trend) == "Title"

    html = editor_client.get(reverse("admin:trends_trend_change", args=[trend.pk])).content.decode()
    assert "translation may be out of date" in html
    assert "The English text changed after the Traditional Chinese was written" in html
    assert "<ins> and beyond</ins>" in html
    assert 'name="confirm_translations" value="title"' in html


def test_updating_the_chinese_clears_the_flag(editor_client, db):
    trend = Trend.objects.get(number=2)
    save(editor_client, trend, open_form(editor_client, trend) | {"title_en": "A new English title"})
    save(editor_client, trend, open_form(editor_client, trend) | {"title_zh_hant": "新的中文標題"})
    trend.refresh_from_db()
    assert trend.outdated_translations() == []


def test_ticking_confirm_clears_the_flag_without_changing_the_text(editor_client, db):
    trend = Trend.objects.get(number=2)
    save(editor_client, trend, open_form(editor_client, trend) | {"summary_zh_hant": "改寫過的中文摘要。"})
    trend.refresh_from_db()
    assert [(item.field, item.changed_language) for item in trend.outdated_translations()] == [("summary", "zh-hant")]
    english = trend.summary_en
    response = save(editor_client, trend, open_form(editor_client, trend) | {"confirm_translations": ["summary"]})
    assert response.status_code == 302
    trend.refresh_from_db()
    assert trend.outdated_translations() == [] and trend.summary_en == english


def test_an_unflagged_field_cannot_be_confirmed(editor_client, db):
    trend = Trend.objects.get(number=2)
    response = save(editor_client, trend, open_form(editor_client, trend) | {"confirm_translations": ["title"]})
    assert response.status_code == 200 and "confirm_translations" in response.context["adminform"].form.errors


def test_the_migration_takes_existing_texts_as_in_step_so_a_later_edit_is_flagged(db):
    from importlib import import_module

    from django.apps import apps

    Trend.objects.update(translation_baseline={})  # as in a database from before the flag existed
    migration = "trends.migrations.0002_alter_trend_options_trend_translation_baseline_and_more"
    import_module(migration).record_existing_pairs_as_in_step(apps, None)
    trend = Trend.objects.get(number=1)
    assert trend.translation_baseline["title"] == {"en": trend.title_en, "zh-hant": trend.title_zh_hant}
    trend.title_en = "A new English title"
    trend.save()
    assert [item.field for item in trend.outdated_translations()] == ["title"]
