"""XLIFF 1.2, XLIFF 2.0 and PO, written and read with translate-toolkit and polib.

Reading never hands a byte to a parser that resolves entities: every XML file first goes
through defusedxml, which refuses any DTD (so external entities and entity bombs never
expand), and only then to translate-toolkit.
"""

import xml.etree.ElementTree as StdElementTree

import polib
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from django.utils.translation import gettext as _
from translate.storage.xliff import Xliff1File, Xliff1Unit
from translate.storage.xliff2 import Xliff2File

from .checks import (
    RefusedFile,
    refuse_duplicate_ids,
    refuse_if_too_large,
    refuse_records_named_by_slug,
    refuse_too_many_units,
    refuse_unsafe_targets,
)
from .units import NEEDS_REVIEW, NEEDS_TRANSLATION, TRANSLATED, Delivery, Direction, IncomingUnit, content_language

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
FILE_NAME = "ecomkb"  # <file original=…> / <file id=…>


class Xliff12Unit(Xliff1Unit):
    namespace = XLIFF12_NS


class Xliff12File(Xliff1File):
    """translate-toolkit's XLIFF 1.x store, writing version 1.2 (its default is 1.1)."""

    UnitClass = Xliff12Unit
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="1.2" xmlns="{XLIFF12_NS}">
<file original="{FILE_NAME}" source-language="en" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""
    namespace = XLIFF12_NS


# ---------------------------------------------------------------------------------------------
# Writing


def write_xliff12(units, direction):
    store = Xliff12File(sourcelanguage=direction.source_tag, targetlanguage=direction.target_tag)
    for unit in units:
        entry = store.UnitClass(unit.source)
        entry.setid(unit.id)
        entry.xmlelement.set("resname", unit.name)  # what CAT tools show as the unit's name
        target = entry.xmlelement.makeelement(entry.namespaced("target"))
        target.text = unit.target
        target.set("state", unit.state)
        entry.xmlelement.insert(1, target)  # right after <source>
        if unit.max_length:
            entry.xmlelement.set("size-unit", "char")
            entry.xmlelement.set("maxwidth", str(unit.max_length))
        for note in unit.notes:
            entry.addnote(note, origin="developer")
        if unit.previous_source:
            # The pair as it was when last in step: CAT tools show it beside the new source.
            entry.addalttrans(unit.target, sourcetxt=unit.previous_source, origin="ecomkb")
            entry.getalttrans()[-1].xmlelement.set("alttranstype", "previous-version")
        store.addunit(entry)
    return bytes(store)


# XLIFF 2.0 has no "needs review" state: an outdated translation is `initial` with a target,
# and the XLIFF 1.2 name travels in subState.
XLIFF20_STATES = {NEEDS_TRANSLATION: "initial", NEEDS_REVIEW: "initial", TRANSLATED: "translated"}


def write_xliff20(units, direction):
    store = Xliff2File(sourcelanguage=direction.source_tag, targetlanguage=direction.target_tag)
    store.setfilename(store.body, FILE_NAME)
    for unit in units:
        entry = store.UnitClass(unit.source)
        entry.setid(unit.id)
        if unit.target:
            entry.target = unit.target
        segment = entry.xmlelement
        segment.set("state", XLIFF20_STATES[unit.state])
        segment.set("subState", f"ecomkb:{unit.state}")
        for note in unit.notes:
            entry.addnote(note, origin="ecomkb")
        store.addunit(entry)
        # translate-toolkit 3.20 puts <notes> and xml:space on the <segment>; the 2.0 schema
        # wants them on the <unit>, before the segment.
        unit_element = entry.getunitelement()
        unit_element.set("name", unit.name)  # what CAT tools show as the unit's name
        space = segment.attrib.pop("{http://www.w3.org/XML/1998/namespace}space", None)
        if space:
            unit_element.set("{http://www.w3.org/XML/1998/namespace}space", space)
        notes = segment.find(entry.namespaced("notes"))
        if notes is not None:
            unit_element.insert(0, notes)
    return bytes(store)


def write_po(units, direction):
    catalog = polib.POFile()
    catalog.header = (
        f"ecomkb: {direction.source_tag} → {direction.target_tag}. Each msgctxt names a record (by its key) and field."
    )
    catalog.metadata = {
        "Project-Id-Version": "ecomkb",
        "Language": direction.target_tag.replace("-", "_"),
        "X-Source-Language": direction.source_tag.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for unit in units:
        catalog.append(
            polib.POEntry(
                msgctxt=unit.id,
                msgid=unit.source,
                msgstr=unit.target,
                comment="\n".join(unit.notes),
                flags=["fuzzy"] if unit.state == NEEDS_REVIEW else [],
                previous_msgid=unit.previous_source or None,
            )
        )
    return str(catalog).encode("utf-8") + b"\n"


WRITERS = {
    "xliff12": (write_xliff12, "xlf", "application/x-xliff+xml"),
    "xliff20": (write_xliff20, "xlf", "application/xliff+xml"),
    "po": (write_po, "po", "text/x-gettext-translation"),
}


def write(format_name, units, direction):
    """(content, file extension, content type)."""
    writer, extension, content_type = WRITERS[format_name]
    return writer(units, direction), extension, content_type


# ---------------------------------------------------------------------------------------------
# Reading


def read_file(data):
    """A checked Delivery, or RefusedFile saying why the file cannot be imported."""
    refuse_if_too_large(len(data))
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-8, or UTF-16 with its BOM
        delivery = _read_xliff(data)
    elif b"msgid" in data:
        delivery = _read_po(data)
    else:
        raise RefusedFile(
            _(
                "This is neither an XLIFF file nor a PO file. Export a file from ecomkb, "
                "translate it, and import the translated file."
            )
        )
    refuse_too_many_units(delivery.units)
    refuse_records_named_by_slug(delivery.units)
    refuse_duplicate_ids(delivery.units)
    refuse_unsafe_targets(delivery.units)
    return delivery


def _direction(source_tag, target_tag):
    source, target = content_language(source_tag), content_language(target_tag)
    if not source or not target or source == target:
        raise RefusedFile(
            _(
                "The file translates from “%(source)s” into “%(target)s”; ecomkb's files go from English into "
                "Traditional Chinese (en → zh-Hant) or the reverse."
            )
            % {"source": source_tag or "?", "target": target_tag or "?"}
        )
    return Direction(source, target)


def _read_xliff(data):
    try:
        root = defused_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise RefusedFile(
            _(
                "The file declares a document type or entities, which translation files never "
                "need and which can be used to attack a server; it was refused."
            )
        ) from None
    except StdElementTree.ParseError as error:
        raise RefusedFile(_("The file is not well-formed XML (%(error)s).") % {"error": error}) from None
    namespace, _brace, name = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", root.tag)
    if name != "xliff":
        raise RefusedFile(_("The file is XML but not XLIFF (its root element is <%(name)s>).") % {"name": name})
    version = root.get("version", "")
    if (version, namespace) == ("1.2", XLIFF12_NS):
        files = root.findall(f"{{{XLIFF12_NS}}}file")
        pairs = {(node.get("source-language"), node.get("target-language")) for node in files}
        if len(pairs) != 1:
            raise RefusedFile(_("The file's parts do not all translate between the same two languages."))
        direction = _direction(*pairs.pop())
        store = Xliff12File.parsestring(data)
    elif (version, namespace) == ("2.0", XLIFF20_NS):
        direction = _direction(root.get("srcLang"), root.get("trgLang"))
        store = Xliff2File.parsestring(data)
    else:
        raise RefusedFile(
            _("This is XLIFF version %(version)s; ecomkb reads XLIFF 1.2 and 2.0 (and PO).")
            % {"version": version or "?"}
        )
    units = [
        IncomingUnit(_unit_id(unit, version), str(unit.source or ""), str(unit.target or ""), _confirmed(unit, version))
        for unit in store.units
    ]
    return Delivery("xliff20" if version == "2.0" else "xliff12", direction, units)


def _unit_id(unit, version):
    # XLIFF 1.x ids are only unique within a <file>, so translate-toolkit prefixes the file's
    # name; ecomkb's ids are unique in the whole file.
    return (unit.xmlelement.get("id") if version == "1.2" else unit.getid()) or ""


# States in which a translator's tool says the translation is done (XLIFF 1.2 and 2.0).
DONE_STATES = {"1.2": {"translated", "signed-off", "final"}, "2.0": {"translated", "reviewed", "final"}}


def _confirmed(unit, version):
    if version == "2.0":
        return unit.xmlelement.get("state") in DONE_STATES[version]
    target = unit.xmlelement.find(unit.namespaced("target"))
    state = target.get("state") if target is not None else None
    return state in DONE_STATES[version] or (state is None and unit.xmlelement.get("approved") == "yes")


def _read_po(data):
    try:
        text = data.decode("utf-8-sig")
        catalog = polib.pofile(text)
    except (UnicodeDecodeError, OSError, ValueError):
        raise RefusedFile(_("The file is not a valid PO file in UTF-8.")) from None
    language = catalog.metadata.get("Language", "")
    source = catalog.metadata.get("X-Source-Language") or (
        "en" if content_language(language) == "zh-hant" else "zh-Hant" if content_language(language) == "en" else ""
    )
    direction = _direction(source, language)
    units = [
        IncomingUnit(entry.msgctxt or "", entry.msgid, entry.msgstr, confirmed=not entry.fuzzy)
        for entry in catalog
        if not entry.obsolete
    ]
    return Delivery("po", direction, units)
