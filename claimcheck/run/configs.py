"""A config per draft: the nearest `.claimcheck.yaml` from each draft's folder upwards, or one for all.

Drafts are grouped by the config that governs them; each config and its rule set are loaded
once, and each group is linted with its own rule set. The reports still come in the order the
drafts were named and walked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import FileReport
from claimcheck.ruleset.config import Config, find_config, load_config
from claimcheck.run.load import RuleSet, load_ruleset
from claimcheck.run.reports import lint_collected
from claimcheck.source.files import STDIN, collect

if TYPE_CHECKING:
    from claimcheck.run.cache import Cache


@dataclass
class Setup:
    """One config and the rule set built from it."""

    config: Config
    ruleset: RuleSet


@dataclass
class Configs:
    """The config (and rule set) of each folder: `override` for all when given, else the nearest config file."""

    cwd: Path
    override: Path | None = None
    compiled: bool = True
    # `--sources`: given to every draft, after the config's own.
    sources: tuple[Path, ...] = ()
    _setups: dict[Path | None, Setup] = field(default_factory=dict)
    _nearest: dict[Path, Path | None] = field(default_factory=dict)

    def config_file(self, folder: Path) -> Path | None:
        """The config file that governs drafts in `folder`."""
        if self.override is not None:
            return self.override
        folder = (self.cwd / folder).resolve()
        if folder not in self._nearest:
            self._nearest[folder] = find_config(folder)
        return self._nearest[folder]

    def setup(self, config_file: Path | None) -> Setup:
        """The config and rule set of a config file (None: the defaults), each loaded once."""
        key = config_file.resolve() if config_file is not None else None
        if key not in self._setups:
            config = load_config(key)
            if self.sources:
                config = replace(config, sources=config.sources + self.sources)
            self._setups[key] = Setup(config, load_ruleset(config, compiled=self.compiled))
        return self._setups[key]

    def for_folder(self, folder: Path) -> Setup:
        """The setup that governs drafts in `folder`."""
        return self.setup(self.config_file(folder))

    def for_path(self, path: str) -> Setup:
        """The setup of a path as named: a folder's own, a file's folder's; standard input's is the working folder's."""
        if path == STDIN:
            return self.for_folder(self.cwd)
        return self.for_folder(Path(path) if os.path.isdir(path) else Path(path).parent)


@dataclass(frozen=True)
class Draft:
    """A draft to lint (or a path that cannot be used) and the setup that governs it."""

    path: str
    error: ClaimcheckError | None
    setup: Setup


def drafts(paths: Iterable[str], configs: Configs) -> list[Draft]:
    """Every draft under `paths`, in order: a folder is walked as its own config says, each draft goes with its nearest config."""
    found = []
    for path in paths:
        walk = configs.for_path(path)
        for draft, error in collect([path], walk.config):
            own = walk if error is not None or draft == STDIN or draft == path else configs.for_path(draft)
            found.append(Draft(draft, error, own))
    return found


def lint_grouped(
    found: list[Draft],
    stdin: str | None = None,
    *,
    jobs: int = 1,
    cache: Callable[[Setup], Cache | None] = lambda setup: None,
) -> Iterator[FileReport]:
    """The reports of `found` in order, each group of drafts under one config linted with its own rule set.

    Every group's rules are compiled before the first report comes back, so that a rule that
    cannot compile stops the run before anything is written.
    """
    groups: dict[int, tuple[Setup, list[int]]] = {}
    for index, draft in enumerate(found):
        groups.setdefault(id(draft.setup), (draft.setup, []))[1].append(index)
    linted = [
        (indexes, lint_collected([(found[index].path, found[index].error) for index in indexes], setup.ruleset, stdin,
                                 jobs=jobs, cache=cache(setup)))
        for setup, indexes in groups.values()
    ]
    return _in_order(linted)


def _in_order(linted: list[tuple[list[int], Iterator[FileReport]]]) -> Iterator[FileReport]:
    """The groups' reports in the drafts' order; each group is linted in turn, so one pool of workers runs at a time."""
    pending: dict[int, FileReport] = {}
    upcoming = 0
    for indexes, reports in linted:
        for index, report in zip(indexes, reports):
            pending[index] = report
            while upcoming in pending:
                yield pending.pop(upcoming)
                upcoming += 1
