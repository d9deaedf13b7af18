"""What the language server checks with: each draft's config found as the CLI finds it, its rules loaded once.

Nothing here speaks the protocol: it takes paths and text, and gives reports and errors back.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import FileReport
from claimcheck.core.rule import Rule
from claimcheck.filters.directives import DIRECTIVE_RULE
from claimcheck.ruleset.config import CONFIG_NAMES, Config, find_config, load_config
from claimcheck.run.lint import lint_text
from claimcheck.run.load import RuleSet, load_ruleset


@dataclass(frozen=True)
class Rules:
    """A config and the rule set it makes, or why it cannot be loaded."""

    config_path: Path | None
    config: Config | None = None
    ruleset: RuleSet | None = None
    error: ClaimcheckError | None = None

    def rule(self, rule_id: str) -> Rule | None:
        """The active rule of that id (the directive rule included), if any."""
        if rule_id == DIRECTIVE_RULE.id:
            return DIRECTIVE_RULE
        return self.ruleset.get(rule_id) if self.ruleset else None


@dataclass(frozen=True)
class Checked:
    """One draft as last checked: the text it was checked as, and the report or the config's error."""

    path: str
    text: str
    rules: Rules
    report: FileReport | None
    seconds: float = 0.0  # time spent checking, for the log and the latency benchmark
    cpu_seconds: float = 0.0


def is_config(path: Path) -> bool:
    """Whether a file is a claimcheck config file (by its name)."""
    return path.name in CONFIG_NAMES


class Checker:
    """Rule sets by config file, loaded once and kept until a config file changes."""

    def __init__(self) -> None:
        # Config path -> (its modification stamp, the rules): a config saved outside the
        # editor is noticed even by a client that does not watch files.
        self._loaded: dict[Path | None, tuple[tuple[int, int] | None, Rules]] = {}

    def forget(self) -> None:
        """Drop every loaded config: one changed (it may be extended by, or extend, the others)."""
        self._loaded.clear()

    def rules_for(self, draft: Path) -> Rules:
        """The rules for a draft: from the nearest .claimcheck.yaml in its folder or above."""
        config_path = find_config(draft.parent)
        stamp = _stamp(config_path)
        known = self._loaded.get(config_path)
        if known is None or known[0] != stamp:
            known = (stamp, _load(config_path))
            self._loaded[config_path] = known
        return known[1]

    def loaded(self) -> list[Rules]:
        """The configs loaded so far, broken ones included."""
        return [rules for _, rules in self._loaded.values()]

    def check(self, path: str, text: str) -> Checked:
        """Check a draft's text with the rules its config selects."""
        rules = self.rules_for(Path(path))
        if rules.ruleset is None:
            return Checked(path, text, rules, None)
        wall, cpu = time.perf_counter(), time.thread_time()
        report = lint_text(path, text, rules.ruleset)
        return Checked(path, text, rules, report, time.perf_counter() - wall, time.thread_time() - cpu)


def _load(config_path: Path | None) -> Rules:
    """Load a config and compile its rules (spaCy loads with the first)."""
    try:
        config = load_config(config_path)
        return Rules(config_path, config, load_ruleset(config))
    except ClaimcheckError as error:
        return Rules(config_path, error=error)


def _stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
