"""`existence`: report each sentence that uses a listed term or pattern as a claim of fact."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from claimcheck.analysis import context
from claimcheck.analysis.draft import Analysis
from claimcheck.checks.base import Hit
from claimcheck.checks.patterns import PatternSet, covered, optional_patterns
from claimcheck.checks.strengths import KEY_HELP, strength_filter
from claimcheck.core.rule import Rule


class Existence:
    """Terms and token patterns, skipped in the contexts the rule names in `exceptions`."""

    keys: ClassVar[dict[str, str]] = {
        "terms": "words or phrases to find; each matches all its inflections",
        "patterns": "spaCy token patterns to find",
        "exclude": "terms/patterns that, when they cover a match, make it acceptable",
        "exceptions": f"contexts in which a match is not a claim: {', '.join(context.EXCEPTIONS)}",
        "strength": KEY_HELP,
        "suggestion": "text offered to the writer with every finding",
    }

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.find = PatternSet(rule, rule.options, None)
        if self.find.empty:
            raise rule.error("an existence rule needs 'terms' or 'patterns'")
        self.exclude = optional_patterns(rule, "exclude")
        self.exceptions = context.exception_names(rule)
        self.suggestion = rule.options.get("suggestion")
        self.strength = strength_filter(rule)

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield one hit per accepted match."""
        for index, _, doc, matches in self.find.matches(analysis):
            excluded = self.exclude.offsets(doc) if self.exclude else []
            for match in matches:
                if covered(match.start, match.end, excluded):
                    continue
                if context.excepted(self.exceptions, analysis, index, match):
                    continue
                strength = self.strength.of(match)
                if self.strength.keeps(strength):
                    yield Hit(index, match.start_char, match.end_char, self.suggestion, strength=strength)
