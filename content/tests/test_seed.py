"""The fixtures hold the whole article in both languages, and seeding never undoes an editor."""

import io

import pytest
from django.core.management import call_command
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from modes.models import Company, OperationMode
from pages.tests.helpers import manage
from trends.models import Trend

SEEDED_MODELS = [OperationMode, Company, Trend]


def test_every_translated_field_of_every_seeded_record_is_filled_in_both_languages(db):
    checked = 0
    for model in SEEDED_MODELS:
        fields = translator.get_options_for_model(model).fields
        optional = model.optional_translated_field_names()
        for record in model.objects.all():
            for field in fields:
                values = [getattr(record, build_localized_fieldname(field, lang)) for lang in ("en", "zh-hant")]
                if field in optional and not any(values):
                    continue  # an optional field (background) may be left out, but never in one language only
                for lang, value in zip(("en", "zh-hant"), values, strict=True):
                    assert value and value.strip(), f"{record.slug}.{field} [{lang}] is empty"
                    checked += 1
    assert checked > 100


def test_seed_adds_the_whole_article(db):
    assert list(OperationMode.objects.values_list("code", flat=True)) == ["B2B", "B2C", "C2B", "C2C", "O2O"]
    assert list(Trend.objects.values_list("number", flat=True)) == list(range(1, 11))
    expected = {
        "alibaba",
        "taobao",
        "tmall",
        "alipay",
        "jd",
        "jumei",
        "suning",
        "wanda",
        "baidu",
        "tencent",
        "dangdang",
        "harpers-bazaar-china",
    }
    assert expected <= set(Company.objects.values_list("slug", flat=True))
    assert set(Trend.objects.get(number=5).companies.values_list("slug", flat=True)) == {"wanda", "baidu", "tencent"}


def test_seeding_again_keeps_an_editors_changes_and_deletions(db):
    trend = Trend.objects.get(number=1)
    trend.title_zh_hant = "編輯改過的標題"
    trend.save()
    company = Company.objects.get(slug="jd")
    company.modes.clear()
    OperationMode.objects.get(slug="c2c").delete()

    out = io.StringIO()
    call_command("seed", stdout=out)

    assert Trend.objects.get(number=1).title_zh_hant == "編輯改過的標題"
    assert not Company.objects.get(slug="jd").modes.exists()
    assert not OperationMode.objects.filter(code="C2C").exists(), "a deleted record stays deleted"
    assert "modes.operationmode: 0 added, 5 delivered before" in out.getvalue()


@pytest.mark.parametrize(
    "model, old, new",
    [
        (Trend, "vertical-e-commerce", "vertical-ecommerce"),
        (OperationMode, "c2b", "consumer-to-business"),
        (Company, "harpers-bazaar-china", "harpers-bazaar"),
    ],
)
def test_a_renamed_record_is_neither_re_added_nor_duplicated(db, model, old, new):
    record = model.objects.get(slug=old)
    record.slug = new
    record.save()
    counts = [m.objects.count() for m in SEEDED_MODELS]

    call_command("seed", stdout=io.StringIO())  # used to fail on the unique number / code

    assert [m.objects.count() for m in SEEDED_MODELS] == counts
    assert not model.objects.filter(slug=old).exists()
    assert model.objects.get(slug=new).pk == record.pk


def test_a_deleted_company_does_not_come_back_and_its_links_stay_gone(db):
    Company.objects.get(slug="wanda").delete()
    call_command("seed", stdout=io.StringIO())
    assert not Company.objects.filter(name_en__icontains="wanda").exists()
    assert not Company.objects.filter(slug="wanda").exists()


def test_a_fresh_database_gets_relations_between_fixture_records(db):
    assert set(Company.objects.get(slug="wanda").modes.values_list("code", flat=True)) == {"O2O"}
    assert set(Trend.objects.get(number=5).companies.values_list("slug", flat=True)) == {"wanda", "baidu", "tencent"}


def test_a_record_an_editor_made_with_a_fixture_records_slug_is_kept_not_duplicated(db):
    from content.models import SeedRecord

    SeedRecord.objects.filter(key="b2b").delete()  # as if the fixture record were new in this release
    OperationMode.objects.filter(slug="b2b").delete()
    OperationMode.objects.create(code="B2B", slug="b2b", name_en="Mine", order=1, summary_en="s", body_en="b")
    call_command("seed", stdout=io.StringIO())
    assert OperationMode.objects.get(slug="b2b").name_en == "Mine"
    assert SeedRecord.objects.filter(model="modes.operationmode", key="b2b").exists()


def test_a_database_seeded_before_seed_records_existed_is_brought_over_without_changing_a_text(db):
    """Seeding such a database: a renamed and a deleted record are recognised from their history (a data migration
    once did this, reading the fixtures)."""
    from content.models import SeedRecord

    SeedRecord.objects.all().delete()  # as before SeedRecords existed
    renamed = Trend.objects.get(slug="vertical-e-commerce")
    renamed.slug = "vertical-ecommerce"
    renamed.save()
    Company.objects.get(slug="wanda").delete()
    texts = {m: list(m.objects.order_by("pk").values_list("pk", "slug", "search_text")) for m in SEEDED_MODELS}

    call_command("seed", stdout=io.StringIO())

    assert {m: list(m.objects.order_by("pk").values_list("pk", "slug", "search_text")) for m in SEEDED_MODELS} == texts
    assert SeedRecord.objects.get(model="trends.trend", key="vertical-e-commerce").object_id == renamed.pk


def test_seeding_twice_adds_nothing_the_second_time(db):
    counts = [model.objects.count() for model in SEEDED_MODELS]
    call_command("seed", stdout=io.StringIO())
    assert [model.objects.count() for model in SEEDED_MODELS] == counts


@pytest.mark.parametrize(
    "defect",
    [
        "Water to the canal",
        "brush the wall",
        "nautical",
        "Jingdong white",
        "***",
        "? Micro?",
        "amount of time spent",
        "需要面對的.問題",
    ],
)
def test_no_defect_of_the_machine_translation_reaches_the_content(db, defect):
    for model in SEEDED_MODELS:
        for record in model.objects.all():
            fields = translator.get_options_for_model(model).fields
            for field in fields:
                for lang in ("en", "zh-hant"):
                    assert defect not in (getattr(record, build_localized_fieldname(field, lang)) or "")


def test_seeding_a_database_never_migrated_says_to_migrate_first_without_a_traceback(tmp_path):
    result = manage("seed", DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "run `manage.py migrate` first" in result.stderr
