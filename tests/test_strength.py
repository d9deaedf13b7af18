"""Claim strength and population (claimcheck.analysis.strength): one notion for every check."""

from __future__ import annotations

import pytest

from claimcheck.analysis.strength import Comparison, Population, Strength, compare, population_of, strength_of
from claimcheck.nlp.pipeline import analyze_one


def _sentence(text: str):
    return next(iter(analyze_one(text).sents))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Acupuncture reduces pain.", Strength.DIRECT),
        ("Acupuncture may reduce pain.", Strength.CONDITIONAL),
        ("Acupuncture is linked with less pain.", Strength.CORRELATIONAL),
        # causal-pubmed labels a denied effect a direct claim: it states, as fact, that there is none.
        ("Acupuncture does not reduce pain.", Strength.DIRECT),
        ("Acupuncture doesn’t reduce pain.", Strength.DIRECT),
        ("Further research is needed.", Strength.NONE),
        ("Acupuncture may be associated with less pain.", Strength.CORRELATIONAL),
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


@pytest.mark.parametrize(
    "claim, source, expected",
    [
        ("Coffee prevents liver cancer.", "Coffee drinking was associated with a lower risk of liver cancer.", Comparison.STRONGER),
        ("Coffee may lower the risk of liver cancer.", "Coffee drinking lowered the risk of liver cancer.", Comparison.WEAKER),
        ("Coffee is linked with less liver cancer.", "Coffee drinking was associated with a lower risk of liver cancer.", Comparison.SAME),
        ("The drug shrinks tumours.", "The drug shrank tumours in mice.", Comparison.STRONGER),
        ("In mice, the drug shrank tumours.", "The drug shrank tumours in mice.", Comparison.SAME),
    ],
)
def test_a_claim_is_compared_with_its_source(claim, source, expected):
    assert compare(_sentence(claim), _sentence(source)) is expected
