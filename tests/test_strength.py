"""Claim strength and population (claimcheck.analysis.strength): one notion for every check."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, write

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
        # A treatment that "works", in the plain words of news and adverts.
        ("The patch works.", Strength.DIRECT),
        ("A small study proves that the patch works.", Strength.DIRECT),
        ("The patch may work for some people.", Strength.CONDITIONAL),
        ("Further work is needed.", Strength.NONE),
    ],
)
def test_strength_uses_the_four_classes_of_causal_pubmed(text, expected):
    assert strength_of(_sentence(text)) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # No relation: what should be studied or done next, what something is for, a plain fact.
        ("Further trials are needed to confirm that the diet lowers blood pressure.", Strength.NONE),
        ("Larger studies should examine whether yoga improves sleep.", Strength.NONE),
        ("Programmes to reduce salt intake were rolled out in schools.", Strength.NONE),
        ("The procedure was safe and well tolerated.", Strength.NONE),
        ("Asthma is common in city children.", Strength.NONE),
        # Correlational: a link, a risk, a difference between groups, a change seen over time.
        ("Walking was associated with a lower risk of stroke.", Strength.CORRELATIONAL),
        ("Heavy drinking may be linked to liver disease.", Strength.CORRELATIONAL),
        ("Smoking is a risk factor for gum disease.", Strength.CORRELATIONAL),
        ("Night workers had an increased risk of diabetes.", Strength.CORRELATIONAL),
        ("Blood pressure was higher in men than in women.", Strength.CORRELATIONAL),
        ("Pain scores decreased after six weeks.", Strength.CORRELATIONAL),
        ("Children who skip breakfast are more likely to be overweight.", Strength.CORRELATIONAL),
        # Conditional: a cause, hedged.
        ("Exercise appears to reduce fatigue in cancer survivors.", Strength.CONDITIONAL),
        ("These results suggest that fish oil could lower triglycerides.", Strength.CONDITIONAL),
        ("Green tea might protect against stroke.", Strength.CONDITIONAL),
        # Direct: a cause stated as fact, or an effect denied as fact.
        ("The vaccine prevented severe disease.", Strength.DIRECT),
        ("Coffee drinking reduced the odds of liver disease.", Strength.DIRECT),
        ("The new regimen resulted in fewer relapses.", Strength.DIRECT),
        ("Surgery was superior to physiotherapy for knee pain.", Strength.DIRECT),
        ("Vitamin C did not shorten colds.", Strength.DIRECT),
        ("Sleep plays a key role in memory.", Strength.DIRECT),
        # The first clause that states a finding decides.
        ("Sleep was linked with memory, but whether it causes decline remains to be seen.", Strength.CORRELATIONAL),
    ],
)
def test_strength_reads_agendas_links_hedges_and_causes(text, expected):
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
        ("Mice given the drug may live longer.", "The drug extended the lifespan of mice.", Comparison.WEAKER),
        ("Further research is needed, the authors say.", "Further studies are needed to confirm these findings.", Comparison.SAME),
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


def _benchmark(name: str):
    """A module of tests/benchmarks, imported from its file."""
    path = Path(__file__).parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_strength_benchmark_stops_with_a_message_without_the_data(tmp_path, capsys):
    assert _benchmark("claim_strength").main(["--data", str(tmp_path / "gone.csv")]) == 2
    assert "data set not found" in capsys.readouterr().err


def test_the_strength_benchmark_shows_errors_of_the_tune_half_only(capsys):
    assert _benchmark("claim_strength").main(["--show", "5"]) == 2
    assert "tune half only" in capsys.readouterr().err


def test_the_halves_split_the_data_set_by_the_parity_of_sha1():
    half = _benchmark("claim_strength").half
    # sha1("a") ends in 8 (even), sha1("e") in f and sha1("f") in 5 (odd).
    assert [half(text) for text in ("a", "e", "f")] == ["tune", "measure", "measure"]


def test_the_exaggeration_pairs_are_labelled_and_cover_populations():
    pairs = _benchmark("exaggeration").read_pairs(Path(__file__).parent / "benchmarks" / "exaggeration_pairs.yml")
    assert len(pairs) >= 60
    assert {label for _, _, label in pairs} == {comparison.value for comparison in Comparison}
    assert any("mice" in source and "mice" not in claim and label == "stronger" for claim, source, label in pairs)


def test_a_claim_finding_of_any_kind_carries_its_sentence_strength(cli, monkeypatch):
    # evidence.beyond-source (kind `source`) sets no strength itself: the finding reads its sentence.
    monkeypatch.chdir(ROOT)
    payload = json.loads(cli("check", "--format", "json", "corpus/coffee-liver.md").out)
    beyond = [f for f in payload["files"][0]["findings"] if f["rule"] == "evidence.beyond-source"]
    assert beyond and all(f["category"] == "overclaim" and f["strength"] == "direct" for f in beyond)
