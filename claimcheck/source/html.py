"""The HTML reader: the visible prose of a page (a CMS page or an export) as blocks mapped onto the file.

The standard library's tokenizer (`html.parser`, character references left unconverted) reports
where every tag, run of text and entity starts, so each character of the prose keeps its offset
in the original file. The tree is built here with the few implied-end-tag rules prose needs
(`<p>` closed by the next block, `<li>` by the next item, cells by the next cell or row).

Left out, as a reader never sees them: scripts, styles, templates, forms, embedded objects,
code, hidden elements (`hidden`, `aria-hidden="true"`, `display: none`), and the site's own
navigation: `<nav>`, and `<header>`, `<footer>` and `<aside>` outside the article (inside an
`<article>`, or a header or footer inside `<main>`, they are part of the article).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser

from claimcheck.source.document import (
    Block,
    Comment,
    Document,
    TextBuilder,
    is_citation_marker,
    is_reference_heading,
    line_starts,
)

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"}
)
# Elements whose content no reader of the page sees as the article's prose.
_SKIPPED = frozenset(
    {
        "script", "style", "template", "noscript", "head", "title", "nav", "form", "button", "select",
        "option", "optgroup", "textarea", "datalist", "iframe", "object", "embed", "canvas", "svg", "math",
        "video", "audio", "map", "code", "pre", "kbd", "samp", "dialog", "frameset", "noframes",
    }
)
# Landmarks of the site around the article, unless they sit inside it (see the module doc).
_SITE_PARTS = {"header": ("article", "main"), "footer": ("article", "main"), "aside": ("article",)}
_SKIPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"})
# Elements that flow inside a line of text; every other element starts and ends a block.
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font", "i", "ins", "label",
        "mark", "nobr", "q", "rp", "rt", "ruby", "s", "small", "span", "strike", "strong", "sub", "sup", "time",
        "tt", "u", "var", "wbr", "br", "img",
    }
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Start tags that close an open <p> (the HTML standard's list, less what is inline or void).
_CLOSES_P = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p",
        "pre", "section", "summary", "table", "ul", "li", "dd", "dt", *_HEADINGS,
    }
)
# How far up the tree an implied end tag looks: (elements it closes, elements that stop the search).
_SCOPE = frozenset({"html", "table", "td", "th", "caption", "template", "object", "button"})
_P = frozenset({"p"})
_IMPLIED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), _SCOPE | frozenset({"ol", "ul", "menu"})),
    "dt": (frozenset({"dt", "dd"}), _SCOPE | frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), _SCOPE | frozenset({"dl"})),
    "td": (frozenset({"td", "th"}), frozenset({"table", "tr", "html"})),
    "th": (frozenset({"td", "th"}), frozenset({"table", "tr", "html"})),
    "tr": (frozenset({"tr"}), frozenset({"table", "html"})),
    "thead": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table", "html"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table", "html"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table", "html"})),
}
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.IGNORECASE)
_ENTITY_REF = re.compile(r"&[A-Za-z][-.A-Za-z0-9]*;?")
_CHAR_REF = re.compile(r"&#(?:[xX][0-9a-fA-F]+|[0-9]+);?")
_WHITE = re.compile(r"[ \t\n\r\f]+")


@dataclass
class _Element:
    """An open element: its name, whether its content is left out, and what its blocks share."""

    tag: str
    hidden: bool
    group: int = 0
    # Where this element's text starts among the pieces of the block (citation markers).
    mark: int = 0
    ordinal: int = 0
    next_ordinal: int = 1


@dataclass
class _Pending:
    """The text of the block being read: pieces of decoded text, each at its source offset."""

    pieces: list[tuple[str, int]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    raw_start: int = -1
    raw_end: int = -1


def read_html(path: str, source: str) -> Document:
    """Parse an HTML draft into the prose blocks a reader of the page sees."""
    bom = source.startswith("\ufeff")
    if bom:
        source = source[1:]
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    reader.flush()
    return Document(path, source, tuple(reader.blocks), tuple(reader.comments), "", reader.starts, bom)


class _Reader(HTMLParser):
    """Tokens in, blocks out."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        # html.parser counts lines by line feeds alone, whatever the file's line breaks.
        self.lf_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.starts = line_starts(source)
        self.stack: list[_Element] = [_Element("#root", False)]
        self.pending = _Pending()
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []
        self.section = ""
        self.in_references = False
        self.group = 0

    # -- positions ---------------------------------------------------------------------

    def _here(self) -> int:
        """Source offset of the token being handled."""
        line, column = self.getpos()
        return self.lf_starts[line - 1] + column

    def _line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    # -- tokens --------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element, closing those its start implies."""
        self._start(tag, dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<tag/>`: void elements and foreign self-closed ones open and close at once."""
        self._start(tag, dict(attrs))
        if tag not in _VOID:
            self._end(tag)

    def handle_endtag(self, tag: str) -> None:
        """Close an element and all opened inside it."""
        if tag == "br":  # `</br>` is read as `<br>`, as browsers do
            self._start(tag, {})
            return
        self._end(tag)

    def handle_data(self, data: str) -> None:
        """Text, each character where it stands."""
        if not self.stack[-1].hidden:
            self._add(data, self._here(), len(data))

    def handle_entityref(self, name: str) -> None:
        """`&name;`: decoded, at the offset of its `&`."""
        self._reference(_ENTITY_REF)

    def handle_charref(self, name: str) -> None:
        """`&#NN;` or `&#xHH;`: decoded, at the offset of its `&`."""
        self._reference(_CHAR_REF)

    def handle_comment(self, data: str) -> None:
        """Comments hold inline directives, wherever they are."""
        line, column = self._line_column(self._here())
        self.comments.append(Comment(data.strip(), line, column))

    # -- the tree -----------------------------------------------------------------------

    def _start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in _CLOSES_P:
            self._close_implied(_P, _SCOPE)
        if tag in _IMPLIED:
            closes, stops = _IMPLIED[tag]
            self._close_implied(closes, stops)
        if tag in _HEADINGS and self.stack[-1].tag in _HEADINGS:
            self._end(self.stack[-1].tag)
        parent = self.stack[-1]
        if tag not in _INLINE:
            self.flush()
        if tag == "br":
            if not parent.hidden:
                self._add(" ", self._here(), 0)
            return
        if tag in _VOID:
            return
        element = _Element(tag, parent.hidden or self._left_out(tag, attrs))
        element.mark = len(self.pending.pieces)
        if tag in _INLINE and not element.hidden:
            at = self._here()
            self._raw(at, at + len(self.get_starttag_text() or ""))
            if tag == "a" and attrs.get("href"):
                self.pending.links.append(str(attrs["href"]).strip())
        if tag in ("ol", "ul", "menu"):
            element.next_ordinal = _int(attrs.get("start"), 1) if tag == "ol" else 0
        elif tag == "li":
            element.ordinal = self._ordinal(attrs)
        if tag in ("li", "tr") and not self._inside("li"):
            # A list item is one group with all it holds; so are the cells of a row.
            self.group += 1
            element.group = self.group
        self.stack.append(element)

    def _end(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                break
        else:
            return  # an end tag with nothing to close
        if tag not in _INLINE or any(e.tag not in _INLINE for e in self.stack[depth + 1 :]):
            self.flush()
        else:
            if not self.stack[depth].hidden:
                at = self._here()
                self._raw(at, self.source.find(">", at) + 1 or len(self.source))
            if tag in ("a", "sup"):
                self._drop_marker(self.stack[depth])
        del self.stack[depth:]

    def _close_implied(self, closes: frozenset[str], stops: frozenset[str]) -> None:
        for element in reversed(self.stack[1:]):
            if element.tag in closes:
                self._end(element.tag)
                return
            if element.tag in stops:
                return

    def _left_out(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if tag in _SKIPPED or "hidden" in attrs or (attrs.get("aria-hidden") or "").strip().lower() == "true":
            return True
        if (attrs.get("role") or "").strip().lower() in _SKIPPED_ROLES:
            return True
        if _HIDDEN_STYLE.search(attrs.get("style") or ""):
            return True
        return tag in _SITE_PARTS and not any(self._inside(outer) for outer in _SITE_PARTS[tag])

    def _inside(self, tag: str) -> bool:
        return any(element.tag == tag for element in self.stack)

    def _ordinal(self, attrs: dict[str, str | None]) -> int:
        """The number shown before a list item: counted in an `<ol>`, 0 in a bulleted list."""
        parent = next((e for e in reversed(self.stack) if e.tag in ("ol", "ul", "menu")), None)
        if parent is None or parent.tag != "ol":
            return 0
        number = _int(attrs.get("value"), parent.next_ordinal)
        parent.next_ordinal = number + 1
        return number

    # -- text ----------------------------------------------------------------------------

    def _reference(self, pattern: re.Pattern[str]) -> None:
        if self.stack[-1].hidden:
            return
        at = self._here()
        match = pattern.match(self.source, at)
        if match is None:  # not where the tokenizer said; cannot happen with its own patterns
            return
        text = html.unescape(match.group())
        if text == match.group():  # an unknown name stays as written, character for character
            self._add(text, at, len(text))
        else:
            self._add(text, at, len(match.group()))

    def _add(self, text: str, offset: int, length: int) -> None:
        """Add decoded `text`: written as it reads when `length` is its length, else at `offset` (a reference or a break)."""
        pending = self.pending
        if not text:
            return
        if length == len(text):
            pending.pieces.append((text, offset))
        else:
            pending.pieces.extend((char, offset) for char in text)
        self._raw(offset, offset + max(length, 1))

    def _raw(self, start: int, end: int) -> None:
        """Widen the block's raw source (text and inline markup: where citations are looked for)."""
        pending = self.pending
        pending.raw_start = start if pending.raw_start < 0 else pending.raw_start
        pending.raw_end = max(pending.raw_end, end)

    def _drop_marker(self, element: _Element) -> None:
        """Leave a citation marker ("1", "[2]") out of the prose, as the Markdown reader does."""
        pieces = self.pending.pieces
        if element.mark < len(pieces) and is_citation_marker("".join(text for text, _ in pieces[element.mark :]).strip()):
            del pieces[element.mark :]

    def flush(self) -> None:
        """Make the text read since the last block boundary a block, if it holds any."""
        pending, self.pending = self.pending, _Pending()
        builder = TextBuilder()
        space = True  # at the start: leading white space is dropped
        last_space = -1
        for text, offset in pending.pieces:
            for run, at in _runs(text):
                if run == " ":
                    if not space:
                        builder.add(" ", offset + at)
                        last_space = builder.length
                        space = True
                else:
                    builder.add(run, offset + at)
                    space = False
        text, text_starts, source_starts = builder.frozen()
        if space and last_space == len(text):
            text = text[:-1]  # trailing white space, dropped like leading
        if not text.strip():
            return
        self._block(text, text_starts, source_starts, pending)

    def _block(self, text: str, text_starts: tuple[int, ...], source_starts: tuple[int, ...], pending: _Pending) -> None:
        kind, level = self._kind()
        if kind == "heading":
            self.section = text
            self.in_references = is_reference_heading(text)
        grouped = next((e for e in self.stack if e.group), None)
        if grouped is None:
            self.group += 1
        item = next((e for e in reversed(self.stack) if e.tag == "li"), None)
        self.blocks.append(
            Block(
                kind,
                text,
                text_starts,
                source_starts,
                self.source[pending.raw_start : pending.raw_end],
                links=tuple(pending.links),
                heading_level=level,
                section=self.section,
                in_references=self.in_references,
                quoted=self._inside("blockquote"),
                group=grouped.group if grouped else self.group,
                ordinal=item.ordinal if item is not None and kind == "list_item" else 0,
            )
        )

    def _kind(self) -> tuple[str, int]:
        """The block kind of the text being read, by the element that holds it."""
        holder = next((e.tag for e in reversed(self.stack) if e.tag not in _INLINE), "")
        if holder in _HEADINGS:
            return "heading", _HEADINGS[holder]
        if holder in ("td", "th"):
            return "table_cell", 0
        return ("list_item" if self._inside("li") else "paragraph"), 0


def _runs(text: str) -> list[tuple[str, int]]:
    """`text` cut into words and white space, each run of white space read as one space."""
    runs: list[tuple[str, int]] = []
    cursor = 0
    for match in _WHITE.finditer(text):
        if match.start() > cursor:
            runs.append((text[cursor : match.start()], cursor))
        runs.append((" ", match.start()))
        cursor = match.end()
    if cursor < len(text):
        runs.append((text[cursor:], cursor))
    return runs


def _int(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default
