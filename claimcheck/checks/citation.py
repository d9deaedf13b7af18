"""`citation`: report a mention of research whose paragraph or list item cites nothing."""

from __future__ import annotations

import re
from typing import Any, ClassVar, Iterator

from claimcheck.analysis import context
from claimcheck.analysis.draft import Analysis, sentence_start
from claimcheck.checks.base import Hit, require_type
from claimcheck.checks.patterns import covered, optional_patterns, required_patterns
from claimcheck.core.rule import Rule
from claimcheck.source.document import Block


def compile_regexes(rule: Rule, key: str, value: Any) -> tuple[re.Pattern[str], ...]:
    """A rule's list of regular expressions, compiled; a bad one is a load error naming the key."""
    require_type(rule, key, value, list, "a list of regular expressions")
    compiled = []
    for number, source in enumerate(value, start=1):
        if not isinstance(source, str) or not source:
            raise rule.error(f"expression {number} must be non-empty text", key)
        try:
            compiled.append(re.compile(source, re.MULTILINE))
        except re.error as error:
            raise rule.error(f"expression {number} is not a valid regular expression: {error}", key) from None
    return tuple(compiled)


class Citation:
    """A research mention is cited by a link, footnote or `cited-by` expression in its paragraph or list item."""

    keys: ClassVar[dict[str, str]] = {
        "mentions": "terms/patterns: mentions of research that need a source",
        "exclude": "terms/patterns that, when they cover a mention, make it need no source",
        "cited-by": "regular expressions that count as a citation in the paragraph or list item",
        "links": "true (default): a Markdown link in the paragraph or list item counts as a citation",
        "footnotes": "true (default): a footnote reference in the paragraph or list item counts",
        "exceptions": f"contexts in which a mention needs no source: {', '.join(context.EXCEPTIONS)}",
        "suggestion": "text offered to the writer with every finding",
    }

    def __init__(self, rule: Rule) -> None:
        self.mentions = required_patterns(rule, "mentions")
        self.exclude = optional_patterns(rule, "exclude")
        self.cited_by = compile_regexes(rule, "cited-by", rule.options.get("cited-by", []))
        self.links = require_type(rule, "links", rule.options.get("links", True), bool, "true or false")
        self.footnotes = require_type(rule, "footnotes", rule.options.get("footnotes", True), bool, "true or false")
        self.exceptions = context.exception_names(rule)
        self.suggestion = rule.options.get("suggestion")

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield the first uncited mention of each sentence."""
        cited: dict[int, bool] = {}
        groups: dict[int, list[Block]] = {}
        for block in analysis.document.blocks:
            groups.setdefault(block.group, []).append(block)
        for index, block, doc, matches in self.mentions.matches(analysis):
            if block.group not in cited:
                cited[block.group] = any(self.cites(member) for member in groups[block.group])
            if cited[block.group]:
                continue
            reported: set[int] = set()
            excluded = self.exclude.offsets(doc) if self.exclude else []
            for match in matches:
                if sentence_start(doc, match.start) in reported or covered(match.start, match.end, excluded):
                    continue
                if not context.excepted(self.exceptions, analysis, index, match):
                    reported.add(sentence_start(doc, match.start))
                    yield Hit(index, match.start_char, match.end_char, self.suggestion)

    def cites(self, block: Block) -> bool:
        """The block carries a citation: a link, a footnote reference, or a `cited-by` expression."""
        if (self.links and block.links) or (self.footnotes and block.footnotes):
            return True
        # A block without markup reads the same as its source: one search finds what two would.
        texts = (block.text,) if block.raw == block.text else (block.text, block.raw)
        return any(regex.search(text) for regex in self.cited_by for text in texts)

