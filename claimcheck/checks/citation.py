"""`citation`: report each study an article mentions that it never cites, once, where it is first mentioned."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from claimcheck.analysis import context, studies
from claimcheck.analysis.draft import Analysis, sentence_of
from claimcheck.checks.base import Hit, require_type
from claimcheck.checks.patterns import covered, optional_patterns, required_patterns
from claimcheck.core.rule import Rule
from claimcheck.match.literals import AnyOf
from claimcheck.match.regex import MAX_TEXT_LENGTH, unsafe_reason

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A Markdown link, a bare URL or an HTML link in a sentence's source; a footnote reference.
_LINK = re.compile(r"\]\(|\]\[|https?://|\bwww\.|<a\s", re.IGNORECASE)
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
# A paragraph that hands over to a speaker: "Dr. Bonci continued:", "She said:", "Smith told Reuters Health:".
_INTRODUCES_SPEECH = re.compile(
    r"\b(?:said|says|continued|continues|added|adds|explained|explains|noted|notes|wrote|writes|told\s+[^:]{1,40}):\s*$"
)
# A journal by name or number: what makes a citation in a press release's notes the study's, not the
# organisation's ("risks detailed in Allergan's filings" names no journal).
_JOURNAL = re.compile(
    r"\b(?:journal|doi|pmid|published\s+(?:online\s+)?in|in\s+press\s+(?:in|at|with))\b|\b(?:JAMA|NEJM|BMJ|Lancet|PLoS)\b",
    re.IGNORECASE,
)


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
        # These run over whole paragraphs: screened as token patterns' REGEX values are.
        unsafe = unsafe_reason(source, MAX_TEXT_LENGTH)
        if unsafe:
            raise rule.error(f"expression {number} {unsafe}", key)
    return tuple(compiled)


class Citation:
    """A study the article reports is cited once anywhere: by a link, footnote or `cited-by` expression in a sentence that mentions it."""

    keys: ClassVar[dict[str, str]] = {
        "mentions": "terms/patterns: mentions of research that need a source",
        "exclude": "terms/patterns that, when they cover a mention, make it need no source",
        "cited-by": "regular expressions that count as a citation in a sentence (its source, markup included)",
        "links": "true (default): a link in a sentence counts as a citation",
        "footnotes": "true (default): a footnote reference in a sentence counts",
        "said": "true (default): a mention relayed as someone's words (\"said Dr Lee\", \"according to the agency\") needs no source",
        "exceptions": f"contexts in which a mention needs no source: {', '.join(context.EXCEPTIONS)}",
        "suggestion": "text offered to the writer with every finding",
    }

    def __init__(self, rule: Rule) -> None:
        self.mentions = required_patterns(rule, "mentions")
        self.exclude = optional_patterns(rule, "exclude")
        self.cited_by = compile_regexes(rule, "cited-by", rule.options.get("cited-by", []))
        # Each runs on every sentence: screened by the text a match must hold (see claimcheck.match.literals).
        self._cited_by = AnyOf(self.cited_by)
        self.links = require_type(rule, "links", rule.options.get("links", True), bool, "true or false")
        self.footnotes = require_type(rule, "footnotes", rule.options.get("footnotes", True), bool, "true or false")
        self.exceptions = context.exception_names(rule)
        self.said = require_type(rule, "said", rule.options.get("said", True), bool, "true or false")
        self.suggestion = rule.options.get("suggestion")

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield each uncited study once, at its first mention (see claimcheck.analysis.studies)."""
        found = studies.studies(analysis.document, analysis.docs, self.mentions_of(analysis), self.cites_source, self.names_journal)
        for study in found:
            if not study.cited:
                yield Hit(study.first.block, study.first.start, study.first.end, self.suggestion)

    def mentions_of(self, analysis: Analysis) -> Iterator[studies.Mention]:
        """The article's mentions of research, in order: headings, excluded and excepted ones left out."""
        blocks = analysis.document.blocks
        for index, block, doc, matches in self.mentions.matches(analysis):
            if studies.is_headline(block):
                continue  # "..., study finds" is a headline's promise, not a mention to cite
            if self.said and index > 0 and _INTRODUCES_SPEECH.search(blocks[index - 1].text):
                continue  # the paragraph after "Dr. Bonci continued:" is his words, quotation marks or not
            excluded = self.exclude.offsets(doc) if self.exclude else []
            for match in matches:
                # The cheap tests first: the contexts are worked out only for a mention that stays.
                if covered(match.start, match.end, excluded) or studies.in_quotation(block.text, match.start_char):
                    continue
                kind = studies.mention_kind(match)
                if kind is None or context.excepted(self.exceptions, analysis, index, match):
                    continue
                if self.said and studies.said_by_someone(match):
                    continue
                start = sentence_of(match).start_char
                people = studies.names_people(match)
                new = studies.says_new(match)
                yield studies.Mention(index, _word_start(doc, match.start), match.end_char, start, kind, people, new)

    def cites_source(self, source: str) -> bool:
        """A sentence's source carries a citation: a link, a footnote reference, or a `cited-by` expression."""
        if (self.links and _LINK.search(source)) or (self.footnotes and _FOOTNOTE.search(source)):
            return True
        return self._cited_by.search(source)

    def names_journal(self, source: str) -> bool:
        """A sentence's source names the study's journal: a `cited-by` expression that speaks of a journal."""
        return _JOURNAL.search(source) is not None and self._cited_by.search(source)


def _word_start(doc: Doc, start: int) -> int:
    """Where the word holding token `start` begins: a mention opening inside "Follow-up studies" opens at "Follow"."""
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
        start -= 2
    return doc[start].idx
