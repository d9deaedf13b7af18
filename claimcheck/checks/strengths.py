"""The `strength:` key of the kinds that read claims: which claim strengths a rule reports."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimcheck.analysis.draft import sentence_of
from claimcheck.analysis.strength import Strength, strength_of
from claimcheck.checks.base import require_type
from claimcheck.core.findings import CLAIM_CATEGORIES
from claimcheck.core.rule import Rule
from claimcheck.nlp.doc_state import state
from claimcheck.nlp.pipeline import sentences, spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

NAMES = tuple(strength.value for strength in Strength)
KEY_HELP = (
    f"a list of claim strengths ({', '.join(NAMES)}): if given, only a sentence whose strength is in "
    "the list is reported"
)


@dataclass(frozen=True)
class StrengthFilter:
    """Which strengths a rule reports (None: all), and whether its hits carry their strength."""

    wanted: frozenset[Strength] | None
    carried: bool

    @property
    def needed(self) -> bool:
        """Whether a hit's sentence must be classed at all."""
        return self.wanted is not None or self.carried

    def of(self, match: Span) -> Strength | None:
        """The strength of the match's sentence, if the rule asks for it."""
        return strength_of(sentence_of(match)) if self.needed else None

    def keeps(self, strength: Strength | None) -> bool:
        """Whether a hit of this strength is reported."""
        return self.wanted is None or strength in self.wanted


def strength_filter(rule: Rule) -> StrengthFilter:
    """The rule's `strength:` list, validated: a load error names an unknown class."""
    carried = rule.category in CLAIM_CATEGORIES
    value = rule.options.get("strength")
    if value is None:
        return StrengthFilter(None, carried)
    what = f"a non-empty list of claim strengths ({', '.join(NAMES)})"
    require_type(rule, "strength", value, list, what)
    if not value:
        raise rule.error(f"must be {what}", "strength")
    for name in value:
        if not isinstance(name, str) or name not in NAMES:
            raise rule.error(f"unknown claim strength {name!r} (known: {', '.join(NAMES)})", "strength")
    return StrengthFilter(frozenset(Strength(name) for name in value), carried)


def strength_at(doc: Doc, char: int) -> Strength:
    """The strength of the sentence of `doc` that holds character `char` (a hit's start)."""
    known = state(doc)
    chars = known.sentence_chars
    if chars is None:
        chars = known.sentence_chars = [(s.start_char, s.end_char) for s in sentences(doc)]
    # By bisection, from the sentence bounds the pipeline stored: a paragraph with thousands of
    # findings has thousands of sentences too.
    at = max(bisect_right(chars, (char, len(doc.text) + 1)) - 1, 0)
    bounds = known.sentence_bounds
    sentence = spans(doc, [(bounds[at], bounds[at + 1])])[0] if bounds is not None else sentences(doc)[at]
    return strength_of(sentence)
