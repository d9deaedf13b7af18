"""The expected-findings format of corpus/: one finding a line, `line:column rule "match"` or `document rule`.

`tools/golden.py corpus/DRAFT.md` prints a draft's current findings in this format; review
every line before it goes into `corpus/DRAFT.expected`.
"""

from __future__ import annotations

from pathlib import Path

from claimcheck.core.findings import Finding


def expected_path(draft: Path) -> Path:
    """`corpus/x.md` → `corpus/x.expected`."""
    return draft.with_suffix(".expected")


def line_for(finding: Finding) -> str:
    """One finding in the expected-findings format."""
    if finding.scope == "document":
        return f"document {finding.rule}"
    match = " ".join(finding.match.split())
    return f'{finding.line}:{finding.column} {finding.rule} "{match}"'


def read_expected(path: Path) -> list[str]:
    """The finding lines of an expected file (comments and blank lines left out)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
