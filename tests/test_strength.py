"""Claim strength and population (claimcheck.analysis.strength): one notion for every check."""

from __future__ import annotations

import pytest

from claimcheck.analysis.strength import Population, Strength, population_of, strength_of
from claimcheck.nlp.pipeline import analyze_one


def _sentence(text: str):
    return next(iter(analyze_one(text).sents))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Acupuncture reduces pain.", Strength.DIRECT),
        ("Acupuncture may reduce pain.", Strength.CONDITIONAL),
        ("Acupuncture is linked with less pain.", Strength.CORRELATIONAL),
        ("Acupuncture does not reduce pain.", Strength.NONE),
        ("Acupuncture doesn’t reduce pain.", Strength.NONE),
    ],
)
def test_strength_uses_the_four_classes_of_causal_pubmed(text, expected):
    assert strength_of(_sentence(text)) is expected


def test_strengths_are_ordered_from_no_relation_to_a_direct_claim():
    ranks = [strength.rank for strength in (Strength.NONE, Strength.CORRELATIONAL, Strength.CONDITIONAL, Strength.DIRECT)]
    assert ranks == sorted(ranks) and len(set(ranks)) == 4


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Treated mice lived longer.", Population.ANIMALS),
        ("The drug killed tumour cells in a dish.", Population.CELLS),
        ("Patients who took the drug lived longer.", Population.PEOPLE),
        ("The drug works.", Population.UNKNOWN),
    ],
)
def test_population_names_whom_a_finding_is_about(text, expected):
    assert population_of(_sentence(text)) is expected
