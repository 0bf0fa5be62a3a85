"""XLIFF 1.2, XLIFF 2.0 and PO, written with translate-toolkit and polib, and every file read checked.

Reading (xliff.reading) never hands a byte to a parser that resolves entities: every XML file is
parsed by defusedxml, which refuses any DTD (so external entities and entity bombs never expand).
"""

import polib
from django.utils.translation import gettext as _
from translate.storage.xliff import Xliff1File, Xliff1Unit
from translate.storage.xliff2 import Xliff2File

from . import reading
from .checks import (
    refuse_duplicate_ids,
    refuse_if_too_large,
    refuse_records_named_by_slug,
    refuse_too_many_units,
    refuse_unsafe_targets,
    refuse_without_ecomkb_ids,
)
from .reading import XLIFF12_NS, XLIFF20_NS
from .units import NEEDS_REVIEW, NEEDS_TRANSLATION, TRANSLATED

FILE_NAME = "ecomkb"  # <file original=…> / <file id=…>
SLR_NS = "urn:oasis:names:tc:xliff:sizerestriction:2.0"  # XLIFF 2.0's Size and Length Restriction module


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


class Xliff20File(Xliff2File):
    """translate-toolkit's XLIFF 2.0 store, declaring the Size and Length Restriction module as `slr:`."""

    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="2.0" xmlns="{XLIFF20_NS}" xmlns:slr="{SLR_NS}" srcLang="en">
<file id="{FILE_NAME}">
</file>
</xliff>"""


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
        if unit.state == TRANSLATED:
            entry.xmlelement.set("approved", "yes")  # else translate-toolkit (xliff2po, Pootle) takes it as fuzzy
        if unit.max_length:
            entry.xmlelement.set("size-unit", "char")
            entry.xmlelement.set("maxwidth", str(unit.max_length))
        for note in unit.notes:
            entry.addnote(note, origin="developer")
        if unit.previous_source:
            # The pair as it was when last in step: CAT tools show it beside the new source.
            entry.addalttrans(unit.existing or unit.target, sourcetxt=unit.previous_source, origin="ecomkb")
            entry.getalttrans()[-1].xmlelement.set("alttranstype", "previous-version")
        # The id again as the unit's location, which xliff2po keeps (as a PO "#:" reference, where xliff.reading
        # finds it: xliff2po writes no msgctxt).
        group = entry.xmlelement.makeelement(entry.namespaced("context-group"), {"purpose": "location"})
        context = group.makeelement(entry.namespaced("context"), {"context-type": "sourcefile"})
        context.text = unit.id
        group.append(context)
        entry.xmlelement.append(group)
        store.addunit(entry)
    return bytes(store)


# XLIFF 2.0 has no "needs review" state: an outdated translation is `initial` with a target,
# and the XLIFF 1.2 name travels in subState.
XLIFF20_STATES = {NEEDS_TRANSLATION: "initial", NEEDS_REVIEW: "initial", TRANSLATED: "translated"}


def write_xliff20(units, direction):
    store = Xliff20File(sourcelanguage=direction.source_tag, targetlanguage=direction.target_tag)
    if any(unit.max_length for unit in units):
        # Lengths in Unicode code points, as the site counts them (not normalised).
        profiles = store.body.makeelement(f"{{{SLR_NS}}}profiles", {"generalProfile": "xliff:codepoints"})
        store.body.insert(0, profiles)
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
        if unit.max_length:
            unit_element.set(f"{{{SLR_NS}}}sizeRestriction", str(unit.max_length))
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
                # Weblate checks the length against a max-length flag; the notes say it in words.
                # A target to review, or the source copied into it, is not a translation yet.
                flags=(
                    ["fuzzy"] if unit.state == NEEDS_REVIEW or (unit.state == NEEDS_TRANSLATION and unit.target) else []
                )
                + ([f"max-length:{unit.max_length}"] if unit.max_length else []),
                previous_msgid=unit.previous_source or None,
            )
        )
    return str(catalog).encode("utf-8") + b"\n"


WRITERS = {
    "xliff12": (write_xliff12, "xlf", "application/x-xliff+xml"),
    # .xlf for 1.2, as every tool expects; .xliff for 2.0 (Weblate's and Okapi's other name for XLIFF), so the two
    # versions, which tools read with different filters, are told apart by name.
    "xliff20": (write_xliff20, "xliff", "application/xliff+xml"),
    "po": (write_po, "po", "text/x-gettext-translation"),
}


def write(format_name, units, direction):
    """(content, file extension, content type)."""
    writer, extension, content_type = WRITERS[format_name]
    return writer(units, direction), extension, content_type


# ---------------------------------------------------------------------------------------------
# Reading (xliff.reading: bytes to units; here, the checks every file passes)


def read_file(data):
    """A checked Delivery, or RefusedFile saying why the file cannot be imported."""
    refuse_if_too_large(len(data))
    delivery = reading.read(data)
    refuse_too_many_units(delivery.units)
    refuse_without_ecomkb_ids(delivery.units)
    delivery.warnings += [
        _("A unit without an id (source “%(source)s”) cannot be matched to a record; skipped.")
        % {"source": reading.short(unit.source)}
        for unit in delivery.units
        if not unit.id
    ]
    delivery.units = [unit for unit in delivery.units if unit.id]
    refuse_records_named_by_slug(delivery.units)
    refuse_duplicate_ids(delivery.units)
    refuse_unsafe_targets(delivery.units, file_size=len(data))
    return delivery
