"""Baselines: record today's findings so that a run reports and fails only on new ones.

A finding is matched by file, rule and the fingerprint of its sentence and match, never by line,
so edits elsewhere in a draft do not bring old findings back. Entries are counted: two identical
findings in one file need two entries.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import FileReport, Report
from claimcheck.core.regular_file import read_regular_text
from claimcheck.filters.fingerprint import fingerprint
from claimcheck.ruleset.bounds import check_bounds

BASELINE_VERSION = 1
Key = tuple[str, str, str]
_EXPECTED = "expected the JSON that 'claimcheck baseline' writes"


@dataclass(frozen=True)
class Baseline:
    """How many times each (path, rule, fingerprint) was found when the baseline was recorded."""

    counts: Mapping[Key, int]


def path_key(path: str) -> str:
    """A report path as the baseline stores it: relative to the working folder when inside it, with '/'."""
    normal = os.path.normpath(path)
    if os.path.isabs(normal):
        relative = os.path.relpath(normal)
        normal = normal if relative.startswith("..") else relative
    return PurePath(normal).as_posix()


def render_baseline(report: Report) -> str:
    """The baseline of a report, as JSON; line and match are there for the reader, not for matching."""
    findings = [
        {
            "path": path_key(file.path),
            "rule": finding.rule,
            "fingerprint": fingerprint(finding),
            "line": finding.line,
            "match": finding.match,
        }
        for file in report.files
        for finding in file.findings
    ]
    return json.dumps({"version": BASELINE_VERSION, "findings": findings}, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: str) -> Baseline:
    """Read a baseline file; a missing or malformed one is a one-line error."""
    try:
        text = read_regular_text(path)
    except FileNotFoundError:
        raise ClaimcheckError("baseline file not found", path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ClaimcheckError(f"cannot read baseline: {getattr(error, 'strerror', None) or error}", path) from None
    try:
        data = json.loads(text)
        check_bounds(data)
    except json.JSONDecodeError as error:
        raise ClaimcheckError(f"not a claimcheck baseline: invalid JSON ({error.msg})", path, error.lineno) from None
    except RecursionError:
        raise ClaimcheckError("not a claimcheck baseline: nested too deeply", path) from None
    except ValueError as error:
        # A bound (TooLarge), or a number too long for Python to convert (over 4,300 digits).
        raise ClaimcheckError(f"not a claimcheck baseline: {_one_line(error)}", path) from None
    return Baseline(Counter(_keys(data, path)))


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split(";")[0].split())[:120]


def _keys(data: Any, path: str) -> list[Key]:
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
        raise ClaimcheckError(f"not a claimcheck baseline ({_EXPECTED}, version {BASELINE_VERSION})", path)
    keys: list[Key] = []
    for number, entry in enumerate(data["findings"], start=1):
        fields = [entry.get(name) if isinstance(entry, dict) else None for name in ("path", "rule", "fingerprint")]
        texts = [value for value in fields if isinstance(value, str) and value]
        if len(texts) != len(fields):
            raise ClaimcheckError(f"baseline entry {number} needs text 'path', 'rule' and 'fingerprint'", path)
        keys.append((texts[0], texts[1], texts[2]))
    return keys


def apply_baseline(report: Report, baseline: Baseline) -> Report:
    """The report without the findings the baseline knows, each file counting what it left out."""
    remaining = Counter(baseline.counts)
    return replace(report, files=tuple(_new_only(file, remaining) for file in report.files))


def _new_only(file: FileReport, remaining: Counter[Key]) -> FileReport:
    kept = []
    for finding in file.findings:
        key = (path_key(file.path), finding.rule, fingerprint(finding))
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(finding)
    return replace(file, findings=tuple(kept), baselined=file.baselined + len(file.findings) - len(kept))
