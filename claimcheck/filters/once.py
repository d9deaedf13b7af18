"""`once: true`: a term reported once per draft, at its first use, with a count of the other uses.

A draft that says "physician" twelve times has one problem for its writer, not twelve. The
finding kept carries the fixes of the uses it stands for, so `--fix` still rewrites them all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from claimcheck.core.findings import Finding


def report_once(findings: Sequence[Finding], keys: Mapping[int, str]) -> list[Finding]:
    """The findings (in order) with each rule's findings of one key (by `id(finding)`) folded into the first."""
    kept: list[Finding] = []
    first: dict[tuple[str, str], int] = {}
    others: dict[int, list[Finding]] = {}
    for finding in findings:
        key = keys.get(id(finding))
        if key is None:
            kept.append(finding)
            continue
        index = first.setdefault((finding.rule, key), len(kept))
        if index == len(kept):
            kept.append(finding)
        else:
            others.setdefault(index, []).append(finding)
    for index, more in others.items():
        kept[index] = folded(kept[index], more)
    return kept


def folded(finding: Finding, more: Sequence[Finding]) -> Finding:
    """`finding` standing for itself and the other uses `more`: a count in its message, their fixes with its own."""
    count = len(more)
    fixes = tuple(fix for other in more for fix in (*((other.fix,) if other.fix else ()), *other.more_fixes))
    message = f"{finding.message} (and {count} more {'use' if count == 1 else 'uses'})"
    return replace(finding, message=message, more_fixes=finding.more_fixes + fixes)
