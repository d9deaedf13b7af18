"""`reference`: report a numbered citation marker ("[4]") that no numbered reference list resolves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from claimcheck.analysis.draft import Analysis
from claimcheck.checks.base import Hit, require_type
from claimcheck.checks.citation import compile_regexes
from claimcheck.core.rule import Rule
from claimcheck.source.document import Block, Document

_NUMBER_RANGE = re.compile(r"(\d+)(?:\s*[-\u2013]\s*(\d+))?")
# A range wider than this is a typo or not a citation; it is not expanded.
MAX_RANGE = 50


class Reference:
    """Markers in prose must each name an entry of the References or Sources section."""

    keys: ClassVar[dict[str, str]] = {
        "markers": "regular expressions for a citation marker in prose; group 1 holds its numbers ('3', '1, 4', '2-5')",
        "entries": "regular expressions for a numbered entry, matched on each line of a References or Sources "
        "section; group 1 holds its number",
        "suggestion": "text offered to the writer with every finding",
        "no-list-message": "the message when the draft has no numbered entries at all ('{match}' is the first marker); "
        "such markers are then reported once, at the first",
    }

    def __init__(self, rule: Rule) -> None:
        self.markers = compile_regexes(rule, "markers", rule.options.get("markers"))
        self.entries = compile_regexes(rule, "entries", rule.options.get("entries"))
        for key, regexes in (("markers", self.markers), ("entries", self.entries)):
            if not regexes or any(regex.groups < 1 for regex in regexes):
                raise rule.error("needs at least one expression, each with a group for the number", key)
        self.suggestion = rule.options.get("suggestion")
        no_list = rule.options.get("no-list-message")
        self.no_list = require_type(rule, "no-list-message", no_list, str, "text") if no_list is not None else None

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield each marker that names a number the reference list lacks (once in all, when there is no list)."""
        known = self.numbers(analysis.document)
        if not known and analysis.document.has_reference_list():
            return  # a References list without numbers ("References" then its entries): the reader finds it there
        missing = not known and self.no_list is not None
        for index, block, _ in analysis.prose():
            note = _note_number(block)
            for regex in self.markers:
                for marker in regex.finditer(block.text):
                    if note is not None and marker.start() == 0:
                        continue  # the note's own number, not a citation of it
                    if marker_numbers(marker.group(1)) <= known:
                        continue
                    if missing:
                        assert self.no_list is not None
                        message = self.no_list.replace("{match}", marker.group())
                        yield Hit(index, marker.start(), marker.end(), self.suggestion, message=message, once="no list")
                    else:
                        yield Hit(index, marker.start(), marker.end(), self.suggestion)

    def numbers(self, document: Document) -> set[int]:
        """The entry numbers of the document's reference sections, and of notes that open on their number."""
        found: set[int] = set()
        for block in document.blocks:
            if block.in_references and block.kind != "heading":
                for line in _lines(document, block):
                    found.update(int(m.group(1)) for regex in self.entries for m in [regex.match(line)] if m)
            else:
                note = _note_number(block)
                if note is not None:
                    found.add(note)
        return found


# A note at the foot of a release, without a heading: "[2] Quotes direct from the author."
_NOTE = re.compile(r"\[(\d+)\]\s+\S")


def _note_number(block: Block) -> int | None:
    """The number a paragraph that opens on "[n] " gives itself: a note the markers point at."""
    if block.kind != "paragraph":
        return None
    match = _NOTE.match(block.text)
    return int(match.group(1)) if match else None


def marker_numbers(text: str) -> set[int]:
    """'3' → {3}; '1, 4' → {1, 4}; '2-4' → {2, 3, 4}."""
    numbers: set[int] = set()
    for match in _NUMBER_RANGE.finditer(text):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        numbers.update(range(first, last + 1) if 0 <= last - first <= MAX_RANGE else {first, last})
    return numbers


def _lines(document: Document, block: Block) -> Iterator[str]:
    """The source lines a block spans: a list item's number sits before its text, on its first line."""
    if not block.text:
        return
    if block.ordinal:
        # An HTML or Word numbered list: the number is shown, not written in the source.
        yield f"{block.ordinal}. {block.text}"
        return
    first, _ = document.position(block.source_offset(0))
    last, _ = document.position(block.source_offset(len(block.text) - 1))
    for line in range(first, last + 1):
        yield document.line_text(line)
