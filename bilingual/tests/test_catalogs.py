"""UI strings: every message translated, and the committed .mo files match the .po files."""

import gettext
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib import admin
from django.utils import translation

from bilingual.chinese import converter, to_simplified

PO_FILES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def test_there_is_a_catalog_for_traditional_and_one_for_simplified_chinese():
    assert [p.parent.parent.name for p in PO_FILES] == ["zh_Hans", "zh_Hant"]


def test_every_message_is_translated_and_none_is_fuzzy():
    for po_path in PO_FILES:
        catalog = read_po(po_path.open("rb"))
        untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        assert untranslated == [], po_path


def test_compiled_catalog_matches_its_source():
    """A stale .mo would show readers old text: run `make messages` after editing a .po."""
    for po_path in PO_FILES:
        catalog = read_po(po_path.open("rb"))
        compiled = gettext.GNUTranslations(po_path.with_suffix(".mo").open("rb"))
        for message in catalog:
            if message.id and not message.pluralizable:
                assert compiled.gettext(message.id) == message.string, message.id


def test_simplified_catalog_is_the_traditional_one_converted_by_opencc():
    """zh_Hans is generated: after editing zh_Hant, `make messages` must have been run."""
    source = read_po(Path(settings.BASE_DIR, "locale/zh_Hant/LC_MESSAGES/django.po").open("rb"))
    simplified_po = Path(settings.BASE_DIR, "locale/zh_Hans/LC_MESSAGES/django.po")
    made = {m.id: m.string for m in read_po(simplified_po.open("rb")) if m.id}
    compiled = gettext.GNUTranslations(simplified_po.with_suffix(".mo").open("rb"))
    assert set(made) == {m.id for m in source if m.id}
    for message in source:
        if message.id and not message.pluralizable:
            assert made[message.id] == to_simplified(message.string), message.id
            assert compiled.gettext(message.id) == made[message.id], message.id


def test_simplified_catalog_uses_mainland_characters_and_wording():
    simplified = gettext.GNUTranslations(Path(settings.BASE_DIR, "locale/zh_Hans/LC_MESSAGES/django.mo").open("rb"))
    assert simplified.gettext("Search") == "搜索"  # Taiwan 搜尋, mainland 搜索
    assert simplified.gettext("Page not found") == "找不到页面"


def test_the_admins_own_messages_read_in_traditional_characters():
    """Django's zh_Hant admin catalog has the Simplified 删 in two messages editors see; ours puts them right."""
    django_admin = Path(admin.__file__).parent / "locale/zh_Hant/LC_MESSAGES/django.po"
    with translation.override("zh-hant"):
        shown = [translation.gettext(m.id) for m in read_po(django_admin.open("rb")) if m.id and not m.pluralizable]
    assert [text for text in shown if converter("s2tw.json").convert(text) != text] == []
