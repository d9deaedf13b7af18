"""How strongly a sentence states a relation, and about whom: one notion for every check.

Strength uses the four classes of the causal-pubmed data set (Yu, Li and Wang 2019): no
relation, a correlation ("is linked with"), a conditional causal claim ("may reduce") and a
direct causal claim ("reduces"). They are ordered, so that a sentence can be compared with the
conclusion of the study it cites: a draft that says "reduces" where its source said "was
associated with" says more than its source. The population says whom a finding is about
(people, animals, cells), so that a result in mice stated of people can be told apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

import yaml

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


class Strength(str, Enum):
    """How strongly a sentence states a relation (the classes of causal-pubmed), weakest first."""

    NONE = "none"
    CORRELATIONAL = "correlational"
    CONDITIONAL = "conditional"
    DIRECT = "direct"

    @property
    def rank(self) -> int:
        """Its place from weakest (0) to strongest: a larger rank claims more."""
        return _ORDER.index(self)


_ORDER = (Strength.NONE, Strength.CORRELATIONAL, Strength.CONDITIONAL, Strength.DIRECT)


class Population(str, Enum):
    """Whom a finding is about."""

    PEOPLE = "people"
    ANIMALS = "animals"
    CELLS = "cells"
    UNKNOWN = "unknown"


# Single cue words that point at where a sentence sets its strength (claimcheck.checks.source
# quotes the phrase around them); strength_of itself reads the fuller cue lists of strength_cues.yml.
HEDGES = frozenset(
    "may might could possibly perhaps probably likely unlikely potential potentially appear appears appeared seem "
    "seems seemed suggest suggests suggested suggesting hint hints hypothesis speculate presumably tend tends "
    "plausible possible putative".split()
)
CORRELATIONS = frozenset(
    "associated association linked link links correlate correlated correlation relationship predict predicts "
    "predicted predictor".split()
)
NEGATIONS = frozenset("not n't n’t no never neither nor cannot without".split())
ANIMALS = frozenset(
    "mouse mice rat rats murine rodent rodents animal animals pig pigs piglet piglets dog dogs monkey monkeys "
    "primate primates zebrafish fly flies drosophila worm worms rabbit rabbits hamster hamsters".split()
)
CELLS = frozenset("cell cells culture cultures vitro dish organoid organoids tissue tissues".split())
PEOPLE = frozenset(
    "people patient patients participant participants adult adults child children men women volunteer volunteers "
    "human humans person persons individual individuals subject subjects".split()
)


class Cue(NamedTuple):
    """A cue phrase: at each position, the words (a token's lower-case form or lemma) that match there."""

    words: tuple[frozenset[str], ...]

    def at(self, tokens: Sequence[tuple[str, str]], start: int) -> bool:
        """The phrase matches the tokens from `start` on."""
        if start + len(self.words) > len(tokens):
            return False
        return all(lower in allowed or lemma in allowed for allowed, (lower, lemma) in zip(self.words, tokens[start:]))


class CueList(NamedTuple):
    """The cue phrases of one class, found by their first word."""

    by_first: dict[str, tuple[Cue, ...]]


class StrengthCues(NamedTuple):
    """The cue lists of strength_cues.yml."""

    correlational: CueList
    risks: CueList
    causal: CueList
    comparisons: CueList
    described_after: CueList
    changes: CueList
    changed_without_object: CueList
    hedges: CueList
    agenda: CueList
    clauses: CueList
    purpose: CueList
    finding_before_to: CueList


def _cue_list(phrases: Iterable[str]) -> CueList:
    by_first: dict[str, list[Cue]] = {}
    for phrase in phrases:
        cue = Cue(tuple(frozenset(word.split("|")) for word in phrase.lower().split()))
        for first in cue.words[0]:
            by_first.setdefault(first, []).append(cue)
    return CueList({word: tuple(cues) for word, cues in by_first.items()})


@lru_cache(maxsize=1)
def strength_cues() -> StrengthCues:
    """The cue lists, read from the package once per process."""
    data = yaml.safe_load((resources.files("claimcheck.analysis") / "strength_cues.yml").read_text(encoding="utf-8"))
    return StrengthCues(*(_cue_list(data[name]) for name in StrengthCues._fields))


def strength_of(sentence: Span) -> Strength:
    """How strongly the sentence states its relation, by its cue words.

    Correlational wording wins ("may be associated with" is correlational); a causal word
    makes a direct claim unless a hedge makes it conditional; a sentence with neither states
    no relation.
    """
    tokens = [(token.lower_, token.lemma_) for token in sentence]
    found = _scan(tokens)
    starts = [0, *sorted(found[_CLAUSES]), len(tokens)]
    strengths = (_clause_strength(_Clause(found, start, end), tokens[start:end]) for start, end in zip(starts, starts[1:]))
    return next((strength for strength in strengths if strength is not Strength.NONE), Strength.NONE)


_CLAUSES = StrengthCues._fields.index("clauses")


@lru_cache(maxsize=1)
def _cue_index() -> dict[str, tuple[tuple[int, Cue], ...]]:
    """Every cue phrase of every list by its first word, with the list it belongs to."""
    index: dict[str, list[tuple[int, Cue]]] = {}
    for number, cue_list in enumerate(strength_cues()):
        for first, cues in cue_list.by_first.items():
            index.setdefault(first, []).extend((number, cue) for cue in cues)
    return {first: tuple(entries) for first, entries in index.items()}


def _scan(tokens: Sequence[tuple[str, str]]) -> list[dict[int, int]]:
    """For each cue list, where its phrases start in the sentence and the shortest one's length there.

    One pass over the sentence for all the lists, instead of one a list and a clause.
    """
    index = _cue_index()
    found: list[dict[int, int]] = [{} for _ in StrengthCues._fields]
    for i, (lower, lemma) in enumerate(tokens):
        entries = index.get(lower, ()) + (index.get(lemma, ()) if lemma != lower else ())
        for number, cue in entries:
            if cue.at(tokens, i):
                length, known = len(cue.words), found[number].get(i)
                if known is None or length < known:
                    found[number][i] = length
    return found


class _Clause(NamedTuple):
    """The cues found in one clause of a sentence, at positions counted from the clause's start."""

    found: list[dict[int, int]]
    start: int
    end: int

    def find(self, cue_list: str) -> list[int]:
        """Where the list's phrases start inside the clause (and end inside it too)."""
        hits = self.found[StrengthCues._fields.index(cue_list)]
        return sorted(i - self.start for i, length in hits.items() if self.start <= i and i + length <= self.end)


def _clause_strength(clause: _Clause, tokens: Sequence[tuple[str, str]]) -> Strength:
    """The strength of one clause: an agenda states nothing; correlational wording before causal."""
    if clause.find("agenda"):
        return Strength.NONE
    if clause.find("correlational"):
        return Strength.CORRELATIONAL
    # "appears to reduce": the "to" of a finding, not of a purpose.
    findings = {at + 1 for at in clause.find("finding_before_to")}
    purposes = set(clause.find("purpose")) - findings
    # "to reduce", "aimed at reducing": what something is for, not what it was found to do.
    causal = [at for at in clause.find("causal") if at - 1 not in purposes and at - 2 not in purposes]
    described = set(clause.find("described_after"))
    changes = set(clause.find("changes")) | set(clause.find("changed_without_object"))
    risks = set(clause.find("risks"))
    # "with reduced risk", "a reduction in pain", "increased risk": a state or a change
    # measured, which is compared as groups are.
    causes = [
        at for at in causal
        if not (tokens[at][0].endswith("ed") and at - 1 in described) and at not in changes and at not in risks
    ]
    hedged = bool(causal) and bool(clause.find("hedges"))
    if causes or hedged:
        return Strength.CONDITIONAL if hedged else Strength.DIRECT
    if causal or risks or clause.find("comparisons"):
        return Strength.CORRELATIONAL
    return Strength.NONE


def population_of(tokens: Iterable[Token]) -> Population:
    """Whom the words speak of: animals or cells when they name them, people when they name people."""
    lowers = {token.lower_ for token in tokens}
    if lowers & ANIMALS:
        return Population.ANIMALS
    if lowers & CELLS:
        return Population.CELLS
    if lowers & PEOPLE:
        return Population.PEOPLE
    return Population.UNKNOWN


class Comparison(str, Enum):
    """How a claim stands to the source it reports."""

    STRONGER = "stronger"
    SAME = "same"
    WEAKER = "weaker"


def compare(claim: Span, source: Span) -> Comparison:
    """How the claim sentence stands to the source sentence it reports (a study's conclusion).

    A claim says more than its source when it states a stronger relation, or when the source
    speaks of animals or cells and the claim does not say so (a reader takes it to be about people).
    """
    found_in = population_of(source)
    if found_in in (Population.ANIMALS, Population.CELLS) and population_of(claim) in (Population.PEOPLE, Population.UNKNOWN):
        return Comparison.STRONGER
    difference = strength_of(claim).rank - strength_of(source).rank
    if difference > 0:
        return Comparison.STRONGER
    return Comparison.WEAKER if difference < 0 else Comparison.SAME
