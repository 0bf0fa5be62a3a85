"""Whatever a file holds, reading it ends in a clear message or a correct preview, within a second per 100 KB.

The bound is what xliff.reading and xliff.checks promise: every step linear in the file's size, the Markdown check
cut off by an estimate made before it runs (xliff.checks.markdown_cost), and at most 1 MB per file.
"""

import gc
import random
import time
from xml.sax.saxutils import escape

import polib
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from xliff import formats
from xliff.checks import RefusedFile, markdown_cost, unsafe_markup
from xliff.importing import plan_import
from xliff.records import unit_id
from xliff.units import Direction, export_units, same_text

INTO_CHINESE = Direction.into("zh-hant")
XLIFF12_STATES = ["new", "needs-translation", "needs-review-translation", "translated", "signed-off", "final"]
XLIFF20_STATES = ["initial", "translated", "reviewed", "final"]
ENCODINGS = ["UTF-8", "utf-8-sig", "UTF-16", "utf-16-le", "UTF-32", "Big5", "GBK", "Shift_JIS"]
ENCODING = st.sampled_from([*ENCODINGS * 3, "x-unknown"])
# What translators write, and what breaks renderers: Markdown that Python-Markdown takes quadratic time or deep
# recursion over, control characters (which XML 1.0 cannot hold at all), invisible and direction-changing ones.
PIECES = ["[", "![", "[a](", "<a ", "<http://", "1. ", "> ", "=\n", "\n- ", "**", "`", "\\", "&amp;", "#"]
TEXT = st.lists(
    st.one_of(
        st.sampled_from("電子商務平台的發展 abcXYZ.,;!?\n\t「」（）"),
        st.sampled_from(["**粗體**", "[連結](https://example.org)", "\n\n", "- 項目\n", "\u200b", "\u202e"]),
    ),
    max_size=30,
).map("".join)


def seconds_allowed(content):
    """A second per 100 KB, and a fifth of a second for a file of a few bytes (a preview asks the database)."""
    return 0.2 + len(content) / 100_000


@st.composite
def targets(draw):
    """A target: a translator's text, sometimes with a run of one of the renderer's worst cases in it."""
    text = draw(TEXT)
    if draw(st.integers(0, 4)) == 0:
        text += draw(st.sampled_from(PIECES)) * draw(st.integers(1, 2500))
    if draw(st.integers(0, 19)) == 0:
        text += draw(st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x85"]))
    return text


@st.composite
def variants(draw, units):
    """(file bytes, {unit id: the target it carries}) for a random XLIFF 1.2, XLIFF 2.0 or PO variant."""
    format_name = draw(st.sampled_from(["xliff12", "xliff20", "po"]))
    chosen = draw(st.lists(st.sampled_from(units), min_size=1, max_size=len(units), unique_by=lambda unit: unit.id))
    texts = {unit.id: draw(targets()) for unit in chosen}
    if format_name == "po":
        catalog = polib.POFile()
        encoding = draw(ENCODING)
        catalog.metadata = {"Language": "zh_Hant", "Content-Type": f"text/plain; charset={encoding}"}
        for unit in chosen:
            flags = ["fuzzy"] if draw(st.booleans()) else []
            catalog.append(polib.POEntry(msgctxt=unit.id, msgid=unit.source, msgstr=texts[unit.id], flags=flags))
        text = str(catalog)
        try:
            return text.encode("utf-8" if encoding == "x-unknown" else encoding), texts
        except UnicodeEncodeError:  # a tool would not write this file in this encoding: write it in UTF-8
            return text.replace(f"charset={encoding}", "charset=UTF-8").encode("utf-8"), texts
    depth = draw(st.integers(90, 110)) if draw(st.integers(0, 4)) == 0 else draw(st.integers(0, 5))  # inline <g>/<pc>
    bodies = []
    for unit in chosen:
        target, segments = texts[unit.id], draw(st.integers(1, 3))
        cuts = sorted(draw(st.lists(st.integers(0, len(target)), min_size=segments - 1, max_size=segments - 1)))
        parts = [target[a:b] for a, b in zip([0, *cuts], [*cuts, len(target)], strict=True)]
        if format_name == "xliff12":
            opening, closing = "<g id='g'>" * depth, "</g>" * depth
            state = draw(st.sampled_from(XLIFF12_STATES))
            bodies.append(
                f'<trans-unit id="{unit.id}" xml:space="preserve"><source>{escape(unit.source)}</source>'
                f'<target state="{state}">{opening}{escape(target)}{closing}</target></trans-unit>'
            )
        else:
            opening, closing = "<pc id='p'>" * depth, "</pc>" * depth
            segment_xml = [
                f'<segment state="{draw(st.sampled_from(XLIFF20_STATES))}">'
                f"<source>{escape(unit.source) if i == 0 else '.'}</source>"
                f"<target>{opening}{escape(part)}{closing}</target></segment>"
                for i, part in enumerate(parts)
            ]
            between = "<ignorable><source> </source><target></target></ignorable>"
            texts[unit.id] = "".join(parts)
            bodies.append(f'<unit id="{unit.id}" xml:space="preserve">{between.join(segment_xml)}</unit>')
    encoding = draw(ENCODING)
    declared = encoding.removesuffix("-sig").removesuffix("-le")
    if format_name == "xliff12":
        document = (
            f'<?xml version="1.0" encoding="{declared}"?><xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="f" source-language="en" '
            f'target-language="zh-Hant" datatype="plaintext"><body>{"".join(bodies)}</body></file></xliff>'
        )
    else:
        document = (
            f'<?xml version="1.0" encoding="{declared}"?><xliff version="2.0" '
            'xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="zh-Hant">'
            f'<file id="f">{"".join(bodies)}</file></xliff>'
        )
    if draw(st.integers(0, 9)) == 0:  # some tools leave the namespace out
        document = document.replace(' xmlns="urn:oasis:names:tc:xliff:document:1.2"', "")
        document = document.replace(' xmlns="urn:oasis:names:tc:xliff:document:2.0"', "")
    codec = "utf-8" if encoding == "x-unknown" else encoding
    return document.encode(codec, errors="xmlcharrefreplace"), texts


def read_and_plan(content, user):
    """(refusal message or None, plan or None, seconds taken)."""
    started = time.perf_counter()
    try:
        plan = plan_import(formats.read_file(content), user=user)
    except RefusedFile as refused:
        return refused.message, None, time.perf_counter() - started
    return None, plan, time.perf_counter() - started


@pytest.fixture
def units(work):
    return export_units(INTO_CHINESE, records=[work["alibaba"], work["b2c"]])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_any_variant_gets_a_clear_message_or_a_correct_preview_in_time(work, editor, units, data):
    content, texts = data.draw(variants(units))
    refusal, plan, seconds = read_and_plan(content, editor)
    event(refusal[:40] if refusal else "a preview")  # pytest --hypothesis-show-statistics: what the variants got
    assert seconds <= seconds_allowed(content), (seconds, len(content))
    if refusal is not None:
        assert isinstance(refusal, str) and refusal.strip() and "Traceback" not in refusal
        return
    by_id = {unit.id: unit for unit in units}
    changed = {unit_id(item.record, change.field): change.incoming for item in plan.records for change in item.changes}
    for unit_key, incoming in changed.items():
        assert incoming == texts[unit_key].strip()
    for unit_key, text in texts.items():
        if text.strip() and unit_key not in changed:  # unchanged, or a warning naming it
            assert same_text(text, by_id[unit_key].target) or any(unit_key in warning for warning in plan.warnings)


@pytest.mark.parametrize(
    ("name", "make"),
    [
        (
            "a 100 KB Markdown body",
            lambda: ("段落，含**粗體**與[連結](https://example.org)。\n\n- 項目\n\n" * 1700)[:99_000],
        ),
        ("100 KB of unclosed brackets", lambda: "[" * 99_000),
        ("100 KB of nested lists", lambda: "1. " * 33_000),
        ("100 KB of unclosed tags", lambda: "<a " * 33_000),
        ("a file at the size limit", lambda: "字" * 330_000),
    ],
)
def test_large_files_are_read_and_planned_within_a_second_per_100_kb(work, editor, name, make):
    wanted = unit_id(work["alibaba"], "description")
    units = [unit for unit in export_units(INTO_CHINESE, records=[work["alibaba"]]) if unit.id == wanted]
    text = make()
    content = formats.write_xliff12(units, INTO_CHINESE).replace(b"</target>", escape(text).encode() + b"</target>", 1)
    refusal, plan, seconds = read_and_plan(content, editor)
    assert seconds <= seconds_allowed(content), (name, seconds, len(content))
    assert refusal or plan.change_count == 1 or plan.warnings, name


def test_a_po_file_of_a_megabyte_in_short_lines_is_read_in_time(work, editor):
    """polib joins a string's continuation lines one by one; at the size limit that still takes a second or two."""
    wanted = unit_id(work["alibaba"], "description")
    header = 'msgid ""\nmsgstr ""\n"Language: zh_Hant\\n"\n\n'
    content = (header + f'msgctxt "{wanted}"\nmsgid "x"\nmsgstr ""\n' + '"描述描述描述"\n' * 45_000).encode()
    refusal, plan, seconds = read_and_plan(content, editor)
    assert seconds <= seconds_allowed(content), seconds
    assert refusal is None and "at most" in plan.warnings[0]  # longer than a field holds


# The families of text Python-Markdown takes super-linear time or deep recursion over, each at a size where the
# renderer takes a noticeable time but the test does not. The estimate must not fall below the time taken, counted
# in CPU time (time.process_time), which a busy machine does not inflate as the time on the clock, the best of two
# runs, with the garbage collector (whose pauses depend on the whole process, not on the text) held off.
WORST_CASES = ["[", "![", "[a](", "[x][", "[[]", "<a ", "<http://", "<a x='", "=\n", "\n- ", "-\n", "> ", "*a*", "1. "]


def cpu_seconds_to_check(text, estimate):
    """The best of two runs of the check over `text`, in CPU seconds; the second runs only when the first took longer
    than `estimate`, since the best of two is within it exactly when either run is. (The collector is held off, not
    run first: in a test worker's heap a collection takes longer than most checks.)"""
    gc.disable()
    try:
        taken = _cpu_seconds(text)
        return min(taken, _cpu_seconds(text)) if taken > estimate else taken
    finally:
        gc.enable()


def _cpu_seconds(text):
    started = time.process_time()
    try:
        unsafe_markup(text)
    except RecursionError:
        pass
    return time.process_time() - started


@pytest.mark.parametrize("piece", WORST_CASES)
def test_the_markdown_cost_estimate_is_not_below_the_time_the_renderer_takes(piece):
    text = piece * (1500 // len(piece))
    estimate = markdown_cost(text) / 1e6
    taken = cpu_seconds_to_check(text, estimate)
    assert taken <= estimate, (piece, taken, estimate)


def test_random_mixtures_of_the_worst_cases_stay_under_the_estimate():
    rng = random.Random(25)
    for _ in range(12):
        alphabet = rng.sample([*WORST_CASES, "a", " ", "\n\n", "]", ")", ">"], 3)
        text = "".join(rng.choices(alphabet, k=800))
        estimate = markdown_cost(text) / 1e6
        assert cpu_seconds_to_check(text, estimate) <= estimate, alphabet
