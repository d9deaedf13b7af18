"""`claimcheck rules --check`: find rules that cannot work, by running each on its own examples."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimcheck.core.rule import Rule
from claimcheck.run.lint import lint_text
from claimcheck.run.load import RuleSet
from claimcheck.source.references import load_sources

EXAMPLE_PATH = "example.md"


@dataclass(frozen=True)
class Problem:
    """One reason a rule will not do what its file says."""

    rule: Rule
    reason: str

    def __str__(self) -> str:
        path, line = self.rule.where("examples") if "example" in self.reason else (self.rule.path, None)
        where = f"{path}:{line}" if line else path
        return f"{where}: {self.rule.id}: {self.reason}"


def validate(ruleset: RuleSet, rules: Sequence[Rule]) -> Iterator[Problem]:
    """Every problem found in `rules`, rule by rule."""
    for rule in rules:
        yield from _empty_lists(rule, rule.options, "")
        yield from _examples(ruleset, rule)


def _empty_lists(rule: Rule, value: Any, key: str) -> Iterator[Problem]:
    # An empty term or pattern list is almost always a mistake: under `when` it means the
    # rule never applies, elsewhere that a list of things to find was left unfinished.
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _empty_lists(rule, item, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list) and not value:
        yield Problem(rule, f"'{key}' is an empty list, so it can never match")


def _examples(ruleset: RuleSet, rule: Rule) -> Iterator[Problem]:
    for kind in ("fail", "pass"):
        if not rule.examples.get(kind):
            yield Problem(rule, f"has no {kind} examples")
    for number, example in enumerate(rule.examples.get("fail", ()), start=1):
        if not _reports(ruleset, rule, example):
            yield Problem(rule, f"fail example {number} is not reported: {example!r}")
    for number, example in enumerate(rule.examples.get("pass", ()), start=1):
        found = _reports(ruleset, rule, example)
        if found:
            yield Problem(rule, f"pass example {number} is reported ({', '.join(repr(m) for m in found)}): {example!r}")


def _reports(ruleset: RuleSet, rule: Rule, example: str) -> list[str]:
    """The matches `rule` reports in `example` (an empty match for a document-level finding)."""

    single = with_example_sources(RuleSet((rule,), {rule.id: ruleset.compiled[rule.id]}), rule)
    return [finding.match for finding in lint_text(EXAMPLE_PATH, example, single).findings if finding.rule == rule.id]


def with_example_sources(ruleset: RuleSet, rule: Rule) -> RuleSet:
    """The rule set with the sources a rule's examples are checked with (its `example-sources`), if it names any."""
    name = rule.options.get("example-sources")
    if not isinstance(name, str) or not name:
        return ruleset
    return replace(ruleset, references=load_sources(Path(rule.path).parent / name))
