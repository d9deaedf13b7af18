"""How an article describes its studies (claimcheck.analysis.study_design), and the `study-claim` rules built on it."""

from __future__ import annotations

import pytest

from claimcheck.analysis.strength import Population
from claimcheck.analysis.study_design import Design, counts_in, describe, designs_in
from claimcheck.run.lint import analyse
from claimcheck.source.document import parse

STUDY_RULES = ("evidence.observational-cause", "evidence.animal-study-people", "evidence.small-study-proof", "evidence.study-advice")


def _studies(text: str):
    analysis = analyse(parse("draft.md", text))
    return describe(analysis.document, analysis.docs)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A randomized controlled trial found less pain.", {Design.RANDOMISED, Design.TRIAL}),
        ("In the randomised, placebo-controlled trial, ...", {Design.RANDOMISED, Design.CONTROLLED, Design.TRIAL}),
        ("The observational study found fewer cases.", {Design.OBSERVATIONAL}),
        ("The researchers followed 5,000 nurses for ten years.", {Design.COHORT}),
        ("A case-control study compared them.", {Design.CASE_CONTROL}),
        ("This cross-sectional survey asked 300 adults.", {Design.CROSS_SECTIONAL, Design.SURVEY}),
        ("Participants filled in a questionnaire.", {Design.SURVEY}),
        ("They looked at medical records of 3,000 people.", {Design.RECORDS}),
        ("A meta-analysis of 12 trials ...", {Design.META_ANALYSIS, Design.TRIAL}),
        ("A systematic review found ...", {Design.SYSTEMATIC_REVIEW, Design.REVIEW}),
        ("In a small pilot study, ...", {Design.PILOT}),
        ("The case report describes one woman.", {Design.CASE_REPORT}),
        ("Coffee was linked to less depression.", {Design.LINK}),
    ],
)
def test_design_words_are_read_in_varied_wordings(text, expected):
    assert designs_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Larger randomised trials are needed to confirm it.",
        "Randomized trials in people are still needed.",
        "It was not a randomized trial.",
        "Unlike an earlier observational study, it found nothing.",
        "The study was peer-reviewed.",
    ],
)
def test_design_words_of_other_or_future_research_are_not_the_studys(text):
    assert designs_in(text) == frozenset()


def test_a_design_word_in_the_studys_own_phrase_counts_after_another():
    text = "In a separate pilot study, 12 mice were given caffeine."
    assert Design.PILOT in designs_in(text, text.index("study"))
    assert Design.PILOT not in designs_in(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A study of 1,200 women found", [(1200, Population.PEOPLE)]),
        ("It involved a dozen patients.", [(12, Population.PEOPLE)]),
        ("20 people took part.", [(20, Population.PEOPLE)]),
        ("The trial enrolled 1.5 million adults.", [(1_500_000, Population.PEOPLE)]),
        ("They tested it in 12 mice.", [(12, Population.ANIMALS)]),
        ("One in three women has it.", []),
        ("It affects 2 million people.", []),
        ("About 20 percent of people", []),
    ],
)
def test_sizes_are_read_only_where_the_study_counts_them(text, expected):
    assert counts_in(text) == expected


def test_a_study_is_described_from_every_sentence_that_mentions_it():
    found = _studies(
        "A new study of 5,000 nurses, published in JAMA, found coffee was linked to less depression.\n\n"
        "The researchers followed the women for ten years. Larger randomised trials are needed.\n"
    )
    assert len(found) == 1
    study = found[0]
    assert study.designs == {Design.LINK, Design.COHORT}
    assert (study.population, study.size) == (Population.PEOPLE, 5000)
    assert study.observational and not study.small and not study.experimental
    assert len(study.places) == 2


@pytest.mark.parametrize(
    "text, population, small",
    [
        ("A pilot study in 12 patients found less pain.", Population.PEOPLE, True),
        ("A study in mice found the drug reverses hearing loss.", Population.ANIMALS, False),
        ("The study of tumour cells grown in a lab dish found the drug killed them.", Population.CELLS, False),
        ("The study of bone tissue in 900 women found ...", Population.PEOPLE, False),
    ],
)
def test_population_and_smallness_of_a_study(text, population, small):
    (study,) = _studies(text)
    assert study.population is population and study.small is small


def test_animal_work_is_never_observational():
    (study,) = _studies("The study in mice found the drug was linked to longer lives.")
    assert Design.LINK in study.designs and not study.observational


@pytest.mark.parametrize("rule_id", STUDY_RULES)
def test_study_rules_report_their_fail_examples_and_not_their_pass_examples(ruleset, lint, rule_id):
    rule = next(rule for rule in ruleset.rules if rule.id == rule_id)
    for example in rule.examples["fail"]:
        assert lint(example, rule=rule_id), example
    for example in rule.examples["pass"]:
        assert not lint(example, rule=rule_id), example


def test_the_message_says_how_the_article_describes_the_study(lint):
    (finding,) = lint(
        "The study, which followed 5,000 nurses for ten years, found that coffee prevents depression.",
        rule="evidence.observational-cause",
    )
    assert "a cohort study of 5,000 people" in finding.message
    assert finding.match == "prevents depression"


def test_a_trial_in_reach_keeps_a_claim_quiet(lint):
    text = "A cohort study of 5,000 nurses and a randomised trial of 300 nurses were published in JAMA. Coffee prevents depression."
    assert not lint(text, rule="evidence.observational-cause")


def test_a_claim_outside_the_paragraph_does_not_rest_on_the_study(lint):
    text = "The study followed 5,000 nurses for ten years.\n\nCoffee prevents depression.\n"
    assert not lint(text, rule="evidence.observational-cause")


def test_the_study_rules_are_off_by_default():
    from claimcheck.ruleset.config import Config
    from claimcheck.run.load import load_ruleset

    on = {rule.id for rule in load_ruleset(Config()).rules}
    assert not on & set(STUDY_RULES)


@pytest.mark.parametrize(
    "body, reason",
    [
        ("claims: {terms: [prevents]}\nreach: chapter", "must be one of: sentence, paragraph"),
        ("claims: {terms: [prevents]}\ndesigns: [anecdote]", "unknown value 'anecdote'"),
        ("claims: {terms: [prevents]}\ninvited: true", "give either 'claims' or 'invited: true'"),
        ("observational: true", "give either 'claims' or 'invited: true'"),
    ],
)
def test_bad_study_claim_keys_are_load_errors(tmp_path, cli, body, reason):
    from conftest import write

    header = "extends: study-claim\ncategory: overclaim\nlevel: warning\nmessage: m\ndescription: d\n"
    write(tmp_path, "house/design/r.yml", f"{header}{body}\n")
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    write(tmp_path, "draft.md", "Coffee prevents depression.\n")
    result = cli("check", "draft.md")
    assert result.code == 2 and reason in result.err and "r.yml" in result.err
