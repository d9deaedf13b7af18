"""What every check kind shares: the analysed draft it reads and the hits it yields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from claimcheck.analysis.draft import Analysis
from claimcheck.analysis.strength import Strength
from claimcheck.core.findings import CitedSource, Fix
from claimcheck.core.rule import Rule

if TYPE_CHECKING:

    pass


@dataclass(frozen=True)
class Hit:
    """A check's raw result: a character span of one block, or the whole document."""

    block: int | None
    start: int = 0
    end: int = 0
    suggestion: str | None = None
    message: str | None = None
    # A safe rewrite: replace block text [start, end) with `text` (may reach past the match).
    fix: Fix | None = None
    # Hits of one rule with the same `once` key are reported once per draft (the first, with a
    # count of the others); None reports every hit.
    once: str | None = None
    # The cited source the hit compares its sentence with, shown with the finding.
    source: CitedSource | None = None
    # How strongly the hit's sentence states its claim, from the kinds that read claims.
    strength: Strength | None = None


class Check(Protocol):
    """A rule kind: built once from a rule (compiling its patterns), then run on each draft."""

    keys: ClassVar[dict[str, str]]

    def __init__(self, rule: Rule) -> None: ...

    def run(self, analysis: Analysis) -> Iterator[Hit]: ...


def require_type(rule: Rule, key: str, value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    """Return `value` if it is of `kind`, else raise a load error naming the rule's key."""
    if not isinstance(value, kind):
        raise rule.error(f"must be {what}", key)
    return value
