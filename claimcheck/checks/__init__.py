"""Check kinds, one module each; a rule picks its kind with `extends:`."""

from __future__ import annotations

from claimcheck.checks.base import Check, Hit
from claimcheck.checks.citation import Citation
from claimcheck.checks.claim import Claim
from claimcheck.checks.existence import Existence
from claimcheck.checks.reading_level import ReadingLevel
from claimcheck.checks.reference import Reference
from claimcheck.checks.require import Require
from claimcheck.checks.source import Source
from claimcheck.checks.study_claim import StudyClaim
from claimcheck.checks.substitution import Substitution
from claimcheck.core.rule import Rule

KINDS: dict[str, type[Check]] = {
    "citation": Citation,
    "claim": Claim,
    "existence": Existence,
    "reference": Reference,
    "require": Require,
    "readability": ReadingLevel,
    "source": Source,
    "study-claim": StudyClaim,
    "substitution": Substitution,
}

__all__ = ["KINDS", "Check", "Hit", "compile_rule"]


def compile_rule(rule: Rule) -> Check:
    """Validate a rule's kind and kind-specific keys, then compile it."""
    kind = KINDS.get(rule.extends)
    if kind is None:
        raise rule.error(f"unknown kind '{rule.extends}' (use one of: {', '.join(sorted(KINDS))})", "extends")
    for key in rule.options:
        if key not in kind.keys:
            allowed = ", ".join(sorted(kind.keys))
            raise rule.error(f"unknown key for '{rule.extends}' rules (known: {allowed})", key)
    return kind(rule)
