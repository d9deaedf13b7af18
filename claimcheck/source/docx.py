"""The Word reader: a `.docx` file (Word's own, or a Google Docs or LibreOffice export) as prose blocks.

A .docx is a zip of XML parts; the standard library reads it. Its place for an editor is a
paragraph, so the document's `source` is the text of every paragraph of the body, one a line,
in order (empty ones and those in table cells count too): line N is paragraph N, and a column
is a character of that paragraph as Word shows it.

Heading styles ("Heading 1" to "Heading 6", "Title", or an outline level) make heading blocks,
numbered or bulleted paragraphs list items, table cells table cells. Left out, as in Word's
own view with changes accepted: deleted text of tracked changes, hidden text, field codes,
drawings and text boxes, headers and footers. A footnote reference counts as a citation, as a
superscript number ("¹" typed as a raised 1) does; the notes' text is not read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

from claimcheck.core.errors import ClaimcheckError
from claimcheck.source.document import Block, Document, TextBuilder, is_citation_marker, is_reference_heading, line_starts

DOCX_SUFFIXES = frozenset({".docx"})

# Transitional OOXML (what Word, Google Docs and LibreOffice write) and Strict OOXML.
_W = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main")
_R = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships")
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN_PART = "word/document.xml"
# A part larger than this is refused before it is inflated (a zip bomb costs nothing to send).
MAX_PART_BYTES = 128 * 1024 * 1024
# Containers whose content Word shows as it stands, in the body and inside a paragraph.
_TRANSPARENT = frozenset({"sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag", "dir", "bdo"})
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_HEADING_STYLE = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
_HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+(?:\\[a-z]\s+)*"([^"]+)"', re.IGNORECASE)
_NUMBERED_FORMATS = frozenset({"decimal", "decimalZero"})


def read_docx(path: str, data: bytes) -> Document:
    """Parse a Word .docx file; a file that is not one is a one-line error naming it."""
    package = _Package(path, data)
    body = _child(package.main, "body")
    styles = _Styles(package.xml("word/styles.xml"))
    numbering = _Numbering(package.xml("word/numbering.xml"))
    reader = _Reader(styles, numbering, package.links)
    if body is not None:
        reader.walk(body)
    source = "\n".join(reader.lines)
    return Document(path, source, tuple(reader.blocks), (), "", line_starts(source), False)


# -- the package ----------------------------------------------------------------------------


class _Package:
    """The zip and the parts of it the reader needs."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError):
            raise ClaimcheckError("not a Word .docx file (not a zip archive)", path) from None
        main = self.xml(_MAIN_PART)
        if main is None:
            raise ClaimcheckError(f"not a Word .docx file (no {_MAIN_PART} in it)", path)
        self.main = main
        self.links = self._links()

    def xml(self, name: str) -> ElementTree.Element | None:
        """A part parsed as XML; None when the package has no such part."""
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise ClaimcheckError(f"{name} in this .docx is too large to read ({info.file_size} bytes)", self.path)
        try:
            return ElementTree.fromstring(self.zip.read(info))
        except ElementTree.ParseError as error:
            raise ClaimcheckError(f"not a readable .docx ({name}: {error})", self.path) from None
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
            raise ClaimcheckError(f"not a readable .docx ({name}: {error})", self.path) from None

    def _links(self) -> dict[str, str]:
        """Relationship id -> target of the main part's hyperlinks."""
        rels = self.xml("word/_rels/document.xml.rels")
        if rels is None:
            return {}
        return {
            str(rel.get("Id")): str(rel.get("Target"))
            for rel in rels.iter(_PACKAGE_RELS)
            if rel.get("Id") and rel.get("Target") and str(rel.get("Type", "")).endswith("/hyperlink")
        }


def _local(element: ElementTree.Element) -> str:
    """The element's name in the WordprocessingML namespace; "" for any other namespace."""
    namespace, _, name = element.tag.rpartition("}")
    return name if namespace[1:] in _W else ""


def _child(element: ElementTree.Element | None, name: str) -> ElementTree.Element | None:
    if element is None:
        return None
    return next((child for child in element if _local(child) == name), None)


def _value(element: ElementTree.Element | None, attribute: str = "val") -> str | None:
    """A w: attribute of an element (w:val by default)."""
    if element is None:
        return None
    for namespace in _W:
        found = element.get(f"{{{namespace}}}{attribute}")
        if found is not None:
            return found
    return None


def _on(element: ElementTree.Element | None) -> bool:
    """A toggle property (`<w:vanish/>`, `<w:vanish w:val="false"/>`) is set."""
    return element is not None and (_value(element) or "true").lower() not in ("false", "0", "off", "none")


def _relationship(element: ElementTree.Element, attribute: str) -> str | None:
    for namespace in _R:
        found = element.get(f"{{{namespace}}}{attribute}")
        if found is not None:
            return found
    return None


# -- styles and numbering -------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    numbering: tuple[str, int] | None


class _Styles:
    """Paragraph styles by id: what makes a heading or a list paragraph."""

    def __init__(self, root: ElementTree.Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        for style in root if root is not None else ():
            if _local(style) != "style" or _value(style, "type") not in (None, "paragraph"):
                continue
            ident = _value(style, "styleId") or ""
            properties = _child(style, "pPr")
            self.styles[ident] = _Style(
                (_value(_child(style, "name")) or ident).strip(),
                _value(_child(style, "basedOn")),
                _int(_value(_child(properties, "outlineLvl"))),
                _numbering_of(properties),
            )
            if _on_attribute(style, "default"):
                self.default = ident

    def chain(self, ident: str | None) -> Iterator[_Style]:
        """The style and those it is based on, nearest first."""
        seen: set[str] = set()
        ident = ident if ident is not None else self.default
        while ident is not None and ident in self.styles and ident not in seen:
            seen.add(ident)
            style = self.styles[ident]
            yield style
            ident = style.based_on

    def heading_level(self, ident: str | None, outline: int | None) -> int:
        """1-6 for a heading paragraph, 0 for any other."""
        if outline is not None:
            return outline + 1 if 0 <= outline < 6 else 0
        for style in self.chain(ident):
            heading = _HEADING_STYLE.fullmatch(style.name)
            if heading:
                return min(int(heading.group(1)), 6)
            if style.name.lower() == "title":
                return 1
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline < 6 else 0
        return 0

    def numbering(self, ident: str | None) -> tuple[str, int] | None:
        """The list a style puts its paragraphs in ("List Number" and the like)."""
        return next((style.numbering for style in self.chain(ident) if style.numbering), None)


def _on_attribute(element: ElementTree.Element, attribute: str) -> bool:
    return (_value(element, attribute) or "").lower() in ("1", "true", "on")


def _numbering_of(properties: ElementTree.Element | None) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's or style's `w:numPr`."""
    numbered = _child(properties, "numPr")
    if numbered is None:
        return None
    ident = _value(_child(numbered, "numId"))
    return (ident, _int(_value(_child(numbered, "ilvl"))) or 0) if ident is not None else None


@dataclass
class _List:
    """One numbering instance: its levels' formats and start numbers, and where it has counted to."""

    formats: dict[int, tuple[str, int]]
    counters: dict[int, int] = field(default_factory=dict)


class _Numbering:
    """numbering.xml: which lists are numbered (1, 2, 3) and which bulleted."""

    def __init__(self, root: ElementTree.Element | None) -> None:
        abstract: dict[str, dict[int, tuple[str, int]]] = {}
        self.lists: dict[str, _List] = {}
        elements = list(root) if root is not None else []
        for element in elements:
            if _local(element) == "abstractNum":
                abstract[_value(element, "abstractNumId") or ""] = {
                    _int(_value(level, "ilvl")) or 0: (
                        _value(_child(level, "numFmt")) or "decimal",
                        _int(_value(_child(level, "start"))) or 1,
                    )
                    for level in element
                    if _local(level) == "lvl"
                }
        for element in elements:
            if _local(element) != "num":
                continue
            formats = dict(abstract.get(_value(_child(element, "abstractNumId")) or "", {}))
            for override in element:
                start = _int(_value(_child(override, "startOverride")))
                level = _int(_value(override, "ilvl"))
                if _local(override) == "lvlOverride" and start is not None and level is not None:
                    formats[level] = (formats.get(level, ("decimal", 1))[0], start)
            self.lists[_value(element, "numId") or ""] = _List(formats)

    def count(self, ident: str, level: int) -> int:
        """Count a paragraph of list `ident` at `level`: its number if the level is numbered, else 0."""
        numbered = self.lists.get(ident)
        if numbered is None:
            return 0
        number_format, start = numbered.formats.get(level, ("decimal", 1))
        counters = numbered.counters
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]  # a new item restarts the levels below it
        return counters[level] if number_format in _NUMBERED_FORMATS else 0


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


# -- the body -------------------------------------------------------------------------------


@dataclass
class _Paragraph:
    """One paragraph's text as Word shows it, and what it cites."""

    pieces: list[tuple[str, bool]] = field(default_factory=list)  # (text, read as prose)
    links: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)


class _Reader:
    """Walks the body in order, one source line and at most one block per paragraph."""

    def __init__(self, styles: _Styles, numbering: _Numbering, links: dict[str, str]) -> None:
        self.styles = styles
        self.numbering = numbering
        self.rels = links
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.offset = 0  # where the next paragraph's line starts in the source
        self.section = ""
        self.in_references = False
        self.group = 0
        self.row = 0

    def walk(self, element: ElementTree.Element, row: int = 0) -> None:
        """Read the paragraphs of a body, a table or a cell, in order."""
        for child in element:
            name = _local(child)
            if name == "p":
                self.paragraph(child, row)
            elif name == "tr":
                self.group += 1
                self.walk(child, self.group)
            elif name in ("tbl", "tc") or name in _TRANSPARENT:
                self.walk(child, row)

    def paragraph(self, element: ElementTree.Element, row: int) -> None:
        """Add a paragraph: its line, and its block if it holds text."""
        found = _Paragraph()
        self.inline(element, found)
        line = _LINE_BREAKS.sub(" ", found.text())
        start = self.offset
        self.lines.append(line)
        self.offset += len(line) + 1
        builder = TextBuilder()
        column = 0
        for text, prose in found.pieces:
            text = _LINE_BREAKS.sub(" ", text)
            if prose:
                builder.add(text, start + column)
            column += len(text)
        text, text_starts, source_starts = builder.frozen()
        if text.strip():
            self.block(element, text, text_starts, source_starts, line, found, row)

    def block(
        self, element: ElementTree.Element, text: str, text_starts: tuple[int, ...], source_starts: tuple[int, ...],
        line: str, found: _Paragraph, row: int,
    ) -> None:
        properties = _child(element, "pPr")
        style = _value(_child(properties, "pStyle"))
        numbered = _numbering_of(properties) or self.styles.numbering(style)
        ordinal = self.numbering.count(*numbered) if numbered and numbered[0] != "0" else 0
        level = 0 if row else self.styles.heading_level(style, _int(_value(_child(properties, "outlineLvl"))))
        if row:
            kind = "table_cell"
        elif level:
            kind = "heading"
            self.section = text.strip()
            self.in_references = is_reference_heading(self.section)
        else:
            kind = "list_item" if numbered and numbered[0] != "0" else "paragraph"
        if not row:
            self.group += 1
        self.blocks.append(
            Block(
                kind, text, text_starts, source_starts, line,
                links=tuple(found.links), footnotes=tuple(found.footnotes), heading_level=level,
                section=self.section, in_references=self.in_references, group=row or self.group,
                ordinal=ordinal if kind == "list_item" else 0,
            )
        )

    def inline(self, element: ElementTree.Element, found: _Paragraph) -> None:
        """Collect a paragraph's text from its runs, links and content controls."""
        for child in element:
            name = _local(child)
            if name == "r":
                self.run(child, found)
            elif name == "hyperlink":
                target = self.rels.get(_relationship(child, "id") or "")
                anchor = _value(child, "anchor")
                if target or anchor:
                    found.links.append(target or f"#{anchor}")
                self.inline(child, found)
            elif name == "fldSimple":
                link = _HYPERLINK_FIELD.search(_value(child, "instr") or "")
                if link:
                    found.links.append(link.group(1))
                self.inline(child, found)
            elif name in _TRANSPARENT:
                self.inline(child, found)

    def run(self, run: ElementTree.Element, found: _Paragraph) -> None:
        """A run of text with one formatting: hidden text is left out, a raised citation number is a note."""
        properties = _child(run, "rPr")
        if _on(_child(properties, "vanish")) or _on(_child(properties, "specVanish")):
            return
        pieces: list[str] = []
        for child in run:
            name = _local(child)
            if name == "t":
                pieces.append(child.text or "")
            elif name == "tab":
                pieces.append("\t")
            elif name in ("br", "cr"):
                pieces.append(" ")
            elif name == "noBreakHyphen":
                pieces.append("-")
            elif name == "instrText":
                link = _HYPERLINK_FIELD.search(child.text or "")
                if link:
                    found.links.append(link.group(1))
            elif name in ("footnoteReference", "endnoteReference"):
                found.footnotes.append(_value(child, "id") or "")
        text = "".join(pieces)
        raised = _value(_child(properties, "vertAlign")) == "superscript"
        if raised and is_citation_marker(text.strip()):
            # Read as a note reference, not as a word glued to the sentence before it.
            found.footnotes.append(text.strip())
            found.pieces.append((text, False))
        elif text:
            found.pieces.append((text, True))
