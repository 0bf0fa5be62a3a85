"""A round trip through the CAT tool installable here: Debian's OmegaT (3.6) in console mode (issue 25, item 3).

OmegaT translates the text of each <target>, so the file is exported with the source copied into its targets. The
test builds an OmegaT project around it, writes a translation memory (TMX) that OmegaT applies by itself (tm/auto/),
runs `omegat <project> --mode=console-translate`, and imports what OmegaT writes into target/. OmegaT leaves each
unit's state as it found it (needs-translation), so the imported texts are stored as unreviewed.
"""

import io
import os
import shutil
import subprocess
from xml.sax.saxutils import escape

import pytest
from django.core.management import call_command
from django.utils import translation

from trends.models import Trend
from xliff import formats
from xliff.records import split_unit_id
from xliff.units import FILE_LANGUAGE, Direction

OMEGAT = shutil.which("omegat")
# A console run of a few units starts faster with the quick compiler only and one garbage-collector thread.
QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>source</source_dir>
    <source_dir_excludes/>
    <target_dir>target</target_dir>
    <tm_dir>tm</tm_dir>
    <glossary_dir>glossary</glossary_dir>
    <glossary_file>glossary/glossary.txt</glossary_file>
    <dictionary_dir>dictionary</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def tmx(pairs, source, target):
    units = "\n".join(
        f'<tu><tuv xml:lang="{source}"><seg>{escape(text)}</seg></tuv>'
        f'<tuv xml:lang="{target}"><seg>{escape(translation)}</seg></tuv></tu>'
        for text, translation in pairs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="ecomkb-test" '
        f'creationtoolversion="1" segtype="paragraph" o-tmf="ecomkb" adminlang="en" srclang="{source}" '
        f'datatype="plaintext"/>\n<body>\n{units}\n</body></tmx>\n'
    )


def omegat_translate(exported, direction, translation_for, workdir):
    """OmegaT's console translation of `exported` with a TMX of translation_for(source) for each unit's source."""
    project = workdir / "project"
    for folder in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (project / folder).mkdir(parents=True)
    source, target = FILE_LANGUAGE[direction.source], FILE_LANGUAGE[direction.target]
    (project / "omegat.project").write_text(PROJECT.format(source=source, target=target), encoding="utf-8")
    (project / "source" / "ecomkb.xlf").write_bytes(exported)
    sources = [unit.source for unit in formats.read_file(exported).units]
    pairs = [(text, translation_for(text)) for text in sources if translation_for(text)]
    (project / "tm" / "auto" / "ecomkb.tmx").write_text(tmx(pairs, source, target), encoding="utf-8")
    result = subprocess.run(
        [OMEGAT, str(project), "--mode=console-translate"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(workdir), "JAVA_TOOL_OPTIONS": f"-Djava.awt.headless=true {QUICK_JVM}"},
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return (project / "target" / "ecomkb.xlf").read_bytes()


@pytest.mark.long_running
@pytest.mark.skipif(OMEGAT is None, reason="OmegaT is not installed (apt-get install omegat; .ci/run installs it)")
@pytest.mark.parametrize("into", ["zh-hant", "en"])
def test_omegat_translates_a_file_with_the_source_copied_and_the_import_stores_it_unreviewed(
    client, work, editor, tmp_path, into
):
    direction = Direction.into(into)
    path = tmp_path / "ecomkb.xlf"
    call_command("exporttranslations", "--into", into, "--copy-source", "-o", str(path), stderr=io.StringIO())
    units = formats.read_file(path.read_bytes()).units
    assert units and all(unit.target == unit.source for unit in units)
    # The TMX translates all units but the last, which OmegaT then leaves as the source.
    translated = {unit.source: f"〔OmegaT {number}〕" for number, unit in enumerate(units[:-1])}
    result = omegat_translate(path.read_bytes(), direction, translated.get, tmp_path)

    returned = {unit.id: unit for unit in formats.read_file(result).units}
    assert [returned[unit.id].target for unit in units[:-1]] == [translated[unit.source] for unit in units[:-1]]
    assert returned[units[-1].id].target == units[-1].source  # untranslated, still the source

    out_path = tmp_path / "from-omegat.xlf"
    out_path.write_bytes(result)
    out = io.StringIO()
    call_command("importtranslations", str(out_path), "--user", editor.username, stdout=out)
    assert f"{len(units) - 1} field(s)" in out.getvalue() and f"({len(units) - 1} unreviewed)" in out.getvalue()
    assert "1 without translation" in out.getvalue()

    for unit in units[:-1]:
        model, key, field = split_unit_id(unit.id)
        record = model.objects.get(key=key)
        assert getattr(record, f"{field}_{into.replace('-', '_')}") == translated[unit.source]
        latest = record.history.first()
        assert (latest.history_user, latest.history_change_reason) == (editor, "from-omegat.xlf")
        # OmegaT left the state needs-translation: stored, but flagged until an editor confirms it.
        assert (field, into) in [(item.field, item.stale_language) for item in record.outdated_translations()]
        if record.is_published and field in ("title", "name", "summary"):
            with translation.override(into):
                url = record.get_absolute_url()
            assert translated[unit.source] in client.get(url).content.decode()
    model, key, field = split_unit_id(units[-1].id)
    assert getattr(model.objects.get(key=key), f"{field}_{into.replace('-', '_')}") != units[-1].source


@pytest.mark.long_running
@pytest.mark.skipif(OMEGAT is None, reason="OmegaT is not installed (apt-get install omegat; .ci/run installs it)")
def test_omegat_passing_an_old_file_through_reverts_nothing(work, editor, tmp_path):
    """The issue's reproduction: an outdated unit goes out, is fixed here, and comes back from OmegaT as it was."""
    trend = Trend.objects.get(slug="precision-marketing")
    trend.summary_en += " Every yuan must now be traced to a sale."
    trend.save()
    path = tmp_path / "ecomkb.xlf"
    call_command("exporttranslations", "-o", str(path), stderr=io.StringIO())
    trend.refresh_from_db()
    trend.summary_zh_hant = "精準行銷：每一分錢都要追溯到一筆銷售。"
    trend.save()
    version = trend.version
    passed_through = omegat_translate(path.read_bytes(), Direction.into("zh-hant"), lambda text: None, tmp_path)
    out_path = tmp_path / "passed-through.xlf"
    out_path.write_bytes(passed_through)
    out = io.StringIO()
    call_command("importtranslations", str(out_path), "--user", editor.username, stdout=out)
    assert "0 field(s) in 0 record(s) to change" in out.getvalue(), out.getvalue()
    trend.refresh_from_db()
    assert trend.summary_zh_hant == "精準行銷：每一分錢都要追溯到一筆銷售。" and trend.version == version
