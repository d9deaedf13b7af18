"""The GitHub Action: its inputs reach the lint step, which annotates the drafts a pull request changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, write

HYPE = "# Acupuncture\n\nAcupuncture cures MS.\n\nIf you have MS, you could try acupuncture.\n"
GIT = ["git", "-c", "user.name=claimcheck tests", "-c", "user.email=tests@claimcheck.invalid", "-c", "commit.gpgsign=false"]


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_composite_and_passes_every_input_to_the_lint_step():
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert set(spec["inputs"]) == {"paths", "changed-since", "config", "fail-on", "baseline", "sarif"}
    lint = spec["runs"]["steps"][-1]
    assert lint["run"] == 'bash "$GITHUB_ACTION_PATH/.github/action/run.sh"'
    script = (ROOT / ".github" / "action" / "run.sh").read_text(encoding="utf-8")
    for name in spec["inputs"]:
        variable = "CLAIMCHECK_" + name.upper().replace("-", "_")
        assert lint["env"][variable] == "${{ inputs." + name + " }}"
        assert variable in script
    assert '"$GITHUB_ACTION_PATH"' in spec["runs"]["steps"][0]["run"]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A pull request: an old draft with a finding on the base, then a new draft and an edited one."""
    repo = tmp_path / "repo"
    write(repo, "posts/old.md", HYPE)
    write(repo, "posts/edited.md", "# Walking\n\nTalk with your doctor.\n")
    subprocess.run([*GIT, "init", "--quiet", "-b", "main"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "--all"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "--quiet", "-m", "base"], cwd=repo, check=True)
    write(repo, "posts/new draft.md", HYPE)
    write(repo, "posts/edited.md", "# Walking\n\nTalk with your doctor. Walking is a miracle.\n")
    write(repo, "posts/figure.svg", "<svg/>")
    subprocess.run([*GIT, "add", "--all"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "--quiet", "-m", "change"], cwd=repo, check=True)
    # Where the action's install step puts claimcheck; here, the claimcheck under test.
    bin_dir = tmp_path / "runner" / "claimcheck-venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "claimcheck").symlink_to(Path(sys.executable).parent / "claimcheck")
    return repo


def run_step(repo: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CLAIMCHECK_")}
    env["RUNNER_TEMP"] = str(repo.parent / "runner")
    env["GITHUB_ACTIONS"] = "true"
    env.update({"CLAIMCHECK_" + key.upper(): value for key, value in inputs.items()})
    script = ROOT / ".github" / "action" / "run.sh"
    return subprocess.run(["bash", str(script)], cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def annotated_files(output: str) -> list[str]:
    return sorted({line.split("file=")[1].split(",")[0] for line in output.splitlines() if line.startswith("::")})


def test_lint_step_annotates_every_draft_under_paths(workspace):
    result = run_step(workspace, paths="posts")
    assert result.returncode == 1, result.stderr
    assert annotated_files(result.stdout) == ["posts/edited.md", "posts/new draft.md", "posts/old.md"]


def test_lint_step_with_changed_since_annotates_only_changed_drafts(workspace):
    result = run_step(workspace, paths="posts\n", changed_since="HEAD~1")
    assert result.returncode == 1, result.stderr
    assert annotated_files(result.stdout) == ["posts/edited.md", "posts/new draft.md"]


def test_lint_step_passes_inputs_on(workspace):
    result = run_step(workspace, paths="posts/edited.md", fail_on="none")
    assert (result.returncode, annotated_files(result.stdout)) == (0, ["posts/edited.md"])
    write(workspace, "strict.yaml", "rules:\n  claims.miracle: off\n")
    assert run_step(workspace, paths="posts/edited.md", config="strict.yaml").stdout.startswith("1 file checked: 0 errors")


def test_lint_step_can_also_write_sarif(workspace):
    result = run_step(workspace, paths="posts/old.md", sarif="claimcheck.output.sarif")
    assert result.returncode == 1
    report = json.loads((workspace / "claimcheck.output.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in report["runs"][0]["results"]] == ["advice.doctor", "advice.practitioner", "claims.cure"]
    assert annotated_files(result.stdout) == ["posts/old.md"]


def test_lint_step_with_nothing_changed_passes_and_says_so(workspace):
    result = run_step(workspace, changed_since="HEAD")
    assert (result.returncode, result.stdout) == (0, "claimcheck: no drafts changed since HEAD\n")


def test_lint_step_fails_when_the_ref_cannot_be_compared(workspace):
    result = run_step(workspace, changed_since="origin/nowhere")
    assert result.returncode != 0
    assert "origin/nowhere" in result.stderr
