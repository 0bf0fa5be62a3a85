"""`manage.py check` refuses a declaration of a kind of content that cannot work (content.checks)."""

import dataclasses
import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from content import registry
from content.registry import kind_of
from modes.models import Company, OperationMode
from trends.models import Trend


@pytest.fixture
def declare(monkeypatch):
    """`declare(Model, **changes)`: the model's kind declared with these changes, for this test only."""

    def change(model, **changes):
        monkeypatch.setitem(registry._kinds, model, dataclasses.replace(kind_of(model), **changes))

    return change


def check_errors():
    try:
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
    except SystemCheckError as error:
        return str(error)
    return ""


def test_the_site_as_declared_passes_every_check():
    assert check_errors() == ""


def test_two_kinds_in_one_position_are_refused_naming_both(declare):
    declare(Company, position=kind_of(Trend).position)
    errors = check_errors()
    assert "content.E001" in errors and "trends.trend: position 2 is also modes.company's" in errors


def test_two_kinds_with_one_fixture_or_one_list_page_are_refused(declare):
    declare(Company, fixture="trends.json", list_url_name="trends:trend_list")
    errors = check_errors()
    assert "content.E002" in errors and "content.E003" in errors


def test_a_position_the_search_index_cannot_hold_is_refused(declare):
    declare(Company, position=128)
    assert "content.E004" in check_errors()


def test_a_declared_field_the_model_lacks_or_does_not_translate_is_refused(declare):
    declare(OperationMode, text_fields=("summary", "no_such_field", "code"))
    errors = check_errors()
    assert "content.E010" in errors and "'no_such_field'" in errors
    assert "content.E011" in errors and "field 'code' is not translated" in errors


def test_a_markdown_field_that_is_not_a_text_is_refused(declare):
    declare(Trend, markdown_fields=("title",))
    assert "content.E013" in check_errors()


def test_a_missing_fixture_and_a_list_page_without_url_are_refused(declare):
    declare(Trend, fixture="nothing-here.json", list_url_name="trends:no_such_page")
    errors = check_errors()
    assert "content.E020" in errors and "content.E021" in errors
