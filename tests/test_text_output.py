"""The terminal output: quoted source lines with carets, per-file summaries, colour only when asked."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import write

from claimcheck.cli import use_color
from claimcheck.core.findings import FileReport, Finding, Report
from claimcheck.output.formatters import render_text
from claimcheck.run.lint import lint_text
from claimcheck.run.load import RuleSet


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def text_for(ruleset: RuleSet, source: str, path: str = "a.md", color: bool = False) -> str:
    return render_text(Report((lint_text(path, source, ruleset),), ruleset.rules), color=color)


def test_the_matched_words_are_underlined_in_the_quoted_line(ruleset: RuleSet) -> None:
    out = text_for(ruleset, "# Title\n\nWe think\tacupuncture cures MS for good.\n").splitlines()
    at = out.index('a.md:3:22  error    overclaim  "cures"')
    assert out[at + 1] == "    We think acupuncture cures MS for good."
    assert out[at + 2] == "                         ^^^^^"
    assert out[at + 3].endswith("[claims.cure]")


def test_carets_line_up_after_wide_characters(ruleset: RuleSet) -> None:
    out = text_for(ruleset, "针灸 acupuncture cures MS.\n").splitlines()
    at = out.index('a.md:1:16  error    overclaim  "cures"')
    assert out[at + 1] == "    针灸 acupuncture cures MS."
    assert out[at + 2] == "    " + " " * 17 + "^^^^^"


def test_a_long_line_is_quoted_as_a_window_around_the_match(ruleset: RuleSet) -> None:
    line = "Word " * 40 + "and acupuncture cures MS, " + "more words " * 20
    out = text_for(ruleset, line + "\n").splitlines()
    at = next(i for i, text in enumerate(out) if '"cures"' in text)
    quoted, carets = out[at + 1], out[at + 2]
    assert quoted.startswith("    …") and quoted.endswith("…") and len(quoted) < 110
    column = carets.index("^")
    assert quoted[column : column + 5] == "cures" and carets.strip() == "^^^^^"


def test_each_file_gets_a_summary_and_the_run_a_total() -> None:
    def finding(level: str, category: str) -> Finding:
        return Finding(f"demo.{category}", category, level, "A message.", 1, 4, 1, 9, "cures")

    source = "It cures MS.\n"
    report = Report((
        FileReport(
            "a.md", (finding("error", "overclaim"), finding("warning", "uncited-study"), finding("error", "overclaim")), source=source
        ),
        FileReport("b.md", (finding("info", "plain-language"),), source=source),
        FileReport("c.md", (), source=source),
    ))
    lines = render_text(report).splitlines()
    assert "a.md: 2 errors, 1 warning, 0 info (overclaim 2, uncited-study 1)" in lines
    assert "b.md: 0 errors, 0 warnings, 1 info (plain-language 1)" in lines
    assert not [line for line in lines if line.startswith("c.md")]
    assert lines[-1] == "3 files checked: 2 errors, 1 warning, 1 info"


def test_colour_only_when_asked(ruleset: RuleSet) -> None:
    plain = text_for(ruleset, "It cures MS.\n")
    coloured = text_for(ruleset, "It cures MS.\n", color=True)
    assert "\x1b[" not in plain
    assert "\x1b[31;1mcures\x1b[0m" in coloured
    assert [line for line in coloured.splitlines() if "\x1b" not in line] != coloured.splitlines()


def test_control_characters_from_a_draft_do_not_reach_the_terminal(ruleset: RuleSet) -> None:
    out = text_for(ruleset, "It \x1b[2J cures MS.\n")
    assert "\x1b" not in out and "It ?[2J cures MS." in out


def test_colour_choice() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    assert use_color("auto", terminal, {}) is True
    assert use_color("auto", pipe, {}) is False
    assert use_color("auto", terminal, {"NO_COLOR": "1"}) is False
    assert use_color("auto", terminal, {"NO_COLOR": ""}) is True
    assert use_color("auto", terminal, {"TERM": "dumb"}) is False
    assert use_color("always", pipe, {"NO_COLOR": "1"}) is True
    assert use_color("never", terminal, {}) is False


def test_cli_colour_option(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, "a.md", "It cures MS.\n")
    assert "\x1b[" not in cli("a.md").out
    assert "\x1b[" in cli("check", "--color", "always", "a.md").out
    assert "\x1b[" not in cli("check", "--color", "never", "a.md").out
    bad = cli("check", "--color", "sometimes", "a.md")
    assert bad.code == 2 and "invalid choice: 'sometimes'" in bad.err
