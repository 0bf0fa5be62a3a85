"""Addresses no redirect may keep are form errors, one message each, in the editor's language (never a 500: a NUL
decoded from %00 made PostgreSQL refuse the query)."""

import pytest
from django.core.exceptions import ValidationError

from redirects.models import Redirect
from redirects.tests.test_admin import add, form_errors

DEEP = "/a/b/c/d/e/f/g/h/i"  # nine parts: the look-up consults eight (redirects.paths.candidates)


@pytest.mark.parametrize(
    "old_path, to, field, message",
    [
        ("/nul%00x", "/modes/b2c/", "old_path", "U+0000"),
        ("/old", "/nul%00x", "to", "U+0000"),
        ("/old\u202e", "/modes/b2c/", "old_path", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("/old%E2%80%8B", "/modes/b2c/", "old_path", "U+200B ZERO WIDTH SPACE"),
        (DEEP, "/modes/b2c/", "old_path", "more than 8 parts"),
        ("/old", DEEP, "to", "more than 8 parts"),
        ("/" + "x" * 300, "/modes/b2c/", "old_path", "at most 255 characters"),
    ],
)
def test_an_address_no_redirect_may_keep_is_one_form_error(redirect_editor, old_path, to, field, message):
    errors = form_errors(add(redirect_editor, old_path, to))
    assert list(errors) == [field] and len(errors[field]) == 1, errors
    assert message in errors[field][0]
    assert not Redirect.objects.exists()


def test_a_refused_address_is_explained_in_chinese(redirect_editor):
    errors = form_errors(add(redirect_editor, DEEP, "/modes/b2c/", lang="zh-hant"))
    assert errors == {"old_path": ["本站的網址在斜線之間最多只有8段。"]}


def test_a_redirect_written_outside_the_admin_keeps_the_same_rules(db):
    with pytest.raises(ValidationError) as refused:
        Redirect(old_path="/nul%00x", target_path="/a\x00").full_clean()
    assert set(refused.value.message_dict) == {"old_path", "target_path"}
