"""A company's Chinese sort key is stored on save, and sorts as the pinyin of its name, syllable by syllable."""

from bilingual.pinyin import pinyin_sort_key
from modes.models import Company


def test_the_key_orders_names_by_pinyin_syllable_by_syllable():
    names = ["支付寶", "阿里巴巴", "百度", "時尚芭莎", "淘寶", "天貓", "當當", "京東"]
    ordered = sorted(names, key=pinyin_sort_key)
    assert ordered == ["阿里巴巴", "百度", "當當", "京東", "時尚芭莎", "淘寶", "天貓", "支付寶"]
    # a shorter syllable sorts before a longer one that begins with it: 安 an1 before 昂 ang2
    assert pinyin_sort_key("安") < pinyin_sort_key("昂")
    assert pinyin_sort_key("《時尚芭莎》") == pinyin_sort_key("時尚芭莎"), "punctuation is not a letter"


def test_saving_a_company_stores_its_key(db):
    company = Company.objects.get(slug="alibaba")
    company.name_zh_hant = "百度"
    company.save()
    company.refresh_from_db()
    assert company.name_pinyin == pinyin_sort_key("百度")
    Company.objects.filter(pk=company.pk).update(name_pinyin="")
    company.refresh_from_db()
    company.save(update_fields=["name_zh_hant"])
    assert Company.objects.get(pk=company.pk).name_pinyin == pinyin_sort_key("百度")
