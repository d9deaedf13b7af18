"""The expected-findings format of corpus/: one finding a line, `line:column rule "match"` or `document rule`.

Run `python tests/golden.py corpus/DRAFT.md` to print a draft's current findings in this format,
then review every line before it goes into `corpus/DRAFT.expected`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from claimcheck.core.findings import Finding
from claimcheck.ruleset.config import Config
from claimcheck.run.lint import lint_text
from claimcheck.run.load import load_ruleset
from claimcheck.source.files import read_draft


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


def main(paths: list[str]) -> None:
    """Print the current findings of each draft in the expected-findings format."""
    ruleset = load_ruleset(Config())
    for name in paths:
        report = lint_text(name, read_draft(name), ruleset)
        print(f"# {Path(name).name}")
        for finding in report.findings:
            print(line_for(finding))


if __name__ == "__main__":
    main(sys.argv[1:])
