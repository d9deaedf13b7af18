"""Shared fixtures: the built-in rule set (compiled once) and helpers to lint and run the CLI."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.core.findings import Finding
from claimcheck.ruleset.config import Config
from claimcheck.ruleset.parse import builtin_rules_dir, discover, load_yaml
from claimcheck.run.lint import lint_text
from claimcheck.run.load import RuleSet, load_ruleset

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# Shared data beside the repository (../shared/data): not in a user's clone, so a test that
# reads it asks `shared_data` for it and is skipped, saying why, when it is missing.
SHARED_DATA = ROOT.parent / "shared" / "data"
# A small valid user rule, for tests of rule loading and checking.
GOOD_RULE = """extends: existence
category: overclaim
level: error
message: "'{match}' is hype."
description: Flags hype.
terms: [amazing]
examples:
  fail: [It is amazing.]
  pass: [It is fine.]
"""


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data; skips the calling test when it is not there (a fresh clone)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path}, which is not beside this clone (../shared/data)")
    return path


def every_rule() -> Config:
    """A config that turns on every built-in rule, also those that are off by default (`enabled: false`)."""
    off = {
        rule_id: load_yaml(path)["level"]
        for rule_id, path in discover(builtin_rules_dir())
        if load_yaml(path).get("enabled") is False
    }
    return Config(rules=off)


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """Every built-in rule (those off by default too), compiled once for the whole run."""
    return load_ruleset(every_rule())


@pytest.fixture(scope="session")
def claims_ruleset(ruleset: RuleSet) -> RuleSet:
    """Only the claims and advice packs: for output tests that number or count findings."""
    rules = tuple(rule for rule in ruleset.rules if rule.id.split(".")[0] in ("claims", "advice"))
    return RuleSet(rules, ruleset.compiled)


@pytest.fixture(scope="session")
def lint(ruleset: RuleSet) -> Callable[..., list[Finding]]:
    """Lint a draft given as text; returns its findings."""

    def run(text: str, path: str = "draft.md", rule: str | None = None) -> list[Finding]:
        findings = list(lint_text(path, text, ruleset).findings)
        return [f for f in findings if rule is None or f.rule == rule]

    return run


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `claimcheck ARGS` in-process from a clean working folder (no config above it)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*args: str, stdin: str = "") -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(args), stdout=out, stderr=err, stdin=io.StringIO(stdin))
        return Result(code, out.getvalue(), err.getvalue())

    return run


def write(folder: Path, name: str, text: str) -> str:
    """Write a file under `folder` (creating folders) and return its path as text."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return os.fspath(path)
