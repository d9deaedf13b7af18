"""`require`: a document that matches `when` (and, if asked, invites readers to act) must also contain (un-negated) `require`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from claimcheck.analysis import context
from claimcheck.analysis.draft import Analysis, sentence_of
from claimcheck.analysis.invitations import first_invitation
from claimcheck.checks.base import Hit, require_type
from claimcheck.checks.patterns import optional_patterns, required_patterns
from claimcheck.core.rule import Rule


class Require:
    """Document-level: report once when required advice is missing."""

    keys: ClassVar[dict[str, str]] = {
        "when": "terms/patterns: the rule applies only to documents that contain one (default: all)",
        "when-count": "how many times `when` must match for the rule to apply "
        "(default 1; 2 or more: a passing mention in a list is not the article's subject)",
        "invited": "true: the rule applies only to articles that invite readers to act on their health (try, take, stop, buy, book ...); "
        "default false",
        "require": "terms/patterns: at least one must appear, not negated",
    }

    def __init__(self, rule: Rule) -> None:
        if rule.scope != "document":
            raise rule.error("a require rule reports on the whole document: set 'scope: document'", "scope")
        self.rule = rule
        self.required = required_patterns(rule, "require")
        self.when = optional_patterns(rule, "when")
        self.when_count = require_type(rule, "when-count", rule.options.get("when-count", 1), int, "a whole number")
        if isinstance(self.when_count, bool) or self.when_count < 1:
            raise rule.error("must be a whole number of at least 1", "when-count")
        self.invited = require_type(rule, "invited", rule.options.get("invited", False), bool, "true or false")

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield a document-level hit when the conditions hold and the requirement does not."""
        subject = self.subject(analysis)
        if subject is None:
            return
        invitation = ""
        if self.invited:
            first = first_invitation(analysis)
            if first is None:
                return
            invitation = first
        for _, _, _, matches in self.required.matches(analysis):
            for match in matches:
                if not context.negated(sentence_of(match), match):
                    return
        # The message names what the article is about: its therapy, or what it invites readers to do.
        yield Hit(None, message=self.rule.format_message(subject or invitation))

    def subject(self, analysis: Analysis) -> str | None:
        """The first words `when` matched often enough ("" when the rule has no `when`), or None when it does not apply."""
        if self.when is None:
            return ""
        found = [match.text for _, _, _, matches in self.when.matches(analysis) for match in matches]
        return found[0].lower() if len(found) >= self.when_count else None
