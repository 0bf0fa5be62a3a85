"""The conversion table: what /zh-hans/ reads, kept by editors, current in every process and every cached page."""

import pytest
from django.core.exceptions import ValidationError

from bilingual.chinese import current_table, to_simplified
from content.cache import cache
from content.models import SeedRecord
from conversion.models import ConversionRule
from conversion.seeding import seed_conversion_table
from conversion.table import STAMP_KEY, fixture_rules
from pages.tests.helpers import text_in_page_language


def simplified_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return text_in_page_language(response.content.decode(), "zh-hans")


def test_online_to_offline_reads_as_mainland_text_not_as_opencc_splits_it(client, db):
    text = simplified_text(client, "/zh-hans/modes/o2o/")
    assert "线上对线下（O2O）" in text
    assert "在线对线下" not in text and "在在线" not in text  # OpenCC alone: 在线对线下, 可在在线揽客


@pytest.mark.parametrize(
    ("url", "written", "converted"),
    [
        ("/zh-hans/trends/fashion/", "电商时尚路开启", "时尚路打开"),
        ("/zh-hans/trends/micro-stores/", "都开启了微店", "打开了微店"),
        ("/zh-hans/modes/c2b/", "形成社群", "社区"),
        ("/zh-hans/modes/b2c/", "企业通过网络", "透过"),
        ("/zh-hans/trends/o2o-partnerships/", "建立联系", "创建联系"),
    ],
)
def test_table_phrases_replace_what_opencc_writes(client, db, url, written, converted):
    text = simplified_text(client, url)
    assert written in text and converted not in text


def test_the_shipped_table_is_in_the_database_once_each_and_recorded_as_delivered(db):
    shipped = {rule["traditional"]: rule["simplified"] for rule in fixture_rules()}
    assert dict(ConversionRule.objects.values_list("traditional", "simplified")) == shipped
    assert SeedRecord.objects.filter(model="conversion.conversionrule").count() == len(shipped)
    assert ConversionRule.history.filter(history_type="+").count() == len(shipped)  # versioned from the start


def test_a_rule_editors_deleted_or_changed_is_not_delivered_again(db, table_restored):
    ConversionRule.objects.get(traditional="線上").delete()
    rule = ConversionRule.objects.get(traditional="營運")
    rule.simplified = "经营"
    rule.save()
    assert seed_conversion_table() == 0
    assert not ConversionRule.objects.filter(traditional="線上").exists()
    assert ConversionRule.objects.get(traditional="營運").simplified == "经营"


def test_a_saved_rule_shows_at_once_on_cached_pages(client, db, table_restored):
    assert "生态链" in simplified_text(client, "/zh-hans/trends/o2o-partnerships/")  # now in the page cache
    ConversionRule.objects.create(traditional="生態鏈", simplified="生态系统")
    text = simplified_text(client, "/zh-hans/trends/o2o-partnerships/")
    assert "生态系统" in text and "生态链" not in text


def test_a_process_reads_the_table_again_when_another_process_changed_it(client, db, table_restored):
    simplified_text(client, "/zh-hans/trends/o2o-partnerships/")
    ConversionRule.objects.filter(traditional="線上").update(simplified="在线")  # no signal: as if elsewhere
    assert to_simplified("線上") == "线上"
    cache.set(STAMP_KEY, "changed-elsewhere", None)
    client.get("/zh-hans/modes/")  # any page: the middleware compares stamps first
    assert current_table().stamp == "changed-elsewhere"
    assert to_simplified("線上") == "在线"


def test_an_emptied_cache_costs_no_database_read(client, db, django_assert_num_queries):
    client.get("/zh-hans/modes/")
    cache.clear()
    with django_assert_num_queries(0):
        from conversion.table import refresh_if_changed

        refresh_if_changed()
    assert cache.get(STAMP_KEY) == current_table().stamp


def test_editors_keep_the_table_in_the_admin_with_history(admin_client, db, table_restored):
    response = admin_client.get("/admin/conversion/conversionrule/?q=線上")
    assert response.status_code == 200 and "线上" in response.content.decode()
    rule = ConversionRule.objects.get(traditional="線上")
    response = admin_client.post(
        f"/admin/conversion/conversionrule/{rule.pk}/change/",
        {"traditional": "線上", "simplified": "网上", "note": "trying"},
    )
    assert response.status_code == 302
    assert list(rule.history.values_list("simplified", flat=True)[:2]) == ["网上", "线上"]
    assert to_simplified("線上對線下") == "网上对线下"


def test_a_phrase_with_spaces_or_a_marker_is_a_form_error(admin_client, db):
    response = admin_client.post(
        "/admin/conversion/conversionrule/add/", {"traditional": "-{線上}-", "simplified": "线上", "note": ""}
    )
    assert response.status_code == 200
    assert ConversionRule.objects.filter(traditional="-{線上}-").count() == 0


def test_search_finds_what_a_simplified_reader_copies(client, db):
    for copied, url in [
        ("开启了微店", "/zh-hans/trends/micro-stores/"),
        ("运营。", "/zh-hans/companies/alipay/"),  # stored 營運
        ("通过社群的集体议价", "/zh-hans/modes/c2b/"),  # stored 透過社群
    ]:
        html = client.get("/zh-hans/search/", {"q": copied}).content.decode()
        assert f'href="{url}"' in html, copied


def test_chinese_quoted_in_english_is_simplified_on_simplified_pages(client, db):
    html = client.get("/zh-hans/article/").content.decode()
    assert '<span lang="zh-Hans">刷墙</span>' in html and '<span lang="zh-Hant">刷牆</span>' not in html


def test_a_simplified_search_for_online_finds_it_in_the_readers_own_text(client, db):
    results = client.get("/zh-hans/search/", {"q": "在线上"}).context["results"]
    assert results.hits and not any(hit.found_in_other_language for hit in results.hits)


ADD = "/admin/conversion/conversionrule/add/"


@pytest.mark.parametrize(
    "traditional, simplified, field, message",
    [
        ("好", "好", "simplified", "OpenCC already leaves this phrase as it is"),
        ("online", "在线", "traditional", "must hold a Chinese character or punctuation mark"),
        ("線\ue000", "线", "traditional", "private-use characters: U+E000"),
        ("線\U000f0001", "线", "traditional", "private-use characters: U+F0001"),
        ("蘋果樹", "-{苹果树}-", "simplified", "conversion marker"),
        ("蘋果樹", "<b>苹果树</b>", "simplified", "may not add or drop < >:"),
        ("蘋果樹", "[苹果树](x)", "simplified", "may not add or drop ( ) [ ]"),
        ("線\u202e上", "线上", "traditional", "RIGHT-TO-LEFT OVERRIDE"),
    ],
)
def test_a_rule_that_would_corrupt_pages_is_a_form_error_with_one_message(
    admin_client, db, traditional, simplified, field, message
):
    response = admin_client.post(ADD, {"traditional": traditional, "simplified": simplified, "note": ""})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == [field] and len(errors[field]) == 1
    assert message in errors[field][0]
    assert not ConversionRule.objects.filter(traditional=traditional).exists()


@pytest.mark.parametrize("traditional", ["", "線" * 51, "線\x00上"])
def test_an_empty_long_or_nul_phrase_says_only_that(admin_client, db, traditional):
    response = admin_client.post(ADD, {"traditional": traditional, "simplified": "线", "note": ""})
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["traditional"] and len(errors["traditional"]) == 1
    assert "space" not in errors["traditional"][0]


def test_rules_that_keep_markup_or_stop_opencc_are_accepted(admin_client, db, table_restored):
    for traditional, simplified in [("數)s筆", "数)s条"), ("一建立", "一建立"), ("〈", "《")]:
        response = admin_client.post(ADD, {"traditional": traditional, "simplified": simplified, "note": ""})
        assert response.status_code == 302, response.context["adminform"].form.errors


def test_a_rule_saved_outside_the_admin_keeps_the_same_rules(db):
    for simplified in ["[苹果树]", "苹果树 "]:  # the admin's form strips spaces; a script does not
        with pytest.raises(ValidationError):
            ConversionRule.objects.create(traditional="蘋果樹", simplified=simplified)
    assert ConversionRule(traditional="線上", simplified="线上").clean() is None


def test_a_refused_rule_is_explained_in_chinese(admin_client, db):
    admin_client.cookies["django_language"] = "zh-hant"
    response = admin_client.post(
        ADD, {"traditional": "蘋果樹", "simplified": "[苹果树]", "note": ""}, HTTP_ACCEPT_LANGUAGE="zh-hant"
    )
    errors = response.context["adminform"].form.errors
    assert errors == {"simplified": ["簡體詞語不可增加或刪去[ ]：這些字元在頁面上是Markdown或HTML語法。"]}
