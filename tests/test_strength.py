"""Claim strength and population (claimcheck.analysis.strength): one notion for every check."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import write

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


# A house rule of each kind that reads claims, limited to some strengths with `strength:`.
EXISTENCE_RULE = """extends: existence
category: overclaim
level: warning
message: "'{match}' states a cause as fact."
description: Flags a direct claim about the word.
terms: [pain]
strength: [direct]
examples:
  fail: [Acupuncture reduces pain.]
  pass: [Acupuncture may reduce pain., Acupuncture is linked with less pain.]
"""
CLAIM_RULE = """extends: claim
category: unhedged-claim
level: warning
message: "'{match}' states a link."
description: Flags a claim phrase only in a correlational sentence.
claims: {terms: [reduce]}
strength: [correlational, conditional]
examples:
  fail: [Acupuncture may reduce pain., People who reduce salt are less likely to have strokes.]
  pass: [Acupuncture reduces pain.]
"""


def _lint_with(tmp_path, cli, rule: str, text: str) -> list[dict]:
    write(tmp_path, "house/house/strong.yml", rule)
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    write(tmp_path, "draft.md", text + "\n")
    result = cli("check", "--format", "json", "draft.md")
    assert result.code in (0, 1), result.err
    return [f for f in json.loads(result.out)["files"][0]["findings"] if f["rule"] == "house.strong"]


@pytest.mark.parametrize("rule", [EXISTENCE_RULE, CLAIM_RULE])
def test_a_rule_reports_only_the_strengths_it_lists(tmp_path, cli, rule):
    examples = yaml.safe_load(rule)["examples"]
    for text in examples["fail"]:
        [finding] = _lint_with(tmp_path, cli, rule, text)
        assert finding["strength"] in yaml.safe_load(rule)["strength"]
    for text in examples["pass"]:
        assert _lint_with(tmp_path, cli, rule, text) == []


def test_without_a_strength_list_every_strength_is_reported_and_carried(tmp_path, cli):
    rule = EXISTENCE_RULE.replace("strength: [direct]\n", "")
    texts = ("Acupuncture reduces pain.", "Acupuncture may reduce pain.")
    strengths = [_lint_with(tmp_path, cli, rule, text)[0]["strength"] for text in texts]
    assert strengths == ["direct", "conditional"]


def test_only_claim_findings_carry_a_strength(tmp_path, cli):
    rule = EXISTENCE_RULE.replace("category: overclaim", "category: plain-language").replace("strength: [direct]\n", "")
    [finding] = _lint_with(tmp_path, cli, rule, "Acupuncture reduces pain.")
    assert "strength" not in finding
