"""`require`: a document that matches `when` must also contain (un-negated) `require`."""

from __future__ import annotations

from typing import ClassVar, Iterator

from claimcheck.analysis import context
from claimcheck.analysis.draft import Analysis, sentence_of
from claimcheck.checks.base import Hit
from claimcheck.checks.patterns import optional_patterns, required_patterns
from claimcheck.core.rule import Rule


class Require:
    """Document-level: report once when required advice is missing."""

    keys: ClassVar[dict[str, str]] = {
        "when": "terms/patterns: the rule applies only to documents that contain one (default: all)",
        "require": "terms/patterns: at least one must appear, not negated",
    }

    def __init__(self, rule: Rule) -> None:
        if rule.scope != "document":
            raise rule.error("a require rule reports on the whole document: set 'scope: document'", "scope")
        self.required = required_patterns(rule, "require")
        self.when = optional_patterns(rule, "when")

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield a document-level hit when the condition holds and the requirement does not."""
        if self.when and next(self.when.matches(analysis), None) is None:
            return
        for _, _, _, matches in self.required.matches(analysis):
            for match in matches:
                if not context.negated(sentence_of(match), match):
                    return
        yield Hit(None)
