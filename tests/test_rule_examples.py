"""Every rule's own pass and fail examples are its tests: fail examples must be reported, pass examples not."""

from __future__ import annotations

import pytest

from claimcheck.ruleset.config import Config
from claimcheck.run.load import load_ruleset

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
def test_rule_example(lint, rule_id, kind, example):
    found = lint(example, rule=rule_id)
    if kind == "fail":
        assert found, f"{rule_id} should report: {example!r}"
    else:
        assert not found, f"{rule_id} should not report {[f.match for f in found]} in: {example!r}"
