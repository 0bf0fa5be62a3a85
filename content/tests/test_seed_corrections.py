"""A corrected fixture reaches a database seeded before the correction through `seed` (a three-way rule): a field
that still reads as seeding delivered it takes the fixture's text now, with a version in its history; a field an
editor changed is the editor's; a deleted record stays deleted; a renamed one is found by its fixture key."""

import io

from django.core.management import call_command

from content.models import SeedRecord
from content.seeding import CORRECTED, digest, fixture_entries, seed
from modes.models import Company
from trends.models import Trend

OLD_SUMMARY_EN = "An older seeded summary, which the fixture has since corrected."
OLD_SUMMARY_ZH = "較早播下、夾具已更正的摘要。"


def fixture_fields(label, key):
    (fields,) = [fields for entry in fixture_entries() if entry[:2] == (label, key) for fields in entry[2:]]
    return fields


def seeded_as(record, key, **old_texts):
    """Make `record` read as an earlier fixture delivered it: these texts, recorded as what seeding delivered."""
    type(record).objects.filter(pk=record.pk).update(**old_texts)  # as seeding left it: no version of its own
    seed_record = SeedRecord.objects.get(model=record._meta.label_lower, key=key)
    seed_record.texts = {**seed_record.texts, **{name: digest(text) for name, text in old_texts.items()}}
    seed_record.save()
    return seed_record


def run_seed():
    out = io.StringIO()
    call_command("seed", stdout=out)
    return out.getvalue()


def test_a_text_that_still_reads_as_seeded_takes_the_corrected_fixture_text_with_a_version_in_its_history(db):
    trend = Trend.objects.get(slug="going-global")
    fixture = fixture_fields("trends.trend", "going-global")
    seed_record = seeded_as(trend, "going-global", summary_en=OLD_SUMMARY_EN, summary_zh_hant=OLD_SUMMARY_ZH)
    versions = trend.history.count()

    output = run_seed()

    trend.refresh_from_db()
    assert (trend.summary_en, trend.summary_zh_hant) == (fixture["summary_en"], fixture["summary_zh_hant"])
    latest = trend.history.first()
    assert trend.history.count() == versions + 1 and latest.history_change_reason == CORRECTED
    assert not trend.outdated_translations()  # both languages corrected together: a pair in step
    seed_record.refresh_from_db()
    assert seed_record.texts["summary_en"] == digest(fixture["summary_en"])
    assert "trends.trend: texts: 1 records corrected from the fixtures" in output

    run_seed()  # and only once
    assert trend.history.count() == versions + 1


def test_an_editors_text_is_left_as_the_editor_wrote_it(db):
    trend = Trend.objects.get(slug="going-global")
    seeded_as(trend, "going-global", summary_en=OLD_SUMMARY_EN)
    trend.refresh_from_db()
    trend.summary_en = "The editor's own summary."
    trend.save()
    versions = trend.history.count()

    output = run_seed()

    trend.refresh_from_db()
    assert trend.summary_en == "The editor's own summary." and trend.history.count() == versions
    assert "1 fields kept as editors wrote them" in output


def test_beside_an_editors_text_only_the_field_still_as_seeded_is_corrected(db):
    company = Company.objects.get(slug="jd")
    fixture = fixture_fields("modes.company", "jd")
    seeded_as(company, "jd", description_en="Seeded once.", description_zh_hant="曾經播下。")
    Company.objects.filter(pk=company.pk).update(description_zh_hant="編輯寫的說明。")  # the editor's, in Chinese

    run_seed()

    company.refresh_from_db()
    assert company.description_en == fixture["description_en"]
    assert company.description_zh_hant == "編輯寫的說明。"
    # The English changed under the editor's Chinese: a translator is asked to look at the pair.
    assert [(o.field, o.changed_language) for o in company.outdated_translations()] == [("description", "en")]


def test_a_record_an_editor_deleted_is_not_brought_back_by_a_correction(db):
    company = Company.objects.get(slug="wanda")
    seeded_as(company, "wanda", description_en="Seeded once.")
    company.delete()

    run_seed()

    assert not Company.objects.filter(slug="wanda").exists()


def test_a_renamed_record_is_corrected_as_the_record_its_fixture_key_became(db):
    trend = Trend.objects.get(slug="going-global")
    fixture = fixture_fields("trends.trend", "going-global")
    seeded_as(trend, "going-global", summary_en=OLD_SUMMARY_EN)
    trend.refresh_from_db()
    trend.slug = "cross-border"
    trend.save()

    run_seed()

    trend.refresh_from_db()
    assert (trend.slug, trend.summary_en) == ("cross-border", fixture["summary_en"])
    assert not Trend.objects.filter(slug="going-global").exists()


def test_a_record_seeded_before_deliveries_were_recorded_is_corrected_where_it_reads_as_an_earlier_fixture(db):
    """Nothing recorded (a database seeded by older code): the earlier fixtures' texts say what it may read as."""
    trend = Trend.objects.get(slug="going-global")
    fixture = fixture_fields("trends.trend", "going-global")
    Trend.objects.filter(pk=trend.pk).update(summary_en=OLD_SUMMARY_EN, body_en="The editor's body.")
    SeedRecord.objects.filter(key="going-global").update(texts={})
    earlier = {"trends.trend": {"going-global": {"summary_en": [digest(OLD_SUMMARY_EN)], "body_en": [digest("x")]}}}

    seed(earlier=earlier)

    trend.refresh_from_db()
    assert trend.summary_en == fixture["summary_en"] and trend.body_en == "The editor's body."
    texts = SeedRecord.objects.get(model="trends.trend", key="going-global").texts
    assert texts["summary_en"] == digest(fixture["summary_en"]) and "body_en" not in texts
