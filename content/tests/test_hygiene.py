"""Text that no path may store (content.hygiene): the admin, a shell, `seed` and imports give one answer."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from content.models import BODY_LENGTH
from editors.tests.admin_forms import form_errors, open_form, save
from modes.models import Company

NOT_SAVED = pytest.raises(ValidationError)


@pytest.mark.parametrize(
    "field, value",
    [
        ("name_en", "JD\x00"),  # NUL: PostgreSQL cannot even store it
        ("name_en", "JD\x07\x1b[2J"),  # BEL, ESC
        ("name_en", "JD\x85"),  # a C1 control
        ("name_zh_hant", "京東\u202e"),  # right-to-left override
        ("name_en", "J\u2066D\u2069"),  # isolates
        ("name_en", "J\u200bD"),  # a zero-width space
        ("name_en", "\u200b\u200b"),  # nothing but invisible characters
        ("description_en", "A line\x00"),
        ("description_zh_hant", "說明\x1b"),
        ("background_en", "x" * (BODY_LENGTH.limit_value + 1)),  # no bound of its own: the longest text's
    ],
    ids=["nul", "bel-esc", "c1", "rlo", "isolates", "zwsp", "only-invisible", "nul-in-text", "esc-in-text", "long"],
)
def test_a_shell_save_refuses_what_the_admin_refuses_and_changes_nothing(db, field, value):
    jd = Company.objects.get(slug="jd")
    before = getattr(jd, field)
    setattr(jd, field, value)
    with NOT_SAVED as refused:
        jd.save()
    assert field in refused.value.message_dict
    assert getattr(Company.objects.get(slug="jd"), field) == before


def test_multi_line_texts_keep_their_line_breaks_and_tabs_and_may_hold_joiners(db):
    jd = Company.objects.get(slug="jd")
    jd.description_en = "One line.\r\nAnother,\tindented. 👩\u200d💻"
    jd.save()
    assert Company.objects.get(slug="jd").description_en == jd.description_en


def test_the_admin_names_the_characters_in_the_editors_language_and_keeps_the_text(db, admin_client):
    jd = Company.objects.get(slug="jd")
    data = open_form(admin_client, jd) | {"name_zh_hant": "京東\u202e商城"}
    with translation.override("zh-hant"):
        response = save(admin_client, jd, data | {"_language": "zh-hant"})
    assert response.status_code == 200
    errors = form_errors(response)["name_zh_hant"]
    assert any("U+202E" in error for error in errors)
    assert response.context["adminform"].form["name_zh_hant"].value() == "京東\u202e商城"
    assert Company.objects.get(slug="jd").name_zh_hant != "京東\u202e商城"


TEXTS = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
@example(text="\x00")
@example(text="\u202e")
@example(text="\u200b")
@example(text="\x85")
def test_any_text_gets_the_same_answer_from_the_admin_and_from_a_shell(admin_client, text):
    jd = Company.objects.get(slug="jd")
    refused_by_form = "name_en" in form_errors_or_none(
        save(admin_client, jd, open_form(admin_client, jd) | {"name_en": text})
    )
    jd = Company.objects.get(slug="jd")
    jd.name_en = text.strip()  # what the form keeps of it (Django's CharField strips, \x1c-\x1f too)
    try:
        jd.save()
        refused_by_shell = False
    except ValidationError as error:
        refused_by_shell = "name_en" in error.message_dict
    if text.strip():  # an empty name is the form's "required" rule, not a text rule
        assert refused_by_form == refused_by_shell, repr(text)


def form_errors_or_none(response):
    return form_errors(response) if response.status_code == 200 else {}


@pytest.mark.parametrize(
    "field, value",
    [
        ("name_en", "天貓\uffff"),  # a noncharacter: stored, then no XLIFF export of the record could be made
        ("description_en", "x\ufdd0"),
        ("name_en", "\u3164"),  # a Hangul filler alone: looks empty
        ("name_en", "\u2800\ufe0f"),
        ("name_en", "T\U000e0041g"),  # a tag character
        ("name_en", "A\u2028B"),  # a line separator in a one-line field
        ("name_en", "J\u2061D"),  # an invisible operator
        ("name_en", "JD\ud800"),  # a lone surrogate: was a UnicodeEncodeError, not a refusal
    ],
    ids=[
        "nonchar",
        "nonchar-fdd0",
        "hangul-filler",
        "braille-blank",
        "tag",
        "line-separator",
        "invisible-op",
        "surrogate",
    ],
)
def test_what_a_hostile_tester_slipped_past_the_first_list_is_refused_too(db, field, value):
    jd = Company.objects.get(slug="jd")
    setattr(jd, field, value)
    with NOT_SAVED as refused:
        jd.save()
    assert field in refused.value.message_dict


@pytest.mark.parametrize(
    "changes",
    [{"slug": ""}, {"status": "bogus"}, {"name_en": "x" * 121}],
    ids=["empty-slug", "unknown-status", "too-long-name"],
)
def test_a_shell_save_keeps_each_fields_own_rules(db, changes):
    """An empty slug on a published record took the home page and the company list down (NoReverseMatch)."""
    jd = Company.objects.get(slug="jd")
    for name, value in changes.items():
        setattr(jd, name, value)
    with NOT_SAVED as refused:
        jd.save()
    assert set(changes) <= set(refused.value.message_dict)


def test_numbers_are_held_to_their_bounds_from_a_shell_too(db):
    from trends.models import Trend

    trend = Trend.objects.first()
    for number in (0, 40_000):
        trend.number = number
        with NOT_SAVED:
            trend.save()


def test_a_bulk_update_from_a_shell_keeps_the_text_rules_and_empties_the_page_cache(db, client, settings):
    from pagecache import generation

    settings.PAGE_CACHE_SECONDS = 3600
    with NOT_SAVED:
        Company.objects.filter(slug="jd").update(name_en="JD\x07")
    before = generation.current_generation()
    assert Company.objects.filter(slug="jd").update(status="draft") == 1
    assert generation.current_generation() != before, "pages cached before the update are never served again"
    with NOT_SAVED:
        Company.objects.bulk_create([Company(slug="bell", name_en="Bell\x07", description_en="d")])
