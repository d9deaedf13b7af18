"""The analysed draft every check reads: the document, a spaCy Doc per prose block, and its sentences."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimcheck.analysis.measurement import Measurement
from claimcheck.nlp.doc_state import state
from claimcheck.nlp.pipeline import sentences, spans
from claimcheck.source.document import Block, Document
from claimcheck.source.references import Reference

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span



@dataclass(frozen=True)
class Analysis:
    """A parsed draft with one spaCy Doc per prose block."""

    document: Document
    docs: tuple[Doc, ...]
    # The reading level, measured once per draft for the readability rules.
    readability: Measurement | None = None
    # The sources the draft was given (--sources, the config's `sources:`, its sidecar); empty
    # when none were, and then nothing is compared with a source.
    references: tuple[Reference, ...] = ()
    # For each word some pattern asks for, (number of wanted words then, the prose blocks
    # holding it): worked out once per draft by claimcheck.checks.patterns.block_index.
    word_blocks: list[tuple[int, dict[int, list[int]]]] = field(default_factory=list, compare=False, repr=False)
    # Whether the article invites readers to act, and whether it speaks to them ("you"), worked
    # out once per draft by claimcheck.analysis.invitations for the rules that ask.
    # Each list holds its one value once worked out (empty until then).
    invitation: list[str | None] = field(default_factory=list, compare=False, repr=False)
    speaks_to_reader: list[bool] = field(default_factory=list, compare=False, repr=False)
    # Which blocks are a press release's boilerplate, worked out once per draft by
    # claimcheck.analysis.context for the rules that ask.
    boilerplate: list[tuple[bool, ...]] = field(default_factory=list, compare=False, repr=False)

    def prose(self) -> Iterator[tuple[int, Block, Doc]]:
        """Blocks a reader reads as the article's own prose (reference lists left out)."""
        for index, block in enumerate(self.document.blocks):
            if not block.in_references:
                yield index, block, self.docs[index]

    def next_sentence(self, index: int, sentence: Span) -> Span | None:
        """The sentence after `sentence`: in the same block, or opening the next block of its group."""
        doc = self.docs[index]
        if sentence.end < len(doc):
            return sentence_of(doc[sentence.end : sentence.end + 1])
        blocks = self.document.blocks
        following = index + 1
        if following < len(blocks) and blocks[following].group == blocks[index].group and len(self.docs[following]):
            return sentences(self.docs[following])[0]
        return None


def sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token offsets of the sentence tokens start to end lie in (from its first sentence's start to the end of its last).

    Read from the sentence bounds the pipeline stored, not by walking the Doc's tokens.
    """
    bounds = state(doc).sentence_bounds
    if bounds is None:
        sentence = doc[start:end].sent
        return sentence.start, sentence.end
    return bounds[bisect_right(bounds, start) - 1], bounds[bisect_left(bounds, end)]


def sentence_start(doc: Doc, token: int) -> int:
    """Where the sentence holding a token begins, without making a Span for it."""
    return sentence_bounds(doc, token, token + 1)[0]


def sentence_of(span: Span) -> Span:
    """The sentence a span lies in, as `Span.sent` gives it."""
    doc = span.doc
    return spans(doc, [sentence_bounds(doc, span.start, span.end)])[0]


def sentence_chars(doc: Doc) -> list[tuple[int, int]]:
    """Each sentence's (first, end) character offsets in the Doc's text, worked out once per Doc.

    Read from the stored sentence bounds and the tokens' offsets and lengths in one array, not
    from a Span per sentence.
    """
    known = state(doc)
    if known.sentence_chars is None:
        bounds = known.sentence_bounds
        if bounds is None or len(bounds) < 2:
            known.sentence_chars = [(sentence.start_char, sentence.end_char) for sentence in sentences(doc)]
        else:
            from spacy.attrs import IDX, LENGTH

            offsets = doc.to_array([IDX, LENGTH]).tolist()
            known.sentence_chars = [
                (offsets[start][0], offsets[end - 1][0] + offsets[end - 1][1]) for start, end in zip(bounds, bounds[1:])
            ]
    return known.sentence_chars
