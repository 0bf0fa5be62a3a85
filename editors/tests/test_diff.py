"""The translation-outdated diff costs bounded work, so a long rewrite never makes a record unopenable."""

import difflib

import pytest
from django.contrib.auth.models import User
from django.db.models import QuerySet

from accounts.testing import sign_in_verified
from editors import diff
from editors.diff import inline_diff
from editors.tests.admin_forms import change_url
from trends.models import Trend


def test_a_small_change_is_shown_word_by_word():
    html = str(inline_diff("The cat sat on the mat.", "The dog sat on the mat."))
    assert html == "The <del>cat</del><ins>dog</ins> sat on the mat."


def test_chinese_is_compared_character_by_character_and_escaped():
    assert str(inline_diff("電商<下沉>", "電商<上升>")) == "電商&lt;<del>下沉</del><ins>上升</ins>&gt;"


def test_word_by_word_comparison_only_ever_sees_a_bounded_middle(monkeypatch):
    seen = []

    class Recording(difflib.SequenceMatcher):
        def __init__(self, *args, a=(), b=(), **kwargs):
            seen.append((len(a), len(b)))
            super().__init__(*args, a=a, b=b, **kwargs)

    monkeypatch.setattr(difflib, "SequenceMatcher", Recording)
    old = "word " * 200_000  # 1 MB
    new = "other " * 200_000
    inline_diff(old, new)
    inline_diff(old, old[:500_000] + "changed " + old[500_000:])
    assert all(a <= diff.MAX_COMPARED_TOKENS and b <= diff.MAX_COMPARED_TOKENS for a, b in seen)


def test_a_rewrite_too_long_to_compare_is_cut_short_with_a_note():
    html = str(inline_diff("old words " * 100_000, "new text " * 100_000))
    assert "too much here to compare word by word" in html
    assert "more characters not shown" in html
    assert len(html) < 20_000


def test_a_long_unchanged_stretch_is_shortened_around_a_small_change():
    text = "a " * 50_000
    html = str(inline_diff(text + "old", text + "new"))
    assert "<del>old</del><ins>new</ins>" in html and len(html) < 2_000


@pytest.mark.parametrize("language", ["en", "zh_hant"])
def test_a_record_rewritten_at_length_in_one_language_still_opens(client, db, language):
    """Saved before the form limits existed (or by a shell): 1 MB in one language, the other unchanged."""
    admin = User.objects.create_superuser("root", password="a-long-test-password")
    sign_in_verified(client, admin)
    trend = Trend.objects.get(number=1)
    # Every save and update now refuses it (content.hygiene): written as an older database holds it, with Django's
    # own QuerySet.update() around the model's.
    QuerySet.update(
        Trend.objects.filter(pk=trend.pk), **{f"body_{language}": "重寫的長文 rewritten at length " * 40_000}
    )
    trend.refresh_from_db()
    assert trend.outdated_translations()
    response = client.get(change_url(trend))
    assert response.status_code == 200
    assert "too much here to compare word by word" in response.content.decode()
