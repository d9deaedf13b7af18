"""`claim`: report a sentence that states an effect or a cause as certain.

The rule lists the phrases that make a claim (`claims`) and, under `unless`, named cue lists
(hedges, correlational wording, what a study measured, recommendations) whose presence
anywhere in the sentence means the claim is not stated as certain.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from claimcheck.analysis import context
from claimcheck.analysis.draft import Analysis, sentence_start
from claimcheck.analysis.invitations import speaks_to_reader
from claimcheck.checks.base import Hit, require_type
from claimcheck.checks.patterns import (
    SPEC_KEYS,
    PatternSet,
    covered,
    optional_patterns,
    required_patterns,
)
from claimcheck.checks.strengths import KEY_HELP, strength_filter
from claimcheck.core.rule import Rule

if TYPE_CHECKING:
    from spacy.tokens import Doc

CUE_KEYS = (*SPEC_KEYS, "except")


@dataclass(frozen=True)
class Cues:
    """One named cue list: its matches, less those covered by its `except` phrases."""

    name: str
    find: PatternSet
    unless: PatternSet | None

    def offsets(self, doc: Doc) -> list[tuple[int, int]]:
        """Every cue in `doc` that its `except` phrases do not cover, as token offsets."""
        found = self.find.offsets(doc)
        if not found or self.unless is None:
            return found
        excepted = self.unless.offsets(doc)
        return [(start, end) for start, end in found if not covered(start, end, excepted)]


class Claim:
    """One finding per sentence with a claim phrase and none of the `unless` cues."""

    keys: ClassVar[dict[str, str]] = {
        "claims": "terms/patterns: the phrases that state an effect or a cause (what is reported)",
        "exclude": "terms/patterns that, when they cover a claim phrase, make it no claim",
        "unless": "named cue lists (each terms/patterns, and 'except' terms/patterns): a sentence "
        "with any cue does not state its claim as certain",
        "when": "named cue lists (as under 'unless'): if given, only a sentence with one of their cues "
        "is reported ('in mice' for a claim about animal work)",
        "exceptions": f"contexts in which a claim phrase is not a claim: {', '.join(context.EXCEPTIONS)}",
        "strength": KEY_HELP,
        "suggestion": "text offered to the writer with every finding",
        "addressed": "true: the rule applies only to articles that speak to their readers (an invitation "
        "to act on their health, or 'you' outside quotations); a news report of research is left alone",
    }

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.claims = required_patterns(rule, "claims")
        self.exclude = optional_patterns(rule, "exclude")
        unless = require_type(rule, "unless", rule.options.get("unless", {}), dict, "a mapping of named cue lists")
        self.cues = tuple(_cues(rule, name, spec) for name, spec in unless.items())
        when = require_type(rule, "when", rule.options.get("when", {}), dict, "a mapping of named cue lists")
        self.when = tuple(_cues(rule, name, spec, "when") for name, spec in when.items())
        self.exceptions = context.exception_names(rule)
        self.suggestion = rule.options.get("suggestion")
        self.addressed = require_type(rule, "addressed", rule.options.get("addressed", False), bool, "true or false")
        self.strength = strength_filter(rule)

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield the first accepted claim phrase of each sentence that carries no cue."""
        if self.addressed and not speaks_to_reader(analysis):
            return
        for index, _, doc, matches in self.claims.matches(analysis):
            # Cues first: most are terms, found quickly, and a claim in a cued sentence needs
            # no look for the exclude patterns that would cover it.
            cued = {sentence_start(doc, start) for cues in self.cues for start, _ in cues.offsets(doc)}
            matches = [match for match in matches if sentence_start(doc, match.start) not in cued]
            if matches and self.when:
                wanted = {sentence_start(doc, start) for cues in self.when for start, _ in cues.offsets(doc)}
                matches = [match for match in matches if sentence_start(doc, match.start) in wanted]
            if matches and self.exclude:
                excluded = self.exclude.offsets(doc)
                matches = [match for match in matches if not covered(match.start, match.end, excluded)]
            reported: set[int] = set()
            for match in matches:
                start = sentence_start(doc, match.start)
                if start in reported:
                    continue
                if context.excepted(self.exceptions, analysis, index, match):
                    continue
                strength = self.strength.of(match)
                if self.strength.keeps(strength):
                    reported.add(start)
                    yield Hit(index, match.start_char, match.end_char, self.suggestion, strength=strength)


def _cues(rule: Rule, name: Any, spec: Any, key: str = "unless") -> Cues:
    where = f"{key}.{name}"
    require_type(rule, key, spec, dict, f"a mapping of terms/patterns under '{name}'")
    unknown = [k for k in spec if k not in CUE_KEYS]
    if unknown:
        raise rule.error(f"unknown key '{unknown[0]}' under '{name}' (known: {', '.join(CUE_KEYS)})", key)
    find = PatternSet(rule, spec, key)
    if find.empty:
        raise rule.error(f"'{name}' needs at least one term or pattern", key)
    unless = spec.get("except")
    if unless is not None:
        require_type(rule, key, unless, dict, f"a mapping of terms/patterns under '{where}.except'")
    return Cues(str(name), find, PatternSet(rule, unless, key) if unless else None)
