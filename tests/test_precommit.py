"""The pre-commit hook, run by the real pre-commit against this repository.

Each test sets up a repository of drafts with a `.pre-commit-config.yaml` that points at a
snapshot of this working tree, as a publisher's repository would point at claimcheck's. pre-commit
installs claimcheck (with its dependencies, from the package registry) into an environment of its
own the first time; PRE_COMMIT_HOME is shared by the tests of this module so that happens once.
(`pre-commit try-repo` would do the same but builds a throwaway environment on every call.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write

HYPE = "# Acupuncture\n\nAcupuncture cures MS.\n"
CLEAN = "# Walking\n\nWalking may help some people with MS. Talk with your doctor before you start.\n"
GIT_IDENTITY = ["-c", "user.name=claimcheck tests", "-c", "user.email=tests@claimcheck.invalid", "-c", "commit.gpgsign=false"]
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", "build", "dist")


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *GIT_IDENTITY, *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree as committed source, so pre-commit sees one fixed revision: (path, rev)."""
    repo = tmp_path_factory.mktemp("hook-repo") / "claimcheck"
    shutil.copytree(ROOT, repo, ignore=NOT_SOURCE)
    git(repo, "init", "--quiet")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "snapshot")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True, text=True)
    return repo, rev.stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def drafts(tmp_path: Path, hook_repo: tuple[Path, str]) -> Path:
    """A repository of drafts whose pre-commit config uses the claimcheck hook."""
    git(tmp_path, "init", "--quiet")
    repo, rev = hook_repo
    write(tmp_path, ".pre-commit-config.yaml", f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: claimcheck\n")
    return tmp_path


def run_hook(home: Path, folder: Path, *files: str) -> subprocess.CompletedProcess[str]:
    git(folder, "add", "--all")
    command = [sys.executable, "-m", "pre_commit", "run", "claimcheck", "--files", *files]
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=900)


def test_hook_fails_a_draft_that_claims_a_cure(pre_commit_home, drafts):
    write(drafts, "posts/acupuncture.md", HYPE)
    write(drafts, "notes.txt", "Acupuncture is a miracle.\n")
    result = run_hook(pre_commit_home, drafts, "posts/acupuncture.md", "notes.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "claimcheck" in result.stdout and "Failed" in result.stdout
    assert 'posts/acupuncture.md:3:13  error    overclaim  "cures"' in result.stdout
    assert 'notes.txt:1:18  error    overclaim  "miracle"' in result.stdout


def test_hook_passes_a_clean_draft_and_skips_files_that_are_not_drafts(pre_commit_home, drafts):
    write(drafts, "posts/walking.md", CLEAN)
    write(drafts, "notes.txt", CLEAN)
    write(drafts, "build.py", "# Acupuncture cures MS.\n")
    result = run_hook(pre_commit_home, drafts, "posts/walking.md", "notes.txt", "build.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
    only_python = run_hook(pre_commit_home, drafts, "build.py")
    assert only_python.returncode == 0, only_python.stdout + only_python.stderr
    assert "(no files to check)Skipped" in only_python.stdout


def test_hook_shows_what_it_lets_through_and_gates_on_warnings_when_asked(pre_commit_home, drafts):
    draft = "# Walking\n\nWalking may ease spasticity for some people with MS. Talk with your doctor before you start.\n"
    write(drafts, "posts/walking.md", draft)
    passed = run_hook(pre_commit_home, drafts, "posts/walking.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    # verbose: the warning is printed although the commit goes through.
    assert 'posts/walking.md:3:18  warning  plain-language  "spasticity"' in passed.stdout
    assert "1 file checked: 0 errors, 1 warning, 0 info" in passed.stdout
    # The documented way to gate on warnings (reading level, jargon) stops the same commit.
    config = drafts / ".pre-commit-config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "        args: [--fail-on, warning]\n", encoding="utf-8")
    failed = run_hook(pre_commit_home, drafts, "posts/walking.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "spasticity" in failed.stdout


def test_the_pre_commit_docs_name_the_hook_and_gate_on_warning():
    readme = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "pip install pre-commit" in readme
    assert "      - id: claimcheck\n        args: [--fail-on, warning]\n" in readme
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "\n  verbose: true\n" in hooks
