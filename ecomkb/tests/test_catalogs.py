"""UI strings: every message translated, and the committed .mo files match the .po files."""

import gettext
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings

PO_FILES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def test_there_is_a_catalog_for_traditional_chinese():
    assert [p.parent.parent.name for p in PO_FILES] == ["zh_Hant"]


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
