"""The HTML review page in a real browser: headless Chromium loads each page from disk.

The page's script writes any script error, and any content the page's security policy
blocked, to `<html data-js-errors>`; `--dump-dom` reads it back after the page has run.
Screenshots are kept under tests/artifacts/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from helpers.pagecheck import Page, as_read, highlighted_words, read_page, text_findings
from test_html import DRAFTS, HOSTILE

from claimcheck.core.findings import Report
from claimcheck.output.html import render_html
from claimcheck.run.lint import lint_text
from claimcheck.run.load import RuleSet

ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--virtual-time-budget=3000",
)


@pytest.fixture(scope="module")
def chromium() -> str:
    """The Chromium binary; CI (CLAIMCHECK_REQUIRE_BROWSER=1) fails rather than skips without it."""
    found = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
    if found is None:
        if os.environ.get("CLAIMCHECK_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (CLAIMCHECK_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("chromium is not installed: install Debian's 'chromium' package to run the browser tests")
    return found


def open_in_browser(chromium: str, html: str, folder: Path, screenshot: Path | None = None, fragment: str = "") -> Page:
    """Load the page from disk in headless Chromium and return the DOM as the browser left it."""
    page = folder / "review.html"
    page.write_text(html, encoding="utf-8")
    args = [chromium, *FLAGS, f"--user-data-dir={folder / 'profile'}", "--dump-dom"]
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        args += [f"--screenshot={screenshot}", "--window-size=1280,2000"]
    done = subprocess.run([*args, page.as_uri() + fragment], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.lstrip().startswith("<!DOCTYPE html>"), done.stderr[-2000:]
    return read_page(done.stdout)


def report_for(ruleset: RuleSet, path: str, text: str) -> Report:
    return Report((lint_text(path, text, ruleset),), ruleset.rules)


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_corpus_page_in_chromium(chromium: str, ruleset: RuleSet, draft: Path, tmp_path: Path) -> None:
    report = report_for(ruleset, f"corpus/{draft.name}", draft.read_text(encoding="utf-8"))
    shot = ARTIFACTS / f"{draft.name}.png"
    shot.unlink(missing_ok=True)
    page = open_in_browser(chromium, render_html(report), tmp_path, shot)
    assert page.root.get("data-ready") == "true"
    assert page.root.get("data-js-errors") == ""
    findings = text_findings(report.files[0].findings)
    assert page.root.get("data-marks") == str(len(findings))
    for number, finding in enumerate(findings, start=1):
        assert highlighted_words(page, 1, number) == as_read(finding.match), finding
    unshown = [f for f in report.files[0].findings if f.scope != "document" and f not in findings]
    assert ("Not shown in place" in render_html(report)) == bool(unshown)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_focusing_a_finding_explains_it(chromium: str, claims_ruleset: RuleSet, tmp_path: Path) -> None:
    draft = "# Title\n\nAcupuncture cures MS. It is 100% safe.\n"
    page = open_in_browser(chromium, render_html(report_for(claims_ruleset, "a.md", draft)), tmp_path, fragment="#file-1-f2")
    tip = next(attrs for tag, attrs in page.tags if attrs.get("id") == "tip")
    assert "hidden" not in tip
    assert "'100% safe' says there is no risk" in page.tip_text
    assert "claims.absolute-safety" in page.tip_text and "cures" not in page.tip_text
    current = [attrs for tag, attrs in page.tags if tag == "mark" and "current" in attrs.get("class", "")]
    assert [attrs["data-f"] for attrs in current] == ["file-1-f2"]


def test_hostile_draft_runs_nothing_in_chromium(chromium: str, ruleset: RuleSet, tmp_path: Path) -> None:
    hostile = HOSTILE + '\n<img src=x onerror="document.documentElement.setAttribute(\'data-pwned\', 1)">\n'
    report = report_for(ruleset, "hostile.md", hostile)
    page = open_in_browser(chromium, render_html(report), tmp_path, ARTIFACTS / "hostile.png")
    assert page.root.get("data-js-errors") == ""
    assert "data-pwned" not in page.root
    assert [tag for tag, _ in page.tags].count("script") == 1
    assert "img" not in [tag for tag, _ in page.tags]
    assert "<script>alert(1)</script>" in "".join(page.text)


def test_script_errors_are_caught(chromium: str, ruleset: RuleSet, tmp_path: Path) -> None:
    # Without this, a page whose error capture never worked would pass the tests above.
    html = render_html(report_for(ruleset, "a.md", "It cures MS.\n"))
    html = html.replace('<meta http-equiv="Content-Security-Policy"', '<meta name="x-policy-removed"')
    html = html.replace("</body>", "<script>undefinedFunction();</script></body>")
    page = open_in_browser(chromium, html, tmp_path)
    assert "undefinedFunction" in page.root.get("data-js-errors", "")


def test_the_security_policy_blocks_injected_scripts(chromium: str, ruleset: RuleSet, tmp_path: Path) -> None:
    html = render_html(report_for(ruleset, "a.md", "It cures MS.\n"))
    html = html.replace("</body>", "<script>document.documentElement.setAttribute('data-pwned', '1');</script></body>")
    page = open_in_browser(chromium, html, tmp_path)
    assert "data-pwned" not in page.root
    assert "blocked script-src" in page.root.get("data-js-errors", "")


@pytest.mark.parametrize("name", ["clinic-hype.html", "clinic-hype.docx", "well-sourced.html", "well-sourced.docx"])
def test_html_and_word_drafts_in_chromium(chromium: str, ruleset: RuleSet, name: str, tmp_path: Path) -> None:
    from claimcheck.run.lint import lint_file

    report = Report((lint_file(str(ROOT / "tests" / "fixtures" / "formats" / name), ruleset),), ruleset.rules)
    page = open_in_browser(chromium, render_html(report), tmp_path, ARTIFACTS / f"{name}.png")
    assert page.root.get("data-js-errors") == ""
    findings = text_findings(report.files[0].findings)
    assert page.root.get("data-marks") == str(len(findings))
    for number, finding in enumerate(findings, start=1):
        assert highlighted_words(page, 1, number) == as_read(finding.match), finding
    assert page.nesting_errors == []
    # The page shows the article, not the site around it.
    assert not any("Trending" in text or "Miracle cures" in text for text in page.text)


def test_a_malformed_fragment_does_not_stop_the_script(chromium: str, claims_ruleset: RuleSet, tmp_path: Path) -> None:
    draft = "# Title\n\nAcupuncture cures MS. It is 100% safe.\n"
    page = open_in_browser(chromium, render_html(report_for(claims_ruleset, "a.md", draft)), tmp_path, fragment="#%E0%A4%A")
    assert page.root.get("data-js-errors") == ""
