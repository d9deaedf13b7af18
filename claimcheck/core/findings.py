"""Findings and reports: plain values that checks produce and formatters read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from claimcheck.core.reading import ReadingLevel
from claimcheck.core.rule import Rule

LEVELS = ("info", "warning", "error")
# The categories of the JSON contract: other tools rely on these names.
CATEGORIES = (
    "overclaim",
    "unhedged-claim",
    "uncited-study",
    "missing-doctor-advice",
    "missing-practitioner-advice",
    "readability",
    "plain-language",
)
# The categories of findings about a claim: their findings carry the strength of the claim's
# sentence (one of the classes of claimcheck.analysis.strength.Strength).
CLAIM_CATEGORIES = frozenset({"overclaim", "unhedged-claim"})


def level_rank(level: str) -> int:
    """Order of severity: info < warning < error."""
    return LEVELS.index(level)


@dataclass(frozen=True)
class Fix:
    """A replacement for a span: of a block's text in a Hit, of the document source in a Finding."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CitedSource:
    """The source a finding's sentence cites, as the finding shows it: its key and its conclusion."""

    key: str
    conclusion: str

    def as_json(self) -> dict[str, str]:
        """The `source` object of a finding in the JSON report."""
        return {"key": self.key, "conclusion": self.conclusion}


@dataclass(frozen=True)
class Finding:
    """One problem at one place in one draft."""

    rule: str
    category: str
    level: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    suggestion: str | None = None
    scope: str = "text"
    sentence: str = field(default="", compare=False)
    # What `--fix` writes, at offsets of the document source (BOM left out); not in the JSON.
    fix: Fix | None = field(default=None, compare=False)
    # The fixes of the other uses of a term reported once per draft (`once: true`): --fix
    # still fixes every use. Not in the JSON.
    more_fixes: tuple[Fix, ...] = field(default=(), compare=False)
    # The cited study a finding compares its sentence with (evidence.beyond-source); in the
    # JSON only on the findings that have one.
    source: CitedSource | None = field(default=None, compare=False)
    # How strongly the sentence states its claim ("none", "correlational", "conditional",
    # "direct"): set only on findings of CLAIM_CATEGORIES; in the JSON only when set.
    strength: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The finding as the JSON contract spells it."""
        data: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "level": self.level,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "match": self.match,
            "suggestion": self.suggestion,
            "scope": self.scope,
        }
        if self.source is not None:
            data["source"] = self.source.as_json()
        if self.strength is not None:
            data["strength"] = self.strength
        return data


@dataclass(frozen=True)
class FileReport:
    """What claimcheck found in one file, or why it could not read it."""

    path: str
    findings: tuple[Finding, ...] = ()
    readability: ReadingLevel | None = None
    error: str | None = None
    baselined: int = 0  # findings left out because the baseline already knows them
    hidden: int = 0  # findings left out because they are below --min-level
    # The draft as checked, for formatters that quote or show it; not part of the JSON.
    source: str | None = field(default=None, compare=False, repr=False)

    def reason(self) -> str:
        """Why the file could not be checked, for a format that names the file already.

        `error` is written for stderr, where it must name the file itself.
        """
        return (self.error or "").removeprefix(f"{self.path}: ")


@dataclass(frozen=True)
class Report:
    """The findings of one run over many files."""

    files: tuple[FileReport, ...]
    # The rules that were run, for formatters that explain them; not part of the JSON.
    rules: tuple[Rule, ...] = field(default=(), compare=False, repr=False)

    def findings(self) -> list[Finding]:
        """Every finding, file by file."""
        return [finding for file in self.files for finding in file.findings]

    def summary(self) -> dict[str, Any]:
        """Counts by level and category, for the summary line and the JSON."""
        findings = self.findings()
        levels = Counter(f.level for f in findings)
        return {
            "files": len(self.files),
            "files_with_findings": sum(1 for f in self.files if f.findings),
            "errors_reading": sum(1 for f in self.files if f.error),
            "findings": len(findings),
            "by_level": {level: levels.get(level, 0) for level in reversed(LEVELS)},
            "by_category": dict(sorted(Counter(f.category for f in findings).items())),
        }
