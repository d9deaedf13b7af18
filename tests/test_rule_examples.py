"""Every rule's own pass and fail examples are its tests: fail examples must be reported, pass examples not."""

from __future__ import annotations

import pytest

from claimcheck.ruleset.config import Config
from claimcheck.run.lint import lint_text
from claimcheck.run.load import load_ruleset
from claimcheck.run.validate import with_example_sources

RULES = load_ruleset(Config()).rules


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_has_examples(rule):
    assert rule.examples.get("fail"), f"{rule.path} has no fail examples"
    assert rule.examples.get("pass"), f"{rule.path} has no pass examples"


CASES = [
    pytest.param(rule.id, kind, example, id=f"{rule.id}-{kind}-{number}")
    for rule in RULES
    for kind in ("fail", "pass")
    for number, example in enumerate(rule.examples.get(kind, ()), start=1)
]


@pytest.mark.parametrize("rule_id, kind, example", CASES)
def test_rule_example(ruleset, rule_id, kind, example):
    # A rule that compares sentences with their sources runs its examples with the sources it names.
    rule = ruleset.get(rule_id)
    with_sources = with_example_sources(ruleset, rule) if rule is not None else ruleset
    found = [f for f in lint_text("draft.md", example, with_sources).findings if f.rule == rule_id]
    if kind == "fail":
        assert found, f"{rule_id} should report: {example!r}"
    else:
        assert not found, f"{rule_id} should not report {[f.match for f in found]} in: {example!r}"
