"""Each save stores what the translation rules say of a record (incomplete, possibly out of date), so that the
admin counts and filters translation work with a query; a migration gave existing records the same flags."""

from content.tracking import backfill_translation_flags
from trends.models import Trend


def test_saving_stores_the_flags_the_rules_give(db):
    trend = Trend.objects.get(slug="going-down-market")
    assert (trend.translation_incomplete, trend.translation_outdated) == (False, False)
    trend.title_en = "A new English title"  # the Chinese was written for the old one
    trend.save()
    trend.refresh_from_db()
    assert trend.outdated_translations() and trend.translation_outdated
    trend.summary_zh_hant = ""
    trend.save(update_fields=["summary_zh_hant"])
    stored = Trend.objects.values("translation_incomplete", "translation_outdated").get(pk=trend.pk)
    assert stored == {"translation_incomplete": True, "translation_outdated": True}
    trend.confirm_translations(["title"])
    trend.summary_zh_hant = "摘要。"
    trend.save()
    assert Trend.objects.filter(pk=trend.pk, translation_incomplete=False, translation_outdated=False).exists()


def test_the_backfill_gives_existing_rows_the_flags_a_save_would(db):
    trend = Trend.objects.get(slug="going-down-market")
    trend.body_zh_hant = ""
    trend.save()
    Trend.objects.update(translation_incomplete=False, translation_outdated=False)  # as before the migration
    backfill_translation_flags(Trend, ("title", "summary", "body", "background"), optional=("background",))
    assert list(Trend.objects.filter(translation_incomplete=True).values_list("slug", flat=True)) == [trend.slug]
    assert not Trend.objects.filter(translation_outdated=True).exists()
