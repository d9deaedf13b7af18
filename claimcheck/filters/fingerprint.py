"""Fingerprints that follow a finding across edits: by rule, sentence and match, never by line."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from claimcheck.core.findings import Finding


def _normal(text: str) -> str:
    # Re-wrapping a paragraph or changing case must not make an old finding look new.
    return " ".join(text.split()).casefold()


def fingerprint(finding: Finding) -> str:
    """A hash of the finding's rule, normalised sentence and matched words (no position)."""
    key = "\0".join((finding.rule, _normal(finding.sentence), _normal(finding.match)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Iterable[Finding]) -> list[tuple[str, int]]:
    """(fingerprint, occurrence) of each finding of one file: identical findings count 0, 1, 2 …"""
    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        print_ = fingerprint(finding)
        result.append((print_, seen[print_]))
        seen[print_] += 1
    return result
