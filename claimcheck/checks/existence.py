"""`existence`: report each sentence that uses a listed term or pattern as a claim of fact."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Iterator

from claimcheck.checks import context
from claimcheck.checks.base import Analysis, Hit, require_type
from claimcheck.checks.patterns import PatternSet
from claimcheck.rules import Rule

if TYPE_CHECKING:
    from spacy.tokens import Span


class Existence:
    """Terms and token patterns, skipped in the contexts the rule names in `exceptions`."""

    keys: ClassVar[dict[str, str]] = {
        "terms": "words or phrases to find; each matches all its inflections",
        "patterns": "spaCy token patterns to find",
        "exclude": "terms/patterns that, when they cover a match, make it acceptable",
        "exceptions": f"contexts in which a match is not a claim: {', '.join(context.EXCEPTIONS)}",
        "suggestion": "text offered to the writer with every finding",
    }

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.find = PatternSet(rule, rule.options, "terms" if "terms" in rule.options else "patterns")
        if self.find.empty:
            raise rule.error("an existence rule needs 'terms' or 'patterns'")
        exclude = require_type(rule, "exclude", rule.options.get("exclude", {}), dict, "a mapping of terms/patterns")
        self.exclude = PatternSet(rule, exclude, "exclude") if exclude else None
        exceptions = require_type(rule, "exceptions", rule.options.get("exceptions", []), list, "a list")
        unknown = [name for name in exceptions if name not in context.EXCEPTIONS]
        if unknown:
            raise rule.error(f"unknown exception '{unknown[0]}' (use: {', '.join(context.EXCEPTIONS)})", "exceptions")
        self.exceptions = frozenset(exceptions)
        self.suggestion = rule.options.get("suggestion")

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield one hit per accepted match."""
        for index, block, doc in analysis.prose():
            matches = self.find.find(doc)
            if not matches:
                continue
            excluded = self.exclude.find(doc) if self.exclude else []
            for match in matches:
                if any(e.start <= match.start and match.end <= e.end for e in excluded):
                    continue
                if not self._excepted(analysis, index, match):
                    yield Hit(index, match.start_char, match.end_char, self.suggestion)

    def _excepted(self, analysis: Analysis, index: int, match: Span) -> bool:
        sentence = match.sent
        block = analysis.document.blocks[index]
        wants = self.exceptions
        return (
            ("negated" in wants and context.negated(sentence, match))
            or ("asked" in wants and context.asked(sentence, block))
            or ("reported" in wants and context.reported(sentence, match, analysis.next_sentence(index, sentence)))
            or ("quoted" in wants and context.quoted(block.text, match.start_char, match.end_char))
        )
