"""Print drafts' current findings in the expected-findings format of corpus/ (`<draft>.expected`).

Run from the repository root: `.venv/bin/python tools/golden.py corpus/DRAFT.md`, then review
every line before it goes into `corpus/DRAFT.expected`; `tests/test_corpus.py` holds each
draft to its file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from claimcheck.ruleset.config import Config
from claimcheck.run.lint import lint_text
from claimcheck.run.load import load_ruleset
from claimcheck.source.files import read_draft

ROOT = Path(__file__).resolve().parent.parent
# The format itself lives with the tests that read it, so that the two cannot drift apart.
sys.path.insert(0, str(ROOT / "tests"))
from helpers.golden import line_for  # noqa: E402


def main(paths: list[str]) -> int:
    """Print the current findings of each draft in the expected-findings format."""
    if not paths:
        print("usage: tools/golden.py DRAFT...", file=sys.stderr)
        return 2
    ruleset = load_ruleset(Config())
    for name in paths:
        report = lint_text(name, read_draft(name), ruleset)
        print(f"# {Path(name).name}")
        for finding in report.findings:
            print(line_for(finding))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
