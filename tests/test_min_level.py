"""`--min-level`: only findings at or above a level are shown; the exit status and the summary stay honest."""

from __future__ import annotations

import json

from conftest import write

# One error (cures), warnings (jargon, missing advice), info (a "can" claim).
DRAFT = "# Acupuncture\n\nAcupuncture cures MS. Your physician can help with spasticity.\n"


def counts(cli, *args):
    data = json.loads(cli("check", "--format", "json", *args).out)
    return [(f["level"], f["rule"]) for file in data["files"] for f in file["findings"]]


def test_min_level_hides_lower_findings_and_says_how_many(tmp_path, cli):
    write(tmp_path, "d.md", DRAFT)
    every = counts(cli, "d.md")
    lower = [item for item in every if item[0] != "error"]
    assert lower and any(level == "error" for level, _ in every)
    result = cli("check", "--min-level", "error", "d.md")
    assert result.code == 1
    assert "warning" not in result.out.replace("0 warnings", "") and "info  " not in result.out
    assert '"cures"' in result.out
    assert result.out.endswith(f"1 file checked: 1 error, 0 warnings, 0 info; {len(lower)} findings below --min-level not shown\n")


def test_the_exit_status_still_follows_fail_on(tmp_path, cli):
    write(tmp_path, "d.md", "# Walking\n\nWalking may ease spasticity for some people with MS. Talk with your doctor before you start.\n")
    hidden = cli("check", "--min-level", "error", "--fail-on", "warning", "d.md")
    assert hidden.code == 1  # the warning is not shown, yet it fails the run
    assert "1 finding below --min-level not shown" in hidden.out
    assert cli("check", "--min-level", "error", "d.md").code == 0


def test_min_level_applies_to_every_format(tmp_path, cli):
    write(tmp_path, "d.md", DRAFT)
    assert {level for level, _ in counts(cli, "--min-level", "warning", "d.md")} == {"error", "warning"}
    github = cli("check", "--format", "github", "--min-level", "error", "d.md")
    assert "::warning" not in github.out and "::notice" not in github.out and "::error" in github.out
    assert "below --min-level not shown" in github.out
    sarif = json.loads(cli("check", "--format", "sarif", "--min-level", "error", "d.md").out)
    assert {result["level"] for result in sarif["runs"][0]["results"]} == {"error"}


def test_min_level_info_shows_everything_and_says_nothing_more(tmp_path, cli):
    write(tmp_path, "d.md", DRAFT)
    assert cli("check", "--min-level", "info", "d.md").out == cli("check", "d.md").out


def test_min_level_after_a_baseline(tmp_path, cli):
    write(tmp_path, "d.md", DRAFT)
    cli("baseline", "-o", "base.json", "d.md")
    result = cli("check", "--baseline", "base.json", "--min-level", "error", "--fail-on", "info", "d.md")
    assert result.code == 0  # everything is known to the baseline: nothing new fails, nothing is hidden
    assert "below --min-level" not in result.out


def test_an_unknown_level_is_a_usage_error(tmp_path, cli):
    write(tmp_path, "d.md", DRAFT)
    result = cli("check", "--min-level", "severe", "d.md")
    assert result.code == 2 and result.out == ""
    assert "--min-level" in result.err and result.err.count("\n") == 1
