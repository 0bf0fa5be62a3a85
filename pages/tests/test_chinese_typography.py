"""Traditional Chinese text, in the content and the UI catalog, is set one way throughout.

Full-width punctuation between Chinese characters (，（）：「」, as the summaries have it), and no
space between Chinese and Latin letters or numbers (as the article itself writes B2B運營模式 and
今年9月). A half-width comma copied from the seed, or a catalog entry spaced another way, fails here.
"""

import json
import re
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings

CHINESE = r"[\u3400-\u9fff\uf900-\ufaff]"
HALF_WIDTH_BETWEEN_CHINESE = re.compile(rf"{CHINESE}[,()]|[,()]{CHINESE}")
SPACE_BESIDE_LATIN = re.compile(rf"{CHINESE} +[A-Za-z0-9%]|[A-Za-z0-9)] +{CHINESE}")
FIXTURES = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))
CATALOG = Path(settings.BASE_DIR, "locale/zh_Hant/LC_MESSAGES/django.po")


def chinese_fixture_texts():
    for path in FIXTURES:
        for item in json.loads(path.read_text(encoding="utf-8")):
            for key, value in item["fields"].items():
                if key.endswith("_zh_hant") and value:
                    yield f"{path.name} {item['fields'].get('slug')} {key}", value


def catalog_texts():
    for message in read_po(CATALOG.open("rb")):
        if message.id:
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            for string in strings:
                yield str(message.id)[:40], string


def offences(pattern, texts):
    return [(where, match.group(0)) for where, text in texts for match in pattern.finditer(text)]


def test_chinese_content_uses_full_width_punctuation():
    assert offences(HALF_WIDTH_BETWEEN_CHINESE, chinese_fixture_texts()) == []


def test_chinese_ui_strings_use_full_width_punctuation():
    assert offences(HALF_WIDTH_BETWEEN_CHINESE, catalog_texts()) == []


def test_chinese_content_and_ui_strings_put_no_space_between_chinese_and_latin_or_numbers():
    assert offences(SPACE_BESIDE_LATIN, chinese_fixture_texts()) == []
    assert offences(SPACE_BESIDE_LATIN, catalog_texts()) == []


def test_the_rules_catch_what_they_are_for():
    assert HALF_WIDTH_BETWEEN_CHINESE.search("企業(B)與上下游,並在")
    assert SPACE_BESIDE_LATIN.search("原文於 2014 年") and SPACE_BESIDE_LATIN.search("%(user)s 在您開啟")
    assert not HALF_WIDTH_BETWEEN_CHINESE.search("企業（B）與上下游，並在 Online To Offline, Inc.")
