"""Hostile or broken files are refused whole, with a clear message, and the database is untouched."""

import pytest
from django.test import override_settings

from modes.models import Company, OperationMode
from trends.models import Trend
from xliff import formats
from xliff.checks import RefusedFile
from xliff.units import Direction, export_units

from .conftest import translate


@pytest.fixture
def work(work_made_once_for_the_module):
    """Every test here starts from the same work: made once for the module (xliff/tests/conftest.py)."""
    return work_made_once_for_the_module


INTO_CHINESE = Direction.into("zh-hant")


def snapshot():
    return [
        (type(record).__name__, record.pk, record.version, record.translated_texts(), record.history.count())
        for model in (OperationMode, Trend, Company)
        for record in model.objects.order_by("pk")
    ]


def good_xliff(work, format_name="xliff12"):
    exported = formats.write(format_name, export_units(INTO_CHINESE, only_needed=True), INTO_CHINESE)[0]
    return translate(exported, format_name, lambda unit_id, source: "正常的翻譯")


def upload(editor_client, content, name="delivery.xlf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return editor_client.post("/admin/translation-files/import/", {"file": SimpleUploadedFile(name, content)})


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="en" target-language="zh-Hant" datatype="plaintext"><body>
<trans-unit id="modes.operationmode:b2c:name"><source>B2C</source><target>&secret;</target></trans-unit>
</body></file></xliff>"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="en" target-language="zh-Hant" datatype="plaintext"><body>
<trans-unit id="modes.operationmode:b2c:name"><source>B2C</source><target>&lol4;</target></trans-unit>
</body></file></xliff>"""


def hostile_files(work):
    good = good_xliff(work)
    good20 = good_xliff(work, "xliff20")
    with_script = good.replace("正常的翻譯".encode(), b"&lt;script&gt;alert(1)&lt;/script&gt;", 1)
    first_id = good.split(b'id="', 2)[1].split(b'"', 1)[0]
    duplicated = good.replace(
        b"</body>", good[good.index(b"<trans-unit") : good.index(b"</trans-unit>") + 13] + b"</body>"
    )
    return {
        "not xml": (b"\x89PNG\r\n\x1a\nbinary", "neither an XLIFF file nor a PO file"),
        "broken xml": (good[: len(good) // 2], "not well-formed XML"),
        "other xml": (b'<?xml version="1.0"?><html><body>hi</body></html>', "not XLIFF"),
        "xliff 1.0": (
            good.replace(b'version="1.2"', b'version="1.0"').replace(b"document:1.2", b"document:1.0"),
            "version 1.0",
        ),
        "xliff version 3.0": (good20.replace(b'version="2.0"', b'version="3.0"'), "version 3.0"),
        "other language pair": (good.replace(b'target-language="zh-Hant"', b'target-language="fr"'), "“fr”"),
        "two parts, two pairs": (
            good.replace(
                b"</xliff>",
                good[good.index(b"<file") : good.index(b"</file>") + 7]
                .replace(b'target-language="zh-Hant"', b'target-language="en"')
                .replace(b'source-language="en"', b'source-language="zh-Hant"')
                + b"</xliff>",
            ),
            "same two languages",
        ),
        "same language twice": (good20.replace(b'trgLang="zh-Hant"', b'trgLang="en"'), "“en”"),
        "xxe": (XXE, "document type or entities"),
        "entity bomb": (BOMB, "document type or entities"),
        "script in a target": (with_script, "which the site does not accept"),
        "raw html in a target": (
            good.replace("正常的翻譯".encode(), b"&lt;b onclick=x&gt;hi&lt;/b&gt;", 1),
            "which the site does not accept",
        ),
        "javascript link": (
            good.replace("正常的翻譯".encode(), b"[x](javascript:alert(1))", 1),
            "which the site does not accept",
        ),
        "duplicate ids": (duplicated, first_id.decode()),
        "too many units": (
            good.replace(
                b"</body>",
                b"".join(b'<trans-unit id="u%d"><source>s</source></trans-unit>' % i for i in range(1001)) + b"</body>",
            ),
            "at most 1000",
        ),
        "po with html": (
            translate(
                formats.write_po(export_units(INTO_CHINESE, only_needed=True), INTO_CHINESE),
                "po",
                lambda unit_id, source: "<img src=x onerror=alert(1)>",
            ),
            "which the site does not accept",
        ),
        "po other pair": (formats.write_po([], INTO_CHINESE).replace(b"Language: zh_Hant", b"Language: de"), "“de”"),
        "po not utf-8": (
            'msgid ""\nmsgstr ""\n"Language: zh_Hant\\n"\n\nmsgid "é"\nmsgstr "x"\n'.encode("latin-1"),
            "UTF-8",
        ),
    }


CASES = [
    "not xml",
    "broken xml",
    "other xml",
    "xliff 1.0",
    "xliff version 3.0",
    "other language pair",
    "two parts, two pairs",
    "same language twice",
    "xxe",
    "entity bomb",
    "script in a target",
    "raw html in a target",
    "javascript link",
    "duplicate ids",
    "too many units",
    "po with html",
    "po other pair",
    "po not utf-8",
]


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_file_is_refused_with_a_clear_message(work, case):
    content, message = hostile_files(work)[case]
    with pytest.raises(RefusedFile) as refused:
        formats.read_file(content)
    assert message in refused.value.message


@pytest.mark.parametrize("case", ["xxe", "entity bomb", "script in a target", "duplicate ids", "other language pair"])
def test_a_hostile_upload_in_the_admin_is_a_form_error_and_changes_nothing(work, editor_client, case):
    content, message = hostile_files(work)[case]
    before = snapshot()
    response = upload(editor_client, content)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert "The file was refused and nothing was changed" in response.content.decode()
    assert "xliff_import" not in editor_client.session
    assert snapshot() == before


def test_the_refusal_is_in_the_editors_language(work, editor_client):
    editor_client.cookies["django_language"] = "zh-hant"
    response = upload(editor_client, XXE)
    assert "檔案" in str(response.context["form"].errors["file"])


@override_settings(TRANSLATION_FILE_MAX_BYTES=2048)
def test_a_file_over_the_stated_size_is_refused_before_it_is_read(work, editor_client):
    before = snapshot()
    content = good_xliff(work)
    assert len(content) > 2048
    response = upload(editor_client, content)
    assert "at most 2 KB" in str(response.context["form"].errors["file"])
    assert "at most 2 KB" in response.content.decode()  # the limit is stated on the form too
    assert snapshot() == before


def test_the_good_file_the_hostile_ones_are_made_from_is_accepted(work):
    assert len(formats.read_file(good_xliff(work)).units) == 3
