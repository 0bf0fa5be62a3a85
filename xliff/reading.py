"""Reading a translator's file: bytes to text, text to units, and every problem a clear message.

The work per file is bounded before it starts (at most TRANSLATION_FILE_MAX_BYTES, 1 MB, xliff.checks) and each
step is linear in the file's size:
- the bytes are decoded once: by their byte-order mark (UTF-8, UTF-16, UTF-32; UTF-16 without one is recognised
  too), else in the encoding the XML declaration or the PO header's charset names (any Python knows: Big5, GBK,
  Shift_JIS…), else as UTF-8. An encoding Python does not know, or bytes that are not in the encoding named,
  refuse the file;
- XML is parsed once, by defusedxml's expat parser (no DTD, no entities), into a tree that is refused as soon as it
  nests deeper than MAX_DEPTH, and the units are read from that tree in one pass. translate-toolkit writes the
  files but does not read them: it splits a multi-segment XLIFF 2.0 unit into units of its own, drops
  <ignorable> text, and fails inside lxml past 256 levels;
- PO is parsed by polib from a temporary file (given a string, polib opens it as a path when it names a file).
Every unit that cannot be used is a warning saying why (Delivery.warnings), never dropped silently.
"""

import codecs
import re
import tempfile
import xml.etree.ElementTree as ElementTree

import polib
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bilingual.chinese import CHINESE_CHARACTER

from .checks import RefusedFile
from .records import names_record_by_slug, split_unit_id
from .units import Delivery, Direction, IncomingUnit, base_in, content_language

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF11_NS = "urn:oasis:names:tc:xliff:document:1.1"
XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
# XLIFF 1.1 (translate-toolkit's po2xliff writes it) has the elements and attributes ecomkb reads from 1.2.
NAMESPACES = {"1.1": XLIFF11_NS, "1.2": XLIFF12_NS, "2.0": XLIFF20_NS}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# ecomkb's files nest 6 levels (xliff, file, body, group, unit, target) and a tool's inline markup a few more.
MAX_DEPTH = 100

# States in which a translator's tool says the translation is done (XLIFF 1.2 and 2.0); any other state a unit
# names (1.2 new, needs-translation, needs-review-…; 2.0 initial) says it is not, and its text is imported as
# unreviewed (xliff.importing). A unit naming no state is taken as done, as tools that write none mean it.
DONE_STATES = {"1.2": {"translated", "signed-off", "final"}, "2.0": {"translated", "reviewed", "final"}}

# Inline codes that stand for original data and hold no text (1.2 <x/>, <bx/>, <ex/>; 2.0 <ph/>, <sc/>, <ec/>):
# ecomkb's plain-text fields have no such data, so a target holding one is skipped rather than losing it.
CODES = {"1.2": ("x", "bx", "ex"), "2.0": ("ph", "sc", "ec")}

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's, which it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
XML_ENCODING = re.compile(rb"""\A\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.-]{0,39})["']""")
PO_CHARSET = re.compile(rb"""^"Content-Type:[^"\n]*\bcharset=([A-Za-z][\w.-]{0,39})""", re.MULTILINE)
XML_WHITESPACE = re.compile(r"[ \t\r\n]+")


def read(data):
    """A Delivery (not yet checked: xliff.formats.read_file does that), or RefusedFile saying why not."""
    kind, text = decode(data)
    return _read_xliff(text) if kind == "xml" else _read_po(text)


# ---------------------------------------------------------------------------------------------
# Bytes to text


def decode(data):
    """("xml" or "po", the file's text)."""
    encoding = _by_bytes(data)
    if encoding:
        text = _decode(data, encoding, declared=False)
        start = text.lstrip()
        if start.startswith("<"):
            return "xml", start
        if "msgid" in text:
            return "po", text
    elif data.lstrip(b" \t\r\n").startswith(b"<"):
        return "xml", _decode(data, _declared(XML_ENCODING, data)).lstrip()
    elif b"msgid" in data:
        return "po", _decode(data, _declared(PO_CHARSET, data))
    raise RefusedFile(
        _(
            "This is neither an XLIFF file nor a PO file. Export a file from ecomkb, "
            "translate it, and import the translated file."
        )
    )


def _by_bytes(data):
    """The encoding the first bytes show: a byte-order mark, or the zero bytes of UTF-16 without one."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    if len(data) >= 2 and data[0] and not data[1]:
        return "utf-16-le"
    if len(data) >= 2 and not data[0] and data[1]:
        return "utf-16-be"
    return None


def _declared(pattern, data):
    match = pattern.search(data)
    name = match.group(1).decode("ascii") if match else "UTF-8"
    return "UTF-8" if name.upper() == "CHARSET" else name  # a PO template's placeholder: gettext reads ASCII/UTF-8


def _decode(data, name, *, declared=True):
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        encoding = None
    if encoding == "undefined":  # Python's codec that decodes nothing
        encoding = None
    if declared and encoding and encoding.startswith(("utf-16", "utf-32")):
        # Found in bytes that read as ASCII, so not UTF-16 (.NET writes this): they are UTF-8, or refused as not.
        name, encoding = "UTF-8", "utf-8"
    try:
        if encoding is None:
            raise LookupError(name)
        text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
        text.encode("utf-8")  # no lone surrogates, which no parser takes
    except LookupError:
        raise RefusedFile(
            _(
                "The file says it is written in the character encoding “%(encoding)s”, which ecomkb does not know. "
                "Save it as UTF-8 and import it again."
            )
            % {"encoding": name}
        ) from None
    except UnicodeError as error:
        raise RefusedFile(
            _(
                "The file is not valid %(encoding)s (what is at position %(position)s cannot be read as "
                "%(encoding)s). "
                "Save it as UTF-8 and import it again."
            )
            % {"encoding": name, "position": getattr(error, "start", 0)}
        ) from None
    return text


# ---------------------------------------------------------------------------------------------
# XLIFF


class _TooDeep(Exception):
    pass


class _DepthLimitedTree(ElementTree.TreeBuilder):
    """The tree expat reads, refused as soon as it nests deeper than MAX_DEPTH."""

    depth = 0

    def start(self, tag, attrs):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep
        return super().start(tag, attrs)

    def end(self, tag):
        self.depth -= 1
        return super().end(tag)


def parse_xml(text):
    parser = DefusedXMLParser(target=_DepthLimitedTree(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(text)
        return parser.close()
    except DefusedXmlException:
        raise RefusedFile(
            _(
                "The file declares a document type or entities, which translation files never "
                "need and which can be used to attack a server; it was refused."
            )
        ) from None
    except _TooDeep:
        raise RefusedFile(
            _(
                "The file's elements are nested more than %(depth)s levels deep; a translation file needs fewer "
                "than ten. It was refused unread."
            )
            % {"depth": MAX_DEPTH}
        ) from None
    except ElementTree.ParseError as error:
        raise RefusedFile(_("The file is not well-formed XML (%(error)s).") % {"error": error}) from None


def _read_xliff(text):
    root = parse_xml(text)
    namespace, name = _split(root.tag)
    if name != "xliff":
        raise RefusedFile(_("The file is XML but not XLIFF (its root element is <%(name)s>).") % {"name": name})
    version = root.get("version") or {ns: version for version, ns in NAMESPACES.items()}.get(namespace, "")
    if version not in NAMESPACES:
        raise RefusedFile(
            _("This is XLIFF version %(version)s; ecomkb reads XLIFF 1.2 and 2.0 (and PO).")
            % {"version": version or "?"}
        )
    if namespace not in ("", NAMESPACES[version]):  # without one, read as the version it names
        raise RefusedFile(
            _(
                "The file says it is XLIFF %(version)s, but its elements are in the namespace “%(namespace)s” "
                "instead of XLIFF %(version)s's (“%(expected)s”). Export the file from ecomkb again."
            )
            % {"version": version, "namespace": namespace, "expected": NAMESPACES[version]}
        )
    reader = _Xliff20 if version == "2.0" else _Xliff12
    return reader(root, namespace).delivery()


def _split(tag):
    """(namespace, local name) of an element's tag."""
    return tuple(tag[1:].split("}", 1)) if tag.startswith("{") else ("", tag)


def short(text):
    text = " ".join((text or "").split())
    return text if len(text) <= 40 else text[:39] + "…"


class _Xliff:
    version = ""
    default_space = "preserve"  # translate-toolkit's reading of xml:space, which files written by it rely on

    def __init__(self, root, namespace):
        self.root, self.namespace = root, namespace
        self.warnings = []

    def tag(self, name):
        return f"{{{self.namespace}}}{name}" if self.namespace else name

    def units(self, element, space, names):
        """(element, its xml:space) for each element named `names` under `element`, through groups, in order."""
        wanted = {self.tag(name) for name in names}
        for child in element:
            child_space = child.get(XML_SPACE, space)
            if child.tag in wanted:
                yield child, child_space
            else:
                yield from self.units(child, child_space, names)

    def text(self, element, space, *, whole=True):
        """The element's text (inline markup's text included); where xml:space is "default", its XML whitespace
        collapsed (and trimmed, for a `whole` text rather than a part of one), as translate-toolkit reads it."""
        if element is None:
            return ""
        text = "".join(element.itertext())
        if element.get(XML_SPACE, space) == "preserve":
            return text
        text = XML_WHITESPACE.sub(" ", text)
        return text.strip(" ") if whole else text

    def holds_codes(self, unit_id, target):
        """True, with a warning, for a target holding inline codes (which stand for data the file does not have)
        or markup that is not XLIFF's own (<script>, <b>: read as text it would be stored without a word)."""
        if target is None:
            return False
        foreign = sorted(
            {
                _split(child.tag)[1]
                for child in target.iter()
                if child is not target and _split(child.tag)[0] != self.namespace
            }
        )
        if foreign:
            names = ", ".join(f"<{name}>" for name in foreign)
            self.skip(unit_id, _("its translation holds markup that is not XLIFF's (%(tags)s)") % {"tags": names})
            return True
        codes = {self.tag(name) for name in CODES[self.version]}
        if not any(child.tag in codes for child in target.iter()):
            return False
        names = ", ".join(f"<{name}/>" for name in CODES[self.version])
        self.skip(
            unit_id,
            _("its translation holds inline codes (%(codes)s), which texts here cannot keep") % {"codes": names},
        )
        return True

    def skip(self, unit_id, reason):
        self.warnings.append(_("Unit “%(id)s”: %(reason)s; skipped.") % {"id": unit_id, "reason": reason})

    def delivery(self):
        direction = self.direction()
        units = list(self.read_units())
        return Delivery("xliff20" if self.version == "2.0" else "xliff12", direction, units, self.warnings)

    def base(self, element):
        """(unit id, digest) of the BASE_NOTE among the notes of a unit `element`, else ("", "")."""
        return base_in(*("".join(note.itertext()) for note in element.iter(self.tag("note"))))

    def unit_id(self, element, noted_id):
        """The unit's id, or the one its note names where a tool replaced it (po2xliff numbers units)."""
        own = element.get("id") or ""
        return noted_id if noted_id and not _is_ecomkb_id(own) else own


def _is_ecomkb_id(value):
    return split_unit_id(value) is not None or names_record_by_slug(value)


class _Xliff12(_Xliff):
    version = "1.2"

    def direction(self):
        pairs = {(node.get("source-language"), node.get("target-language")) for node in self.files()}
        if len(pairs) > 1:
            raise RefusedFile(_("The file's parts do not all translate between the same two languages."))
        return _direction(*(pairs.pop() if pairs else (None, None)))

    def files(self):
        return self.root.findall(self.tag("file"))

    def read_units(self):
        space = self.root.get(XML_SPACE, self.default_space)
        for part in self.files():
            for element, unit_space in self.units(part, part.get(XML_SPACE, space), ("trans-unit", "bin-unit")):
                noted_id, base = self.base(element)
                unit_id = self.unit_id(element, noted_id)
                if element.tag == self.tag("bin-unit"):
                    self.skip(unit_id, _("a binary unit (<bin-unit>) holds no text to import"))
                    continue
                target = element.find(self.tag("target"))
                if self.holds_codes(unit_id, target):
                    continue
                source = self.text(element.find(self.tag("source")), unit_space)
                state = target.get("state") if target is not None else None
                yield IncomingUnit(
                    unit_id,
                    source,
                    self.text(target, unit_space),
                    confirmed=state in DONE_STATES["1.2"] or (state is None and element.get("approved") == "yes"),
                    unreviewed=state is not None and state not in DONE_STATES["1.2"],
                    base=base,
                )


class _Xliff20(_Xliff):
    version = "2.0"
    default_space = "default"  # XLIFF 2.0's own default

    def direction(self):
        return _direction(self.root.get("srcLang"), self.root.get("trgLang"))

    def read_units(self):
        for element, space in self.units(self.root, self.root.get(XML_SPACE, self.default_space), ("unit",)):
            unit = self.unit(element, space)
            if unit is not None:
                yield unit

    def unit(self, element, space):
        """The unit's segments and the <ignorable> text between them, joined in order: one field's text.

        A CAT tool splits a text into segments (sentences) and keeps what lies between them (spaces) in
        <ignorable>s, which need no translation: without a target of their own, their source stands in the target.
        A target's `order` places it in the translation; a unit translated only in part is skipped."""
        noted_id, base = self.base(element)
        unit_id = self.unit_id(element, noted_id)
        segment, ignorable = self.tag("segment"), self.tag("ignorable")
        parts = [(child, child.get(XML_SPACE, space)) for child in element if child.tag in (segment, ignorable)]
        segments = [child for child, _space in parts if child.tag == segment]
        if not segments:
            self.skip(unit_id, _("it has no <segment>"))
            return None
        sources, targets, orders, wanted, untranslated = [], [], [], 0, 0
        for position, (child, part_space) in enumerate(parts, start=1):
            source = self.text(child.find(self.tag("source")), part_space, whole=False)
            target = child.find(self.tag("target"))
            if self.holds_codes(unit_id, target):
                return None
            text = source if target is None else self.text(target, part_space, whole=False)
            if child.tag == segment and source.strip():
                wanted += 1
                untranslated += not (target is not None and text.strip())
            order = str(position) if target is None else target.get("order", str(position))
            sources.append(source)
            targets.append(text)
            orders.append(int(order) if order.isascii() and order.isdigit() else 0)
        if 0 < untranslated < wanted:
            done = wanted - untranslated
            self.skip(
                unit_id,
                ngettext(
                    "only %(done)s of its %(count)s segments is translated",
                    "only %(done)s of its %(count)s segments are translated",
                    done,
                )
                % {"done": done, "count": wanted},
            )
            return None
        if sorted(orders) != list(range(1, len(parts) + 1)):
            self.skip(unit_id, _("the order of its target segments is not valid"))
            return None
        target = "" if untranslated else "".join(text for _order, text in sorted(zip(orders, targets, strict=True)))
        confirmed = all(child.get("state", "initial") in DONE_STATES["2.0"] for child in segments)
        unreviewed = any(child.get("state", "translated") not in DONE_STATES["2.0"] for child in segments)
        source = "".join(sources)
        if space != "preserve":
            source, target = source.strip(" "), target.strip(" ")
        return IncomingUnit(unit_id, source, target, confirmed, unreviewed, base)


def _direction(source_tag, target_tag):
    if not target_tag:
        raise RefusedFile(
            _(
                "The file does not say which languages it translates between (XLIFF: source-language and "
                "target-language, or srcLang and trgLang; PO: the “Language” header). ecomkb's files go from English "
                "into Traditional Chinese (en → zh-Hant) or the reverse."
            )
        )
    source, target = content_language(source_tag), content_language(target_tag)
    if not source or not target or source == target:
        raise RefusedFile(
            _(
                "The file translates from “%(source)s” into “%(target)s”; ecomkb's files go from English into "
                "Traditional Chinese (en → zh-Hant) or the reverse."
            )
            % {"source": source_tag or "?", "target": target_tag}
        )
    return Direction(source, target)


# ---------------------------------------------------------------------------------------------
# PO


def _parse_po(text):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".po") as handle:
        handle.write(text)
        handle.flush()
        try:
            return polib.pofile(handle.name, encoding="utf-8")
        except (OSError, ValueError) as error:
            raise RefusedFile(_("The file is not a valid PO file (%(error)s).") % {"error": error}) from None


def _read_po(text):
    catalog = _parse_po(text)
    units, warnings = [], []
    if (catalog.metadata.get("Language") or "").strip():
        language = content_language(catalog.metadata["Language"])
        source = catalog.metadata.get("X-Source-Language") or {"zh-hant": "en", "en": "zh-Hant"}.get(language)
        direction = _direction(source, catalog.metadata["Language"])
    else:
        direction = _direction_of_sources(catalog)
        warnings.append(
            _(
                "The file does not name its language (a PO “Language” header; files converted by xliff2po have "
                "none). Its source texts are in %(language)s, so it was read as a translation %(direction)s."
            )
            % {"language": dict(settings.LANGUAGES)[direction.source], "direction": direction}
        )
    for entry in catalog:
        noted_id, base = base_in(entry.comment, entry.tcomment)
        unit_id = entry.msgctxt or _po_location_id(entry) or noted_id
        if entry.obsolete:
            warnings.append(
                _("The entry “%(id)s” is obsolete (#~), as translation tools mark entries no longer wanted; skipped.")
                % {"id": unit_id or short(entry.msgid)}
            )
        elif entry.msgid_plural:
            warnings.append(
                _("The entry “%(id)s” has plural forms (msgid_plural), which ecomkb's texts do not have; skipped.")
                % {"id": unit_id or short(entry.msgid)}
            )
        else:
            units.append(
                IncomingUnit(
                    unit_id,
                    entry.msgid,
                    entry.msgstr,
                    confirmed=not entry.fuzzy,
                    unreviewed=entry.fuzzy,
                    base=base,
                )
            )
    return Delivery("po", direction, units, warnings)


LATIN = re.compile(r"[A-Za-z]")


def _direction_of_sources(catalog):
    """The direction of a PO file without a Language header, from the script of its first entries' sources."""
    sources = "".join(entry.msgid for entry in catalog[:200])[:100_000]
    chinese, latin = len(CHINESE_CHARACTER.findall(sources)), len(LATIN.findall(sources))
    if not chinese and not latin:
        _direction(None, None)  # refused, saying which languages files must name
    return Direction.into("en") if chinese > latin / 4 else Direction.into("zh-hant")


def _po_location_id(entry):
    """An ecomkb id kept as a “#:” reference, as xliff2po writes the location of a unit exported as XLIFF 1.2."""
    for path, line in entry.occurrences:
        location = f"{path}:{line}" if line else path
        if _is_ecomkb_id(location):
            return location
    return None
