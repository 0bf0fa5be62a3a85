"""The glossary as a termbase: TBX-Basic (ISO 30042:2008, the `martif` document that memoQ, Trados MultiTerm and
OmegaT import), one termEntry per published term, with en, zh-Hant and zh-Hans langSets.

Each langSet carries the term, its part of speech where known (termNote partOfSpeech), and the definition as plain
text with its source — the article's paragraphs — beside it; editors' background is a note, never the source.
"""

from django.db.models.functions import Lower
from django.utils.html import strip_tags
from lxml import etree

from bilingual.chinese import has_chinese, to_simplified
from bilingual.text import render_markdown

from .models import Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ARTICLE = "電子商務運營模式分類 (Caihuazhai)"
SUBJECT = "e-commerce"
# The language of each langSet: (its xml:lang, the stored language its definition comes from).
LANG_SETS = (("en", "en"), ("zh-Hant", "zh_hant"), ("zh-Hans", "zh_hant"))
LANGUAGES = tuple(xml_lang for xml_lang, _stored in LANG_SETS)


def plain(markdown_text):
    """A definition as a termbase holds it: the words of the rendered Markdown, no markup."""
    return " ".join(strip_tags(render_markdown(markdown_text)).split())


def _text(parent, tag, text, **attributes):
    element = etree.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _lang_set(entry, term, xml_lang, stored):
    written = term.simplified if xml_lang == "zh-Hans" else getattr(term, f"term_{stored}")
    definition = plain(getattr(term, f"definition_{stored}"))
    background = plain(getattr(term, f"background_{stored}"))
    if xml_lang == "zh-Hans":
        definition, background = to_simplified(definition), to_simplified(background)
    if not written:
        return
    lang_set = etree.SubElement(entry, "langSet", {XML_LANG: xml_lang})
    if definition:
        group = etree.SubElement(lang_set, "descripGrp")
        _text(group, "descrip", definition, type="definition")
        paragraphs = ", ".join(f"¶{paragraph.number}" for paragraph in term.sources.all())
        if paragraphs:
            _text(group, "admin", f"{ARTICLE} {paragraphs}", type="source")
    if background:
        _text(lang_set, "note", background)
    tig = etree.SubElement(lang_set, "tig")
    _text(tig, "term", written)
    if term.part_of_speech:
        _text(tig, "termNote", term.part_of_speech, type="partOfSpeech")
    for form in dict.fromkeys(_other_forms(term, xml_lang)):
        if form != written:
            _text(etree.SubElement(lang_set, "tig"), "term", form)  # a synonym: CAT tools match it too


def _other_forms(term, xml_lang):
    """The term's other forms written in this langSet's script: Latin ones in English, Chinese ones in Chinese."""
    for line in (term.other_forms or "").splitlines():
        form = line.strip()
        chinese = has_chinese(form)
        if form and chinese == (xml_lang != "en"):
            yield to_simplified(form) if xml_lang == "zh-Hans" else form


def termbase(terms, title="ecomkb glossary", languages=None):
    """The TBX-Basic document (bytes, UTF-8) of these terms (an iterable of glossary.Term), with a langSet for each
    of `languages` (xml:lang values; all three by default). A CAT tool that tells languages apart but not scripts
    (OmegaT takes zh-Hant and zh-Hans both for "zh") is given the one script its project needs."""
    lang_sets = [(xml_lang, stored) for xml_lang, stored in LANG_SETS if languages is None or xml_lang in languages]
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    _text(etree.SubElement(file_desc, "titleStmt"), "title", title)
    _text(
        etree.SubElement(file_desc, "sourceDesc"),
        "p",
        f"Terms of the article {ARTICLE}, with English, Traditional and Simplified Chinese forms.",
    )
    _text(etree.SubElement(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for term in terms:
        entry = etree.SubElement(body, "termEntry", id=f"c{term.key.hex}")  # an id must not start with a digit
        _text(entry, "descrip", SUBJECT, type="subjectField")
        for xml_lang, stored in lang_sets:
            _lang_set(entry, term, xml_lang, stored)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def published_termbase(languages=None):
    """Every published term, in English alphabetical order, sources read in one query."""
    terms = Term.objects.published().order_by(Lower("term_en"), "slug").prefetch_published("sources")
    return termbase(terms.iterator(chunk_size=500), languages=languages)
