"""bilingual.chinese without a database: the table protected from OpenCC, and per-text markers."""

import pytest
from django.utils import translation

from bilingual.chinese import (
    as_written,
    current_table,
    for_reader,
    install_table,
    table_traditional_forms,
    to_simplified,
)


@pytest.fixture
def table():
    """A small table of the test's own; the process's table is put back afterwards."""
    before = current_table()
    install_table({"線上": "线上", "營運": "运营", "當當": "当当", "噹噹": "当当", "「": "“", "」": "”"}, "test")
    yield
    install_table(before.phrases, before.stamp)


def test_opencc_alone_splits_the_phrase_the_table_protects(table):
    install_table({}, "none")
    assert to_simplified("可在線上揽客") == "可在在线揽客"  # what OpenCC writes by itself
    install_table({"線上": "线上"}, "test")
    assert to_simplified("可在線上揽客") == "可在线上揽客"
    assert to_simplified("線上對線下") == "线上对线下"


def test_the_longest_phrase_of_the_table_wins(table):
    install_table({"線上": "线上", "線上對線下": "O2O"}, "test")
    assert to_simplified("線上對線下與線上") == "O2O与线上"


def test_a_marked_phrase_stays_as_written_and_the_marker_never_shows(table):
    text = "當當（文中也寫作「-{噹噹}-」）"
    assert to_simplified(text) == "当当（文中也写作“噹噹”）"
    assert as_written(text) == "當當（文中也寫作「噹噹」）"


def test_a_marker_can_say_what_each_script_reads(table):
    text = "《-{zh-hant:哈潑時尚;zh-hans:時尚芭莎}-》"
    assert to_simplified(text) == "《时尚芭莎》"  # the zh-hans variant, in Simplified characters
    assert as_written(text) == "《哈潑時尚》"


def test_markers_are_resolved_for_every_reader(table):
    with translation.override("zh-hant"):
        assert for_reader("-{噹噹}-", "zh-hant") == ("噹噹", "zh-hant")
    with translation.override("en"):
        assert for_reader("Dangdang (-{噹噹}-)", "en") == ("Dangdang (噹噹)", "en")
    with translation.override("zh-hans"):
        assert for_reader("the idiom 水到渠成 and 刷牆", "en") == ("the idiom 水到渠成 and 刷墙", "en")


def test_text_holding_placeholder_characters_is_still_converted(table):
    assert to_simplified("線上\U000f0000") == "在线\U000f0000"  # without the table, but never garbled


def test_search_puts_table_phrases_back_as_editors_write_them(table):
    assert table_traditional_forms("运营模式") == ["營運模式"]
    assert sorted(table_traditional_forms("当当网")) == ["噹噹网", "當當网"]
    assert table_traditional_forms("网络") == []
