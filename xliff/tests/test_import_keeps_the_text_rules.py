"""An import keeps the promises every other write path keeps (content.hygiene, the page cache's refusal)."""

import re

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from content.hygiene import field_errors
from modes.models import Company
from pagecache.generation import CacheGeneration

from .conftest import translate, uid
from .test_admin_pages import APPLY, exported, upload


@pytest.fixture
def work(work_made_once_for_the_module):
    """Every test here starts from the same work: made once for the module (xliff/tests/conftest.py)."""
    return work_made_once_for_the_module


def delivery_with(client, translation_for, format_name="po"):
    return translate(exported(client, format_name=format_name).content, format_name, translation_for)


@pytest.mark.parametrize(
    "target, says",
    [
        ("阿里巴巴\x00集團", "U+0000"),  # NUL: on PostgreSQL Apply was a 500 that lost the whole import
        ("阿里巴巴\x07\x1b集團", "U+0007"),
        ("\u200b\u200b\u200b", "only spaces or invisible"),  # passed the "empty target" rule
        ("長" * 302_399, "2000"),  # the admin allows 2,000 characters for a description
    ],
    ids=["nul", "bel-esc", "only-zero-width", "too-long"],
)
def test_a_target_no_form_would_take_is_a_warning_and_is_not_stored(editor_client, work, target, says):
    alibaba_description = uid(Company, "alibaba", "description")
    content = delivery_with(editor_client, lambda unit_id, source: target if unit_id == alibaba_description else None)
    preview = upload(editor_client, content, name="zh.po")
    assert preview.status_code == 200
    warnings = " ".join(preview.context["plan"].warnings)
    assert alibaba_description in warnings and says in warnings
    assert preview.context["plan"].change_count == 0
    assert Company.objects.get(slug="alibaba").description_zh_hant == ""


def test_applying_while_the_page_cache_refuses_writes_imports_nothing_and_says_so(editor_client, work, monkeypatch):
    content = delivery_with(editor_client, lambda unit_id, source: "【譯】" + source)
    preview = upload(editor_client, content, name="zh.po")
    digest = re.search(r'name="digest" value="([0-9a-f]+)"', preview.content.decode()).group(1)
    monkeypatch.setattr(CacheGeneration, "renew", lambda self, keys=(): (_ for _ in ()).throw(OSError("OOM")))
    applied = editor_client.post(APPLY, {"digest": digest})
    assert applied.status_code == 503 and "Nothing was saved" in applied.content.decode()
    assert Company.objects.get(slug="alibaba").description_zh_hant == "", "nothing at all imported"
    monkeypatch.undo()
    assert editor_client.post(APPLY, {"digest": digest}).status_code == 302, "the same preview applies later"
    assert Company.objects.get(slug="alibaba").description_zh_hant.startswith("【譯】")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r"), min_size=1, max_size=12))
def test_any_target_gets_the_answer_the_model_gives(editor_client, work, text):
    """The import's answer (stored or warned) is the model's own (refused or not), text for text."""
    alibaba_name = uid(Company, "alibaba", "description")  # the one of its fields that needs translation
    content = delivery_with(editor_client, lambda unit_id, source: text if unit_id == alibaba_name else None)
    assume(text.strip() in polib.pofile(content.decode()).find(alibaba_name, by="msgctxt").msgstr)  # polib drops ESC
    preview = upload(editor_client, content, name="zh.po")
    assert preview.status_code < 500
    if "plan" not in (preview.context or {}) or not text.strip():
        return  # a file refused whole (its own rules: Markdown, XML), or an empty target: not this rule's question
    warned = alibaba_name in " ".join(preview.context["plan"].warnings)
    refused = bool(field_errors(Company._meta.get_field("description_zh_hant"), text.strip()))
    assert warned == refused, repr(text)
