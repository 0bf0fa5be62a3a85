"""Arbitrary deliveries against arbitrary edits since the export: never a 5xx, never newer work silently lost.

Hypothesis draws, per unit: whether the database changed since the export, what the translator did to the target
(left it, translated it, typed the database's newer text, left the copied source, emptied it), the state the file
gives it, and whether the unit still carries the three-way data (xliff.units.BASE_NOTE); and the format. The
outcome of each unit follows the rules of xliff.importing, checked here from first principles.
"""

import dataclasses

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xliff import formats
from xliff.importing import apply_import, in_the_other_language, plan_import
from xliff.records import localized, split_unit_id
from xliff.units import Direction, export_units, same_text

from .conftest import translate
from .test_admin_pages import upload
from .test_three_way_import import with_state

INTO_CHINESE = Direction.into("zh-hant")
ACTIONS = ("left", "translated", "typed-the-newer-text", "source", "emptied")
NOT_DONE = {"xliff12": "needs-review-translation", "xliff20": "initial", "po": "fuzzy"}
DONE = {"xliff12": "translated", "xliff20": "translated", "po": ""}


@pytest.fixture
def units(work):
    return [unit for unit in export_units(INTO_CHINESE, records=[work["b2c"], work["alibaba"]]) if unit.id]


def record_of(unit_id):
    model, key, field = split_unit_id(unit_id)
    return model.objects.get(key=key), field


def database_text(unit_id):
    record, field = record_of(unit_id)
    return getattr(record, localized(field, "zh-hant")) or ""


def variant(units):
    per_unit = st.fixed_dictionaries(
        {
            "changed_here": st.booleans(),
            "action": st.sampled_from(ACTIONS),
            "done": st.booleans(),
            "base": st.booleans(),
        }
    )
    return st.tuples(
        st.sampled_from(sorted(formats.WRITERS)), st.lists(per_unit, min_size=len(units), max_size=len(units))
    )


@pytest.mark.long_running
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_no_delivery_loses_newer_work_or_declares_unreviewed_text_final(editor_client, editor, units, data):
    format_name, choices = data.draw(variant(units))
    with transaction.atomic():
        check(editor_client, editor, units, format_name, choices)
        transaction.set_rollback(True)  # each example starts from the same records


def check(editor_client, editor, units, format_name, choices):
    sent = [
        unit if choice["base"] else dataclasses.replace(unit, notes=unit.notes[:-1], base="")
        for unit, choice in zip(units, choices, strict=True)
    ]
    content = formats.write(format_name, sent, INTO_CHINESE)[0]
    before = {unit.id: database_text(unit.id) for unit in units}
    newer = {}
    for number, (unit, choice) in enumerate(zip(units, choices, strict=True)):
        if choice["changed_here"]:
            record, field = record_of(unit.id)
            newer[unit.id] = f"此處較新的第{number}段"
            setattr(record, localized(field, "zh-hant"), newer[unit.id])
            record.save()
    now = {unit.id: database_text(unit.id) for unit in units}

    wanted = {}
    for number, (unit, choice) in enumerate(zip(units, choices, strict=True)):
        wanted[unit.id] = {
            "left": None,
            "translated": f"譯者的第{number}段",
            "typed-the-newer-text": now[unit.id] or None,
            "source": unit.source,
            "emptied": "",
        }[choice["action"]]
    content = translate(content, format_name, lambda unit_id, source: wanted.get(unit_id))
    for unit, choice in zip(units, choices, strict=True):
        content = with_state(
            content, format_name, unit.id, DONE[format_name] if choice["done"] else NOT_DONE[format_name]
        )

    response = upload(editor_client, content, name=f"variant.{format_name}")
    assert response.status_code == 200, response.status_code  # a preview or a form error, never a 5xx
    plan = plan_import(formats.read_file(content), user=editor)
    if any(not choice["base"] for choice in choices):
        assert plan.unchecked or not any(c["action"] == "translated" for c in choices if not c["base"])
    apply_import(plan, user=editor, reason="variant")

    for unit, choice in zip(units, choices, strict=True):
        file_text = unit.target if wanted[unit.id] is None else wanted[unit.id]
        result = database_text(unit.id)
        untranslated = not file_text.strip() or (not choice["done"] and same_text(file_text, unit.source))
        # Marked done but still the source, over a translation or plainly in the other language: never imported.
        copied = same_text(file_text, unit.source) and (
            now[unit.id].strip() or in_the_other_language(file_text, "zh-hant")
        )
        untranslated = untranslated or copied
        if untranslated or same_text(file_text, now[unit.id]):
            expected = now[unit.id]
        elif choice["base"]:
            left_as_exported = same_text(file_text, before[unit.id])
            expected = now[unit.id] if left_as_exported or unit.id in newer else file_text
        else:
            older = same_text(file_text, before[unit.id]) and unit.id in newer
            expected = now[unit.id] if older else file_text
        assert same_text(result, expected), (unit.id, choice, result, expected)
        if not same_text(result, now[unit.id]) and not choice["done"]:
            record, field = record_of(unit.id)
            stale = [item.stale_language for item in record.outdated_translations() if item.field == field]
            assert stale == ["zh-hant"], (unit.id, choice)  # imported, but not declared reviewed
