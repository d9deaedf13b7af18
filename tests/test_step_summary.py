"""The GitHub format's step summary: every finding in Markdown, appended to GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, write

from claimcheck.core.findings import FileReport, Finding, Report
from claimcheck.output.step_summary import render_step_summary

HYPE = "# Acupuncture\n\n" + "".join(f"Acupuncture cures MS, claim {n}.\n\n" for n in range(12))


def test_every_finding_goes_to_the_step_summary_beyond_what_annotations_show(tmp_path, cli, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write(tmp_path, "hype.md", HYPE)
    result = cli("check", "--format", "github", "hype.md")
    assert result.code == 1
    errors = result.out.count("::error ")
    assert errors == 12  # more than the ten GitHub shows as annotations
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## claimcheck\n")  # appended, as GitHub expects
    rows = [line for line in text.splitlines() if line.startswith("| `hype.md`")]
    assert len(rows) == len([line for line in result.out.splitlines() if line.startswith("::")])
    assert "| `hype.md` | 3 | error | `claims.cure` | 'cures' promises a cure." in text
    assert result.out.splitlines()[-1] in text  # the same summary line


def test_no_step_summary_without_the_variable_or_for_other_formats(tmp_path, cli, monkeypatch):
    write(tmp_path, "hype.md", HYPE)
    summary = tmp_path / "summary.md"
    cli("check", "--format", "github", "hype.md")
    assert not summary.exists()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cli("check", "--format", "text", "hype.md")
    assert not summary.exists()


def test_inside_github_actions_the_default_format_writes_the_summary():
    env = {**os.environ, "GITHUB_ACTIONS": "true", "NO_COLOR": "1"}
    with_summary = ROOT / "tests" / "artifacts"
    with_summary.mkdir(exist_ok=True)
    summary = with_summary / "step-summary.md"
    summary.unlink(missing_ok=True)
    env["GITHUB_STEP_SUMMARY"] = str(summary)
    result = subprocess.run([sys.executable, "-m", "claimcheck", "check", "corpus/clinic-hype.md"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout.startswith("::")
    text = summary.read_text(encoding="utf-8")
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len([line for line in text.splitlines() if line.startswith("| `corpus/clinic-hype.md`")]) == len(annotations)


def test_a_summary_that_cannot_be_written_is_a_one_line_error(tmp_path, cli, monkeypatch):
    write(tmp_path, "hype.md", HYPE)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no" / "such" / "folder.md"))
    result = cli("check", "--format", "github", "hype.md")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "cannot write the step summary: no such file or directory" in result.err


def test_cells_are_escaped_so_a_draft_cannot_break_the_table_or_inject_html():
    finding = Finding("claims.cure", "overclaim", "error", "'cures' | <script>alert(1)</script>\nnext", 2, 1, 2, 6, "cures")
    report = Report((FileReport("a|b`.md", (finding,)), FileReport("gone.md", error="gone.md: no such file or folder")))
    text = render_step_summary(report)
    row = next(line for line in text.splitlines() if "claims.cure" in line)
    assert row == "| `a¦b'.md` | 2 | error | `claims.cure` | 'cures' &#124; &lt;script&gt;alert(1)&lt;/script&gt; next |"
    assert "| `gone.md` |  | error |  | cannot check: no such file or folder |" in text
    assert render_step_summary(Report((FileReport("ok.md"),))).endswith("No findings.\n\n")
