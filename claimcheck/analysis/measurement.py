"""How hard a draft reads: its sentences and sections, each with its counts, judged by the settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimcheck.nlp.readability import Counts, flesch_kincaid_grade, metrics
from claimcheck.ruleset.reading import Settings


@dataclass(frozen=True)
class Sentence:
    """One sentence of prose, where it is, and how hard it reads."""

    block: int
    start: int
    end: int
    text: str
    counts: Counts

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade of the sentence alone (the judging formula needs more text)."""
        return round(flesch_kincaid_grade(self.counts), 1)


@dataclass(frozen=True)
class Section:
    """A heading and the prose under it, up to the next heading."""

    heading: str
    block: int
    sentences: tuple[Sentence, ...]
    counts: Counts


@dataclass(frozen=True)
class Measurement:
    """The reading level of one draft."""

    settings: Settings
    counts: Counts
    sentences: tuple[Sentence, ...]
    sections: tuple[Section, ...] = field(default=())

    def grade(self, counts: Counts | None = None) -> float | None:
        """The judging formula's grade of the document (or of `counts`)."""
        counts = self.counts if counts is None else counts
        return metrics(counts).get(self.settings.metric) if counts.words else None

    def hard_sentences(self) -> list[Sentence]:
        """Sentences long and hard enough to report, in text order."""
        s = self.settings
        return [x for x in self.sentences if x.counts.words >= s.sentence_words and x.grade >= s.sentence_grade]

    def hardest(self) -> list[Sentence]:
        """The hardest sentences above the target, hardest first."""
        above = [x for x in self.sentences if x.counts.words >= 3 and x.grade > self.settings.target]
        return sorted(above, key=lambda x: -x.grade)[: self.settings.hardest]

    def judged(self, counts: Counts) -> bool:
        """Whether this much prose is long enough to judge against the target."""
        return counts.words >= max(self.settings.min_words, 1)

    def judged_sections(self) -> list[Section]:
        """Sections long enough to judge on their own."""
        return [x for x in self.sections if self.judged(x.counts)]
