"""The document model: a draft turned into prose blocks that remember where each character came from."""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from types import SimpleNamespace

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore, normalize
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote import index as footnote_index

from claimcheck.source.link_label import parse_link_label

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FRONT_MATTER_FENCE = re.compile(r"---[ \t]*$")
_FRONT_MATTER_END = re.compile(r"(?:---|\.\.\.)[ \t]*$")
# Container markup that can stand before a line's inline content: indentation, block
# quote markers, list bullets and ordinals, ATX heading hashes.
_LINE_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|#{1,6}(?=[ \t]|$)))*[ \t]*")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
ToSource = Callable[[int], int]
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
# The text of a citation marker made with markup: a link "[1](url)" or "[[2]](url)", or
# "<sup>3</sup>". A reader does not read it as a word, and left in the prose it would glue
# onto the sentence before it ("pain.1 Another trial ..."); it stays in the raw text, where
# citations are looked for. Three digits at most: "[2023](url)" is a year, and prose.
_MARKER_TEXT = re.compile(r"\[?\^?\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*\]?")
_REFERENCE_HEADINGS = re.compile(
    r"^\s*(references?|sources?|citations?|bibliography|works cited|further reading|notes)\s*:?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Comment:
    """An HTML comment in the draft (where inline directives live)."""

    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Block:
    """One unit of prose: a heading, paragraph, list item or table cell.

    `text` is what a reader reads. `text_starts[k]`/`source_starts[k]` describe run k: the
    characters from `text_starts[k]` up to the next run start map, one for one, onto the
    source from `source_starts[k]` on.
    """

    kind: str
    text: str
    text_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    raw: str
    links: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    heading_level: int = 0
    section: str = ""
    in_references: bool = False
    quoted: bool = False
    group: int = 0
    # The number a reader sees before a numbered list item when the source does not spell it
    # (an HTML `<ol>`, Word's numbering); 0 when there is none or the source has it.
    ordinal: int = 0

    def source_offset(self, index: int) -> int:
        """Offset in the source of the character at `index` of `text`."""
        run = bisect_right(self.text_starts, index) - 1
        return self.source_starts[run] + index - self.text_starts[run]


@dataclass(frozen=True)
class Document:
    """A parsed draft: source text, its prose blocks, comments and front matter."""

    path: str
    source: str
    blocks: tuple[Block, ...]
    comments: tuple[Comment, ...] = ()
    front_matter: str = ""
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)
    bom: bool = False

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def has_reference_list(self) -> bool:
        """The draft has a References or Sources section with some text in it (numbered or not)."""
        return any(block.in_references and block.kind != "heading" and block.text.strip() for block in self.blocks)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.source)
        return _LINE_BREAK.sub("", self.source[start:end])


def line_starts(source: str) -> tuple[int, ...]:
    """Offsets at which each line of `source` starts (CR, LF and CRLF all end a line)."""
    if "\r" in source:
        return (0, *(m.end() for m in _LINE_BREAK.finditer(source)))
    return _lf_line_starts(source)


def _lf_line_starts(text: str) -> tuple[int, ...]:
    # str.split finds line feeds many times faster than a regex scan does.
    return (0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1]))


def _with_line_feeds(text: str) -> str:
    """`text` with each CRLF or CR line break made a LF, as markdown-it reads it."""
    return _LINE_BREAK.sub("\n", text) if "\r" in text else text


def split_front_matter(source: str) -> tuple[str, int]:
    """Return the YAML front matter (without fences) and the number of lines it spans."""
    if not source.startswith("---"):
        return "", 0
    lines = _LINE_BREAK.split(source)
    if not lines or not _FRONT_MATTER_FENCE.fullmatch(lines[0]):
        return "", 0
    for number, line in enumerate(lines[1:], start=1):
        if _FRONT_MATTER_END.fullmatch(line):
            return "\n".join(lines[1:number]), number + 1
    return "", 0


def parse(path: str, source: str, *, markdown: bool | None = None) -> Document:
    """Parse a draft; Markdown unless the path says plain text (or `markdown` says otherwise)."""
    bom = source.startswith("\ufeff")
    if bom:
        source = source[1:]
    if markdown is None:
        markdown = not path.lower().endswith(".txt")
    starts = line_starts(source)
    front_matter, fm_lines = split_front_matter(source) if markdown else ("", 0)
    if markdown:
        blocks, comments = _MarkdownReader(source, starts, fm_lines).read()
    else:
        blocks, comments = tuple(_plain_blocks(source)), ()
    return Document(path, source, blocks, comments, front_matter, starts, bom)


# -- plain text -------------------------------------------------------------------------

def _plain_paragraphs(source: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of lines that are not blank, line breaks included.

    Line by line: a regex for "lines with something other than whitespace" backtracked
    over every start of a long line of spaces.
    """
    starts = line_starts(source)
    first = None
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(source)
        if source[start:end].strip():
            first = start if first is None else first
        elif first is not None:
            yield first, start
            first = None
    if first is not None:
        yield first, len(source)


def opens_references(raw: str) -> bool:
    """A paragraph whose first line, bold or not, is a References or Sources title: what follows is the list."""
    first = raw.split("\n", 1)[0].strip().strip("*_").strip()
    return bool(_REFERENCE_HEADINGS.match(first))


def _plain_blocks(source: str) -> Iterator[Block]:
    in_references = False
    for number, (start, end) in enumerate(_plain_paragraphs(source)):
        paragraph = source[start:end]
        in_references = in_references or opens_references(paragraph)
        builder = _TextBuilder()
        for piece in re.finditer(r"[^\r\n]+|\r\n|\r|\n", paragraph.rstrip("\r\n")):
            if piece.group()[0] in "\r\n":
                builder.add(" ", start + piece.start())
            else:
                builder.add(piece.group(), start + piece.start())
        text, text_starts, source_starts = builder.frozen()
        yield Block("paragraph", text, text_starts, source_starts, paragraph, in_references=in_references, group=number)


class _TextBuilder:
    """Accumulates prose text together with its run-length source map."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.text_starts: list[int] = []
        self.source_starts: list[int] = []

    def add(self, text: str, source_offset: int) -> None:
        """Append `text`, whose characters sit one for one in the source from `source_offset`."""
        if not text:
            return
        # A new run starts unless `text` continues the last one in the source too.
        if not self.text_starts or self.source_starts[-1] + self.length - self.text_starts[-1] != source_offset:
            self.text_starts.append(self.length)
            self.source_starts.append(source_offset)
        self.parts.append(text)
        self.length += len(text)

    def frozen(self) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
        """The text added, and where each of its runs starts in it and in the source: a Block's first fields."""
        return "".join(self.parts), tuple(self.text_starts or [0]), tuple(self.source_starts or [0])


# -- Markdown ---------------------------------------------------------------------------


# markdown-it stops at its nesting limit and silently drops what lies deeper (commonmark's
# default is 20 levels: a list five deep in a quote). Raised, and what still goes past it
# is refused rather than skipped unread.
MAX_NESTING = 200


class TooDeep(ValueError):
    """Markdown nested deeper than claimcheck reads."""


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table").use(footnote_plugin)
    # The link label search, linear (see link_label): on this parser's own helpers, and in
    # the footnote plugin, which imported markdown-it's by name. Both return the same offsets.
    # Set by name: both are replaced at run time with a function of the same call, which their
    # declared types (a module, a camel-case signature) cannot say.
    setattr(md, "helpers", SimpleNamespace(**{**vars(md.helpers), "parseLinkLabel": parse_link_label}))  # noqa: B010
    setattr(footnote_index, "parseLinkLabel", parse_link_label)  # noqa: B010
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.at("inline", _parse_inlines)
    # The Ruler hands out its compiled chains themselves (markdown-it 3 and 4 alike); each is
    # rewritten in place. Were the chains compiled anew, the rules would only be slower.
    ruler = md.block.ruler
    starts = {rule.fn: _BLOCK_STARTS[rule.name] for rule in ruler.__rules__ if rule.name in _BLOCK_STARTS}
    for chain in {"", *(name for rule in ruler.__rules__ for name in rule.alt)}:
        rules = ruler.getRules(chain)
        rules[:] = _by_first_character(rules, starts)
    return md


# The characters that block constructs must start with (after indentation), by markdown-it
# rule. Each rule returns False at once on a line starting otherwise, but only after logging
# its call and checking for indented code, and markdown-it tries them all on every line that
# starts a block or continues a paragraph: most lines start with none of these.
_BLOCK_STARTS = {
    "fence": frozenset("`~"),
    "blockquote": frozenset(">"),
    "hr": frozenset("*-_"),
    "list": frozenset("*-+0123456789"),
    "footnote_def": frozenset("["),
    "reference": frozenset("["),
    "html_block": frozenset("<"),
    "heading": frozenset("#"),
}
BlockRule = Callable[[StateBlock, int, int, bool], bool]


def _by_first_character(rules: list[BlockRule], starts: dict[BlockRule, frozenset[str]]) -> list[BlockRule]:
    """`rules`, each run of those in `starts` made one rule that calls only the ones a line's
    first character allows, in their order."""
    result: list[BlockRule] = []
    run: list[BlockRule] = []
    for rule in [*rules, None]:
        if rule is not None and rule in starts:
            run.append(rule)
            continue
        if run:
            result.append(_dispatch(run, starts))
            run = []
        if rule is not None:
            result.append(rule)
    return result


def _dispatch(run: list[BlockRule], starts: dict[BlockRule, frozenset[str]]) -> BlockRule:
    chars = {char for rule in run for char in starts[rule]}
    by_character = {char: tuple(rule for rule in run if char in starts[rule]) for char in chars}
    everyone = tuple(run)

    def dispatch(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        pos = state.bMarks[start_line] + state.tShift[start_line]
        # (A line with nothing after its indentation goes to every rule, as before.)
        rules = by_character.get(state.src[pos], ()) if pos < state.eMarks[start_line] else everyone
        for rule in rules:
            if rule(state, start_line, end_line, silent):
                return True
        return False

    return dispatch


def _normalize(state: StateCore) -> None:
    """markdown-it's `normalize` rule, skipped when there is nothing to normalize.

    The reader has made every line break a LF already, and the rule's regex replaces each LF
    with itself, one match per line.
    """
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


# Where one of the enabled inline rules other than plain text and line breaks can start:
# escapes, code spans, emphasis, links and footnote references, autolinks, HTML, entities.
# Images (`![`) and inline footnotes (`^[`) need a `[` too.
_INLINE_MARKUP = re.compile(r"[\\`*_\[<&]")


def _parse_inlines(state: StateCore) -> None:
    """markdown-it's core `inline` rule, with its inline parser skipped for plain text.

    Most inline tokens hold plain prose, for which markdown-it's rules yield one text token
    per line and a break between lines; building those directly is several times faster.
    """
    inline = state.md.inline
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if _INLINE_MARKUP.search(token.content):
                inline.parse(token.content, state.md, state.env, token.children)
            else:
                token.children.extend(_plain_inline(token.content))


def _plain_inline(content: str) -> Iterator[Token]:
    """The tokens markdown-it's inline rules make of text without markup, as they make them.

    Its `newline` rule ends each line: two or more trailing spaces make a hard break (and
    are dropped), one is dropped before a soft break; the next line's indentation is skipped.
    """
    lines = content.split("\n")
    last = len(lines) - 1
    for number, line in enumerate(lines):
        if number:
            line = line.lstrip(" \t")
        if number == last:
            if line:
                yield Token("text", "", 0, content=line)
            return
        kind = "softbreak"
        if line.endswith("  "):
            line, kind = line.rstrip(" "), "hardbreak"
        elif line.endswith(" "):
            line = line[:-1]
        if line:
            yield Token("text", "", 0, content=line)
        yield Token(kind, "br", 0)


# Tokens that start a group (a list item counts as one with all it holds), and the block
# kind of an inline token by its parent's type (list items and paragraphs aside).
_GROUPED = frozenset({"list_item_open", "paragraph_open", "heading_open", "tr_open"})
_KIND_BY_PARENT = {"heading_open": "heading", "th_open": "table_cell", "td_open": "table_cell"}


class _MarkdownReader:
    """Walks markdown-it's tokens and builds prose blocks mapped onto the source."""

    def __init__(self, source: str, starts: tuple[int, ...], front_matter_lines: int) -> None:
        self.source = source
        self.starts = starts
        self.front_matter_lines = front_matter_lines
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []
        self.section = ""
        self.in_references = False
        # Cells of a table row share a line: each is looked for after the one before it.
        self.table_cursor = 0

    def read(self) -> tuple[tuple[Block, ...], tuple[Comment, ...]]:
        """Parse and return the blocks and HTML comments, in source order."""
        body = self.source[self._start_of(self.front_matter_lines) :]
        text = "\n" * self.front_matter_lines + _with_line_feeds(body)
        tokens = _markdown().parse(text)
        if any(token.level >= MAX_NESTING - 1 for token in tokens):
            raise TooDeep(f"Markdown nested more than {MAX_NESTING - 2} levels deep; not checked")
        self._walk(tokens)
        return tuple(self.blocks), tuple(self.comments)

    def _walk(self, tokens: list[Token]) -> None:
        stack: list[Token] = []
        # How many tokens of each type the stack holds, kept in step with it.
        open_types: dict[str, int] = defaultdict(int)
        group = 0
        for token in tokens:
            if token.nesting == 1:
                if token.type == "tr_open" and token.map:
                    self.table_cursor = self.starts[token.map[0]]
                if token.type in _GROUPED and not open_types["list_item_open"]:
                    group += 1
                stack.append(token)
                open_types[token.type] += 1
            elif token.nesting == -1:
                if stack:
                    open_types[stack.pop().type] -= 1
            elif token.type == "inline" and token.map:
                self._inline(token, stack, open_types, group)
            elif token.type == "html_block" and token.map:
                self._html_comments(token.content, token.map[0])

    def _inline(self, token: Token, stack: list[Token], open_types: dict[str, int], group: int) -> None:
        parent = stack[-1].type if stack else ""
        kind = _KIND_BY_PARENT.get(parent)
        if kind is None:
            kind = "list_item" if open_types["list_item_open"] else "paragraph"
        cell_hint = self.table_cursor if kind == "table_cell" else None
        builder, links, notes = self._inline_text(token, cell_hint)
        level = int(stack[-1].tag[1]) if kind == "heading" else 0
        text, text_starts, source_starts = builder.frozen()
        if kind == "heading":
            self.section = text
            self.in_references = bool(_REFERENCE_HEADINGS.match(text))
        elif kind == "paragraph" and opens_references(token.content):
            # "**References**" or a plain "Sources:" line: a heading in all but markup.
            self.in_references = True
        self.blocks.append(
            Block(
                kind,
                text,
                text_starts,
                source_starts,
                token.content,
                links=tuple(links),
                footnotes=tuple(notes),
                heading_level=level,
                section=self.section,
                in_references=self.in_references or open_types["footnote_open"] > 0,
                quoted=open_types["blockquote_open"] > 0,
                group=group,
            )
        )

    # Mapping an inline token's content back onto the source ----------------------------

    def _content_map(self, token: Token, cell_hint: int | None) -> list[int]:
        """Source offset of the start of each line of `token.content`."""
        assert token.map is not None
        source, starts = self.source, self.starts
        offsets = []
        number = self._first_content_line(token)
        for line in token.content.split("\n"):
            if number < len(starts):
                start = starts[number]
                source_line = source[start : self._line_end(number)].rstrip("\r\n")
                offsets.append(start + self._find_in_line(source_line, line, token, cell_hint))
            else:
                offsets.append(len(source))
            number += 1
        return offsets

    def _first_content_line(self, token: Token) -> int:
        """The source line holding the first line of `token.content`.

        markdown-it strips a paragraph's content with `str.strip`, which also drops lines
        holding only Unicode spaces (a no-break space, U+3000, U+2028) that do not make a
        blank line: the content then starts some lines below `token.map[0]`, and mapping it
        from there would shift every later line onto the wrong source line.
        """
        assert token.map is not None
        number, last = token.map
        if not token.content[:1].strip():
            return number
        while number < last - 1 and number < len(self.starts):
            source_line = self.source[self.starts[number] : self._line_end(number)]
            prefix = _LINE_PREFIX.match(source_line)
            if source_line[prefix.end() if prefix else 0 :].strip():
                break
            number += 1
        return number

    def _start_of(self, number: int) -> int:
        return self.starts[number] if number < len(self.starts) else len(self.source)

    def _line_end(self, number: int) -> int:
        return self.starts[number + 1] if number + 1 < len(self.starts) else len(self.source)

    def _find_in_line(self, source_line: str, line: str, token: Token, cell_hint: int | None) -> int:
        stripped = line.strip()
        if not stripped:
            return len(source_line)
        # The usual line of prose: no indentation or container markup starts with a letter.
        prose = cell_hint is None and stripped[0].isalpha()
        if prose and line.startswith(stripped) and source_line.startswith(stripped):
            return 0
        lead = len(line) - len(line.lstrip())
        if cell_hint is not None and token.map:
            line_start = self.starts[token.map[0]]
            at = source_line.find(stripped, max(cell_hint - line_start, 0))
            if at >= 0:
                self.table_cursor = line_start + at + len(stripped)
                return at - lead
        prefix = _LINE_PREFIX.match(source_line)
        at = source_line.find(stripped, prefix.end() if prefix else 0)
        if at < 0:
            at = source_line.rfind(stripped)
        return max(at - lead, 0) if at >= 0 else len(source_line) - len(source_line.lstrip())

    def _inline_text(self, token: Token, cell_hint: int | None) -> tuple[_TextBuilder, list[str], list[str]]:
        line_offsets = self._content_map(token, cell_hint)
        raw = token.content
        builder = _TextBuilder()
        children = token.children or []
        if len(children) == 1 and children[0].type == "text" and children[0].content == raw and _is_plain(raw):
            # Most often one line of prose, all text: what the loop below makes of it.
            builder.add(raw, line_offsets[0])
            return builder, [], []
        to_source: ToSource
        if "\n" in raw:
            raw_line_starts = _lf_line_starts(raw)

            def to_source(index: int) -> int:
                line = bisect_right(raw_line_starts, index) - 1
                return line_offsets[line] + index - raw_line_starts[line]

        else:
            # One line: every index shifts by the same amount.
            to_source = line_offsets[0].__add__

        links: list[str] = []
        notes: list[str] = []
        cursor = 0
        in_autolink = False
        markers = _marker_texts(children)
        for number, child in enumerate(children):
            if child.type == "text" and (in_autolink or number in markers):
                at = raw.find(child.content, cursor)
                cursor = at + len(child.content) if at >= 0 else cursor
            elif child.type == "text":
                text = child.content
                if raw.startswith(text, cursor) and _is_plain(text):
                    # The common case, what `_text` would make of it: text found where it stands.
                    builder.add(text, to_source(cursor))
                    cursor += len(text)
                else:
                    cursor = self._text(text, raw, cursor, builder, to_source, links)
            elif child.type in ("softbreak", "hardbreak"):
                newline = raw.find("\n", cursor)
                if newline < 0:
                    newline = len(raw) - 1
                builder.add(" ", to_source(newline))
                cursor = newline + 1
            elif child.type == "code_inline":
                at = raw.find(child.content, cursor)
                cursor = at + len(child.content) if at >= 0 else cursor
            elif child.type == "link_open":
                links.append(str(child.attrs.get("href", "")))
                in_autolink = child.markup == "autolink"
            elif child.type == "link_close":
                cursor = _skip_to(raw, ">", cursor) if in_autolink else _skip_link_target(raw, cursor)
                in_autolink = False
            elif child.type == "image":
                cursor = _skip_link_target(raw, _skip_to(raw, "]", cursor))
            elif child.type == "footnote_ref":
                notes.append(str(child.meta.get("label", "")))
                cursor = _skip_to(raw, "]", cursor)
            elif child.type == "html_inline":
                at = raw.find(child.content, cursor)
                if at >= 0:
                    if child.content.startswith("<!--"):
                        self._comment_at(child.content, to_source(at))
                    cursor = at + len(child.content)
        return builder, links, notes

    @staticmethod
    def _text(text: str, raw: str, cursor: int, builder: _TextBuilder, to_source: ToSource, links: list[str]) -> int:
        """Align a text run, leaving bare URLs out of the prose (they are links, not words)."""
        if "http" not in text and "www." not in text:
            return _align(text, raw, cursor, builder, to_source)
        start = 0
        for url in _BARE_URL.finditer(text):
            cursor = _align(text[start : url.start()], raw, cursor, builder, to_source)
            at = raw.find(url.group(), cursor)
            cursor = at + len(url.group()) if at >= 0 else cursor
            links.append(url.group())
            start = url.end()
        return _align(text[start:], raw, cursor, builder, to_source)

    def _html_comments(self, content: str, first_line: int) -> None:
        base = self.starts[first_line] if first_line < len(self.starts) else len(self.source)
        for comment in _html_comment_texts(content):
            at = self.source.find(comment, base)
            if at >= 0:
                self._comment_at(comment, at)
                base = at + len(comment)

    def _comment_at(self, text: str, offset: int) -> None:
        line = bisect_right(self.starts, offset) - 1
        self.comments.append(Comment(text[4:-3].strip(), line + 1, offset - self.starts[line] + 1))


def _html_comment_texts(content: str) -> Iterator[str]:
    """Each `<!-- ... -->` of an HTML block, in order.

    Found with `str.find` rather than a lazy regex, which would scan to the end of the
    block again from each of thousands of unclosed `<!--`: once one is unclosed, so is
    every later one.
    """
    at = content.find("<!--")
    while at >= 0:
        end = content.find("-->", at + 4)
        if end < 0:
            return
        yield content[at : end + 3]
        at = content.find("<!--", end + 3)


def _marker_texts(children: list[Token]) -> set[int]:
    """Which children are the text of a citation marker: alone between a link's or a `<sup>`'s tags (see _MARKER_TEXT)."""
    found = set()
    for number in range(1, len(children) - 1):
        before, child, after = children[number - 1], children[number], children[number + 1]
        if child.type != "text" or not _MARKER_TEXT.fullmatch(child.content):
            continue
        if before.type == "link_open" and after.type == "link_close" and before.markup != "autolink":
            found.add(number)
        elif before.type == after.type == "html_inline" and (before.content.lower(), after.content.lower()) == ("<sup>", "</sup>"):
            found.add(number)
    return found


def _is_plain(text: str) -> bool:
    """Whether `text` holds no line break and nothing that might be a bare URL."""
    return "\n" not in text and "http" not in text and "www." not in text


def _skip_to(raw: str, char: str, cursor: int) -> int:
    at = raw.find(char, cursor)
    return at + 1 if at >= 0 else cursor


def _skip_link_target(raw: str, cursor: int) -> int:
    """Move past the `](target)` or `][label]` that closes a link's text."""
    at = raw.find("]", cursor)
    if at < 0:
        return cursor
    after = at + 1
    if raw.startswith("(", after):
        depth, index = 0, after
        while index < len(raw):
            if raw[index] == "\\":
                index += 2
                continue
            depth += {"(": 1, ")": -1}.get(raw[index], 0)
            if depth == 0:
                return index + 1
            index += 1
        return after
    if raw.startswith("[", after):
        return _skip_to(raw, "]", after)
    return after


def _align(text: str, raw: str, cursor: int, builder: _TextBuilder, to_source: ToSource) -> int:
    """Add `text` to the builder, finding each of its characters in `raw` from `cursor` on."""
    if not text:
        return cursor
    at = raw.find(text, cursor)
    if at >= 0 and not raw[cursor:at].strip("*_~[]()<>!` \t"):
        _add_raw_span(builder, at, text, to_source, raw)
        return at + len(text)
    for char in text:
        cursor = _align_char(char, raw, cursor, builder, to_source)
    return cursor


def _add_raw_span(builder: _TextBuilder, at: int, text: str, to_source: ToSource, raw: str) -> None:
    newline = raw.find("\n", at, at + len(text))
    if newline < 0:
        builder.add(text, to_source(at))
        return
    for offset, char in enumerate(text):
        builder.add(char, to_source(at + offset))


def _align_char(char: str, raw: str, cursor: int, builder: _TextBuilder, to_source: ToSource) -> int:
    for index in range(cursor, min(len(raw), cursor + 64)):
        here = raw[index]
        if here == char:
            builder.add(char, to_source(index))
            return index + 1
        if here == "\\" and raw.startswith(char, index + 1):
            builder.add(char, to_source(index))
            return index + 2
        if here == "&":
            entity = _ENTITY.match(raw, index)
            if entity and html.unescape(entity.group()).startswith(char):
                builder.add(char, to_source(index))
                return entity.end()
    builder.add(char, to_source(min(cursor, max(len(raw) - 1, 0))))
    return cursor


# -- shared with the other readers (claimcheck.source.html, claimcheck.source.docx) -------

TextBuilder = _TextBuilder


def is_reference_heading(text: str) -> bool:
    """Whether a heading opens the reference list ("References", "Sources", ...)."""
    return bool(_REFERENCE_HEADINGS.match(text))


def is_citation_marker(text: str) -> bool:
    """Whether `text` is the whole text of a citation marker link or superscript ("1", "[2]", "3-5")."""
    return bool(_MARKER_TEXT.fullmatch(text))
