"""Make .github/review-page.png: the review page of corpus/clinic-hype.md in headless Chromium.

Run from anywhere: `.venv/bin/python tools/screenshot.py` (needs `chromium`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from claimcheck.output.html import render_html
from claimcheck.ruleset.config import Config
from claimcheck.run.load import load_ruleset
from claimcheck.run.reports import lint_paths

ROOT = Path(__file__).resolve().parent.parent
DRAFT = "corpus/clinic-hype.md"
# Open the page on one finding, so the picture shows its explanation too.
FRAGMENT = "#file-1-f4"


def main() -> int:
    """Render the page, photograph it, and write .github/review-page.png."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshot: chromium is not installed", file=sys.stderr)
        return 2
    # The page shows the path as given: relative to the repository root, as a reader types it.
    os.chdir(ROOT)
    report = lint_paths([DRAFT], load_ruleset(Config()), Config())
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "review.html"
        page.write_text(render_html(report), encoding="utf-8")
        target = ROOT / ".github" / "review-page.png"
        subprocess.run(
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={folder}/profile", "--virtual-time-budget=3000", "--hide-scrollbars",
                f"--screenshot={target}", "--window-size=1280,1240", page.as_uri() + FRAGMENT,
            ],
            check=True, capture_output=True, timeout=120,
        )
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
