"""Positions: claimcheck's 1-based character columns and source offsets as LSP positions, and back.

LSP counts lines from 0 and columns in code units of the encoding agreed at start-up (UTF-16
unless the client offers another): an emoji is one character to claimcheck, two UTF-16 units
and four UTF-8 units to the editor. Lines end at CR, LF or CRLF, as in the document model and
the protocol alike.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from claimcheck.source.document import line_starts

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
BOM = "\ufeff"
Position = tuple[int, int]  # (line, character), both 0-based, character in code units


def units(text: str, encoding: str = UTF16) -> int:
    """The length of `text` in code units of a position encoding."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    # Characters outside the Basic Multilingual Plane take a surrogate pair.
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def chars_in(text: str, count: int, encoding: str = UTF16) -> int:
    """How many characters of `text` the first `count` code units cover (a split character counts whole)."""
    if encoding == UTF32:
        return min(count, len(text))
    used = 0
    for index, char in enumerate(text):
        if used >= count:
            return index
        used += units(char, encoding)
    return len(text)


@dataclass(frozen=True)
class Lines:
    """A text as the editor holds it (a BOM included), to turn positions one way or the other."""

    text: str
    encoding: str = UTF16

    @cached_property
    def bom(self) -> int:
        """1 when the text starts with a BOM, which claimcheck's offsets and columns leave out."""
        return 1 if self.text.startswith(BOM) else 0

    @cached_property
    def body(self) -> str:
        """The text without its BOM: what claimcheck's offsets count in."""
        return self.text[self.bom :]

    @cached_property
    def starts(self) -> tuple[int, ...]:
        """Offsets (in the text without its BOM) at which lines start."""
        return line_starts(self.body)

    def line(self, number: int) -> str:
        """The 0-based line `number` without its line break ("" past the end), BOM left out."""
        starts = self.starts
        if number >= len(starts):
            return ""
        end = starts[number + 1] if number + 1 < len(starts) else len(self.body)
        return self.body[starts[number] : end].rstrip("\r\n")

    def from_column(self, line: int, column: int) -> Position:
        """The LSP position of claimcheck's 1-based `line` and character `column`."""
        text = self.line(line - 1)
        shift = units(BOM, self.encoding) if self.bom and line == 1 else 0
        return line - 1, shift + units(text[: max(column - 1, 0)], self.encoding)

    def from_offset(self, offset: int) -> Position:
        """The LSP position of an offset into the text without its BOM (as a Fix holds)."""
        starts = self.starts
        line = bisect_right(starts, offset) - 1
        return self.from_column(line + 1, offset - starts[line] + 1)

    def to_offset(self, position: Position) -> int:
        """The offset (text without BOM) of an LSP position; past a line's end means its end."""
        line, character = position
        starts = self.starts
        if line >= len(starts):
            return len(self.text) - self.bom
        if self.bom and line == 0:
            character = max(character - units(BOM, self.encoding), 0)
        return starts[line] + chars_in(self.line(line), character, self.encoding)

    def end_of_line(self, line: int) -> Position:
        """The LSP position just after the last character of 0-based `line`."""
        return self.from_column(line + 1, len(self.line(line)) + 1)
