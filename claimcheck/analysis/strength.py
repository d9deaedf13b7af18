"""How strongly a sentence states a relation, and about whom: one notion for every check.

Strength uses the four classes of the causal-pubmed data set (Yu, Li and Wang 2019): no
relation, a correlation ("is linked with"), a conditional causal claim ("may reduce") and a
direct causal claim ("reduces"). They are ordered, so that a sentence can be compared with the
conclusion of the study it cites: a draft that says "reduces" where its source said "was
associated with" says more than its source. The population says whom a finding is about
(people, animals, cells), so that a result in mice stated of people can be told apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING

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


def strength_of(sentence: Span) -> Strength:
    """How strongly the sentence states its relation, by its cue words."""
    lowers = {token.lower_ for token in sentence}
    if lowers & NEGATIONS:
        return Strength.NONE
    if lowers & HEDGES:
        return Strength.CONDITIONAL
    if lowers & CORRELATIONS:
        return Strength.CORRELATIONAL
    return Strength.DIRECT


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
