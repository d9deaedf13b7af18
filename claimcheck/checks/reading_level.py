"""`readability`: the document, a section or a sentence reads above its grade.

The target, the judging formula and the sentence thresholds live in the `readability:`
section of `.claimcheck.yaml`, shared by every readability rule and by the report; a rule
only says what it measures, so `rules:` turns each on or off and sets its level.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from claimcheck.analysis.claims import in_quotation
from claimcheck.analysis.context import in_boilerplate
from claimcheck.analysis.draft import Analysis
from claimcheck.analysis.reading_level import Measurement, measure
from claimcheck.checks.base import Hit
from claimcheck.core.rule import Rule
from claimcheck.nlp.readability import Counts, count, flesch_kincaid_grade, too_short
from claimcheck.ruleset.reading import MINIMUMS, Settings

MEASURES = ("document", "section", "sentence")
# A sentence mostly inside quotation marks is a speaker's words.
OPENING_QUOTES = frozenset("\u201c\u00ab")
CLOSING_QUOTES = frozenset("\u201d\u00bb")
QUOTED_SHARE = 0.5
# A name counts as one word of one syllable when judging whether the writer's own words are hard.
NAME_STAND_IN = "Ann"
NAME_OPENERS = "\u201c\u2018\"'(["


class ReadingLevel:
    """Report prose above the reading-level target; messages may use {grade}, {target}, {formula}, {words}."""

    keys: ClassVar[dict[str, str]] = {"measure": f"what is judged: {', '.join(MEASURES)}"}

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        measure = rule.options.get("measure")
        if measure not in MEASURES:
            raise rule.error(f"must be one of: {', '.join(MEASURES)}", "measure")
        self.measure: str = measure
        if (self.measure == "document") != (rule.scope == "document"):
            wanted = "document" if self.measure == "document" else "text"
            raise rule.error(f"a '{self.measure}' readability rule needs 'scope: {wanted}'", "scope")

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield a hit for each measured stretch of prose above its threshold."""
        measured = analysis.readability or measure(analysis, Settings())
        if self.measure == "sentence":
            yield from self._sentences(measured, analysis)
        else:
            yield from {"document": self._document, "section": self._sections}[self.measure](measured)

    def _document(self, measured: Measurement) -> Iterator[Hit]:
        grade = measured.grade()
        if grade is not None and grade > measured.settings.target and measured.judged(measured.counts):
            message = self._message(measured, grade, measured.counts.words)
            yield Hit(None, message=message + _caveat(measured, measured.counts))

    def _sections(self, measured: Measurement) -> Iterator[Hit]:
        for section in measured.judged_sections():
            if section.counts.words == measured.counts.words:
                continue  # the whole draft under one heading: the document's own finding says it
            grade = measured.grade(section.counts)
            if grade is not None and grade > measured.settings.target:
                message = self._message(measured, grade, section.counts.words) + _caveat(measured, section.counts)
                if section.heading:
                    yield Hit(section.block, 0, len(section.heading), message=message)
                else:
                    # A heading with no prose of its own (all code, say): mark where the section's prose starts.
                    first = section.sentences[0]
                    yield Hit(first.block, first.start, first.end, message=message)

    def _sentences(self, measured: Measurement, analysis: Analysis) -> Iterator[Hit]:
        blocks = analysis.document.blocks
        for sentence in measured.hard_sentences():
            if in_boilerplate(analysis, sentence.block):
                continue  # a press release's "About us" or its notes after "###": not the story the writer tells
            if quoted_share(blocks[sentence.block].text, sentence.start, sentence.end) >= QUOTED_SHARE:
                continue  # someone's words: the writer can choose to quote them, not reword them
            if flesch_kincaid_grade(count(names_made_short(sentence.text))) < measured.settings.sentence_grade:
                continue  # hard only for its names ("Southern Illinois Healthcare"), which the writer cannot change
            message = self._message(measured, sentence.grade, sentence.counts.words, "flesch-kincaid")
            yield Hit(sentence.block, sentence.start, sentence.end, message=message)

    def _message(self, measured: Measurement, grade: float, words: int, formula: str | None = None) -> str:
        values = {
            "grade": f"{grade:g}",
            "target": f"{measured.settings.target:g}",
            "formula": formula or measured.settings.formula,
            "words": str(words),
        }
        message = self.rule.message
        for key, value in values.items():
            message = message.replace("{" + key + "}", value)
        return message


def names_made_short(sentence: str) -> str:
    """The sentence with each name after its first word (a capitalised word or an acronym) as one short word."""
    first, *rest = sentence.split()
    return " ".join([first, *(NAME_STAND_IN if _name(piece) else piece for piece in rest)])


def _name(piece: str) -> bool:
    word = piece.lstrip(NAME_OPENERS)
    return word[:1].isupper()


def quoted_share(text: str, start: int, end: int) -> float:
    """The share of the characters of text[start:end] that lie inside a direct quotation.

    A quotation may open in an earlier sentence of the paragraph and run on into this one.
    """
    inside = in_quotation(text, start)
    quoted = 0
    for char in text[start:end]:
        if char in OPENING_QUOTES:
            inside = True
        elif char in CLOSING_QUOTES:
            inside = False
        elif char == '"':
            inside = not inside
        else:
            quoted += inside
    return quoted / max(1, end - start)


def _caveat(measured: Measurement, counts: Counts) -> str:
    """Say so when the judging formula was normed on more text than this."""
    metric = measured.settings.metric
    if metric not in too_short(counts):
        return ""
    unit, least = MINIMUMS[metric]
    have = counts.words if unit == "words" else counts.sentences
    return f" ({measured.settings.formula} was normed on {least} {unit} and this has {have}: a rough guide.)"
