"""Plain language: the substitution kind and the built-in swap packs."""

from __future__ import annotations

import pytest
from conftest import write

from claimcheck.nlp.wording import article_for, inflect_phrase, inflection, keep_case
from claimcheck.ruleset.config import Config
from claimcheck.run.load import load_ruleset

RULES = [rule for rule in load_ruleset(Config()).rules if rule.extends == "substitution"]
ENTRIES = {term: spec for rule in RULES for term, spec in rule.options["swap"].items()}


def test_pack_has_at_least_sixty_entries_each_with_a_reason():
    assert {rule.id.split(".")[0] for rule in RULES} == {"plain-language"}
    assert len(ENTRIES) >= 60
    assert all(spec["reason"].strip() for spec in ENTRIES.values())
    for term in ("spasticity", "paresthesia", "exacerbation", "demyelination", "neuropathic pain", "efficacy",
                 "adverse event", "utilize", "facilitate", "prior to", "commence", "approximately"):
        assert term in ENTRIES, term


@pytest.mark.parametrize("term", sorted(ENTRIES))
def test_no_alternative_is_itself_reported(lint, term):
    # A fix must not write words that any plain-language rule reports again.
    alternatives = ENTRIES[term]["use"]
    for alternative in [alternatives] if isinstance(alternatives, str) else alternatives:
        found = [f.match for f in lint(f"Here is {alternative} for you.") if f.category == "plain-language"]
        assert not found, f"{term} → {alternative}: {found}"


@pytest.mark.parametrize(
    "text, match, suggestion, fix",
    [
        ("Practitioners utilize needles.", "utilize", "use", "use"),
        ("Utilize thin needles.", "Utilize", "Use", "Use"),
        ("PRIOR TO TREATMENT, EAT.", "PRIOR TO", "BEFORE", "BEFORE"),
        ("The clinic utilized needles.", "utilized", "used", "used"),
        ("It is utilising needles.", "utilising", "using", "using"),
        ("It facilitates sleep.", "facilitates", "helps", "helps"),
        ("Exacerbations can last weeks.", "Exacerbations", "Flare-ups or relapses", "Flare-ups"),
        ("An exacerbation can last weeks.", "exacerbation", "flare-up or relapse", "A flare-up"),
        ("Adverse events were mild.", "Adverse events", "Side effects", "Side effects"),
        ("She had paresthesias in her feet.", "paresthesias", "tingling or numbness", "tingling or numbness"),
        ("Hematomas are rare.", "Hematomas", "Bruises", "Bruises"),
        ("Tell them about contraindications.", "contraindications", "reasons not to have it or reasons to avoid it", None),
        ("The efficacy of acupuncture is unclear.", "efficacy", "how well it works", None),
        ("Studies have demonstrated this.", "demonstrated", "show", None),
    ],
)
def test_suggestion_keeps_case_and_inflection(lint, text, match, suggestion, fix):
    [finding] = [f for f in lint(text, path="d.txt") if f.category == "plain-language"]
    assert (finding.match, finding.suggestion) == (match, suggestion)
    assert (finding.fix.text if finding.fix else None) == fix
    assert suggestion.split(" or ")[0] in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Spasticity (muscle stiffness) is common. Later, spasticity may ease.",
        "Neuropathic pain, or nerve pain, is common.",
        "Doctors call it \"spasticity\".",
        "## What is spasticity?",
        "```\nutilize = 1\n```",
        "See [the guide](https://example.org/utilize-approximately).",
        "---\ntitle: Utilize approximately\n---\n\nHello there.",
        "## References\n\n1. Efficacy of acupuncture for spasticity. J Neurol. 2020.",
        "Ask for informed consent. A transient ischaemic attack is a warning sign.",
        "Cohort studies follow people for years. A physician assistant may see you.",
    ],
)
def test_no_false_alarms(lint, text):
    assert [f.match for f in lint(text) if f.category == "plain-language"] == []


def test_every_finding_has_a_suggestion(lint):
    from conftest import CORPUS

    findings = [f for f in lint((CORPUS / "jargon-heavy.md").read_text(encoding="utf-8"), path="j.md")
                if f.category == "plain-language"]
    assert len(findings) == 26
    assert all(f.suggestion for f in findings)


def test_wording_helpers():
    assert inflection("utilized", "utilize") == "ed"
    assert inflection("paresthesiae", "paresthesia") is None
    assert inflect_phrase("find out", "ed", head_first=True) == "found out"
    assert inflect_phrase("area of damage", "s", head_first=False) == "areas of damage"
    assert inflect_phrase("muscle stiffness", "s", head_first=False) == "muscle stiffness"
    assert inflect_phrase("show", "ed", head_first=True) is None  # showed or shown?
    assert keep_case("Utilize", "use") == "Use" and keep_case("UTILIZE", "use") == "USE"
    assert [article_for(w) for w in ("add-on", "flare-up", "use", "hour", "MS relapse")] == ["an", "a", "a", "an", "an"]


SWAP_RULE = """extends: substitution
category: plain-language
level: info
message: "'{match}': say '{suggestion}'. {reason}"
description: House words.
swap:
  leverage:
    use: use
    verb: true
    %s
examples:
  fail: [We leverage needles.]
  pass: [We use needles.]
"""


@pytest.mark.parametrize(
    "extra, message",
    [
        ("", "'swap': 'leverage' needs 'use' and 'reason'"),
        ("reason: Shorter.\n    fixed: true", "'swap': 'leverage': unknown key 'fixed' (known: use, reason, also, verb, fix, except)"),
        ("reason: Shorter.\n    fix: maybe", "'swap': 'leverage': 'verb' and 'fix' must be true or false"),
    ],
)
def test_bad_swap_entries_are_load_errors(tmp_path, cli, extra, message):
    path = write(tmp_path, "house/words/leverage.yml", SWAP_RULE % extra)
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    write(tmp_path, "d.md", "Hello.\n")
    result = cli("check", "d.md")
    assert result.code == 2
    assert result.err == f"claimcheck: {path}:6: {message}\n"


def test_an_alternative_that_uses_a_listed_term_is_a_load_error(tmp_path, cli):
    rule = SWAP_RULE.replace("use: use", "use: leverage it") % "reason: Shorter."
    path = write(tmp_path, "house/words/leverage.yml", rule)
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    write(tmp_path, "d.md", "Hello.\n")
    result = cli("check", "d.md")
    assert result.err == f"claimcheck: {path}:6: 'swap': 'leverage': the alternative 'leverage it' uses a listed term\n"


def test_user_swap_rule_reports_with_its_reason(tmp_path, cli):
    write(tmp_path, "house/words/leverage.yml", SWAP_RULE % "reason: Shorter.")
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    write(tmp_path, "d.md", "We leveraged thin needles.\n")
    result = cli("check", "d.md")
    assert 'd.md:1:4  info     plain-language  "leveraged"' in result.out
    assert "'leveraged': say 'used'. Shorter.  [words.leverage]" in result.out
