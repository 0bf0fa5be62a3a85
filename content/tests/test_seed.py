"""The fixtures hold the whole article in both languages, and seeding never undoes an editor."""

import io

import pytest
from django.core.management import call_command
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from modes.models import Company, OperationMode
from trends.models import Trend

SEEDED_MODELS = [OperationMode, Company, Trend]


def test_every_translated_field_of_every_seeded_record_is_filled_in_both_languages(seeded):
    checked = 0
    for model in SEEDED_MODELS:
        fields = translator.get_options_for_model(model).fields
        for record in model.objects.all():
            for field in fields:
                for lang in ("en", "zh-hant"):
                    value = getattr(record, build_localized_fieldname(field, lang))
                    assert value and value.strip(), f"{record.slug}.{field} [{lang}] is empty"
                    checked += 1
    assert checked > 100


def test_seed_adds_the_whole_article(seeded):
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


def test_seeding_again_keeps_an_editors_changes(seeded):
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
    assert OperationMode.objects.filter(slug="c2c").exists(), "a missing record is added back"
    assert "modes.operationmode: 1 added, 4 already present" in out.getvalue()


def test_seeding_twice_adds_nothing_the_second_time(seeded):
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
def test_no_defect_of_the_machine_translation_reaches_the_content(seeded, defect):
    for model in SEEDED_MODELS:
        for record in model.objects.all():
            fields = translator.get_options_for_model(model).fields
            for field in fields:
                for lang in ("en", "zh-hant"):
                    assert defect not in getattr(record, build_localized_fieldname(field, lang))
