"""A seeded knowledge base with translation work to do, and a translator's hand."""

import polib
import pytest
from translate.storage.xliff2 import Xliff2File

from modes.models import Company, OperationMode
from trends.models import Trend
from xliff.formats import Xliff12File
from xliff.records import unit_id


@pytest.fixture
def work(db):
    """The seeded records (conftest.py at the top seeds once per session), with work in both directions.

    - trend 2 and the company Alibaba have no Chinese body / description yet;
    - mode B2C's English summary was rewritten after its Chinese was written (Chinese outdated);
    - trend 5's Chinese title was rewritten after its English (English outdated);
    - trend 7 is a draft.
    """
    _make_work()
    return _work_records()


@pytest.fixture(scope="module")
def _work_made_for_the_module(module_transaction):
    with module_transaction.unblock():
        _make_work()


@pytest.fixture
def work_made_once_for_the_module(_work_made_for_the_module, db):
    """`work`, made once for a module whose every test uses it (its saves cost a test 25 ms); each test still rolls
    back what it changes (conftest.py at the top, module_transaction). A module opts in by overriding `work`."""
    return _work_records()


def _make_work():
    trend2 = Trend.objects.get(number=2)
    trend2.body_zh_hant = ""
    trend2.save()
    alibaba = Company.objects.get(slug="alibaba")
    alibaba.description_zh_hant = ""
    alibaba.save()
    b2c = OperationMode.objects.get(slug="b2c")
    b2c.summary_en = b2c.summary_en + " It now also covers live-stream shopping."
    b2c.save()
    trend5 = Trend.objects.get(number=5)
    trend5.title_zh_hant = trend5.title_zh_hant + "（修訂）"
    trend5.save()
    trend7 = Trend.objects.get(number=7)
    trend7.status = Trend.Status.DRAFT
    trend7.save()


def _work_records():
    return {
        "trend2": Trend.objects.get(number=2),
        "alibaba": Company.objects.get(slug="alibaba"),
        "b2c": OperationMode.objects.get(slug="b2c"),
        "trend5": Trend.objects.get(number=5),
        "trend7": Trend.objects.get(number=7),
    }


def uid(model, slug, field):
    """The id of a unit of the record that has `slug` now: `<app_label>.<model>:<its key>:<field>`."""
    return unit_id(model.objects.get(slug=slug), field)


def translate(content, format_name, translation_for):
    """A translator's tool: every unit's target becomes translation_for(unit_id, source) (None: left alone)."""
    if format_name == "po":
        catalog = polib.pofile(content.decode("utf-8"))
        for entry in catalog:
            text = translation_for(entry.msgctxt, entry.msgid)
            if text is not None:
                entry.msgstr = text
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        return str(catalog).encode("utf-8")
    store = (Xliff2File if format_name == "xliff20" else Xliff12File).parsestring(content)
    for unit in store.units:
        unit_id = unit.getid() if format_name == "xliff20" else unit.xmlelement.get("id")
        text = translation_for(unit_id, str(unit.source))
        if text is not None:
            unit.target = text  # XLIFF 1.2: translate-toolkit marks the target state="translated"
            if format_name == "xliff20":
                unit.marktranslated()  # as a CAT tool does when the translator confirms a segment
    return bytes(store)
