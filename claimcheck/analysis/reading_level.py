"""The reading level of a draft: its prose cut into sentences and sections, each counted and graded."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from claimcheck.analysis.draft import Analysis
from claimcheck.analysis.measurement import Measurement, Section, Sentence
from claimcheck.core.reading import HardSentence, ProseLevel, ReadingLevel, SectionLevel
from claimcheck.nlp.doc_state import state
from claimcheck.nlp.pipeline import sentences
from claimcheck.nlp.readability import (
    Counts,
    count,
    metrics,
    too_short,
    total,
)
from claimcheck.ruleset.reading import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc


def measure(analysis: Analysis, settings: Settings) -> Measurement:
    """Split the prose into sentences, count each, and group them by section."""
    sentences = tuple(_sentences(analysis))
    sections = tuple(_sections(analysis, sentences))
    return Measurement(settings, total(s.counts for s in sentences), sentences, sections)


def _sentences(analysis: Analysis) -> Iterator[Sentence]:
    for index, block, doc in analysis.prose():
        # The block's text is the text the Doc was made from, and cheap to have: Doc.text
        # and Span.text rebuild theirs from every Token each time.
        text = block.text
        for start, end in _sentence_offsets(doc, text):
            stretch = text[start:end]
            counts = count(stretch)
            if counts.words:
                start += len(stretch) - len(stretch.lstrip())
                sentence = stretch.strip()
                yield Sentence(index, start, start + len(sentence), sentence, counts)


def _sentence_offsets(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Each sentence's characters, up to the next sentence (so with any white space after it)."""
    bounds = state(doc).sentence_bounds
    if bounds is None:
        return [(span.start_char, span.end_char) for span in sentences(doc)]
    starts = [doc[first].idx for first in bounds[:-1]] + [len(text)]
    return list(pairwise(starts))


def _sections(analysis: Analysis, sentences: tuple[Sentence, ...]) -> Iterator[Section]:
    blocks = analysis.document.blocks
    headings = [i for i, b in enumerate(blocks) if b.kind == "heading" and not b.in_references]
    # Sentences come in block order, so each section is one run of them.
    firsts = [s.block for s in sentences]
    for number, first in enumerate(headings):
        last = headings[number + 1] if number + 1 < len(headings) else len(blocks)
        inside = sentences[bisect_left(firsts, first) : bisect_left(firsts, last)]
        if inside:
            yield Section(blocks[first].text.strip(), first, inside, total(s.counts for s in inside))


def summarise(measurement: Measurement, analysis: Analysis) -> ReadingLevel:
    """The reading level as the report carries it: every place turned into a line and column."""
    document = analysis.document
    return ReadingLevel(
        measurement.settings.target,
        measurement.settings.formula,
        _prose_level(measurement, measurement.counts),
        tuple(
            SectionLevel(s.heading, document.position(document.blocks[s.block].source_offset(0))[0], _prose_level(measurement, s.counts))
            for s in measurement.sections
        ),
        tuple(_hard_sentence(s, analysis) for s in measurement.hardest()),
    )


def _prose_level(measurement: Measurement, counts: Counts) -> ProseLevel:
    grade = measurement.grade(counts)
    return ProseLevel(
        grade,
        grade is not None and grade > measurement.settings.target,
        measurement.judged(counts),
        counts.words,
        counts.sentences,
        metrics(counts),
        tuple(too_short(counts)),
    )


def _hard_sentence(sentence: Sentence, analysis: Analysis) -> HardSentence:
    document = analysis.document
    line, column = document.position(document.blocks[sentence.block].source_offset(sentence.start))
    return HardSentence(line, column, sentence.grade, sentence.counts.words, sentence.text)
