"""`--min-level`: show only findings at or above a level, and count the ones left out."""

from __future__ import annotations

from dataclasses import replace

from claimcheck.core.findings import FileReport, level_rank


def hide_below(file: FileReport, level: str) -> FileReport:
    """The report with findings below `level` left out, and counted in `hidden`."""
    rank = level_rank(level)
    shown = tuple(finding for finding in file.findings if level_rank(finding.level) >= rank)
    if len(shown) == len(file.findings):
        return file
    return replace(file, findings=shown, hidden=file.hidden + len(file.findings) - len(shown))
