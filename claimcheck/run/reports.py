"""Linting many drafts: paths expanded, cached reports reused, the rest linted (in parallel when asked), in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import FileReport, Report
from claimcheck.core.rule import Rule
from claimcheck.filters.directives import DIRECTIVE_RULE
from claimcheck.ruleset.config import Config
from claimcheck.run.lint import guarded, lint_text
from claimcheck.run.load import RuleSet, compile_ruleset
from claimcheck.run.parallel import lint_files
from claimcheck.source.files import STDIN, collect, read_bytes

if TYPE_CHECKING:
    from claimcheck.run.cache import Cache


def lint_paths(
    paths: Iterable[str],
    ruleset: RuleSet,
    config: Config,
    stdin: str | None = None,
    *,
    jobs: int = 1,
    cache: Cache | None = None,
) -> Report:
    """Lint every draft under `paths`, in a stable order; a file that cannot be read is reported, not fatal."""
    return Report(tuple(lint_reports(paths, ruleset, config, stdin, jobs=jobs, cache=cache)), report_rules(ruleset))


def report_rules(ruleset: RuleSet) -> tuple[Rule, ...]:
    """The rules a report can name: the rule set's and the one that reports bad directives."""
    return (*ruleset.rules, DIRECTIVE_RULE)


def lint_reports(
    paths: Iterable[str],
    ruleset: RuleSet,
    config: Config,
    stdin: str | None = None,
    *,
    jobs: int = 1,
    cache: Cache | None = None,
) -> Iterator[FileReport]:
    """`lint_paths`' reports one by one, in the same order, each as soon as it is ready.

    What can fail for the whole run (compiling the rules) happens before this returns, so
    that nothing has been written when it does.
    """
    return lint_collected(collect(paths, config), ruleset, stdin, jobs=jobs, cache=cache)


def lint_collected(
    found: Iterable[tuple[str, ClaimcheckError | None]],
    ruleset: RuleSet,
    stdin: str | None = None,
    *,
    jobs: int = 1,
    cache: Cache | None = None,
) -> Iterator[FileReport]:
    """`lint_reports` for drafts already collected (each path with the error that stops it, if any)."""
    reports: dict[int, FileReport] = {}
    drafts: list[tuple[int, str]] = []
    count = 0
    for index, (path, error) in enumerate(found):
        count += 1
        if error is not None:
            reports[index] = FileReport(path, error=error.render())
        elif path == STDIN:
            ruleset = compile_ruleset(ruleset)
            reports[index] = guarded("<stdin>", partial(lint_text, "<stdin>", stdin or "", ruleset))
        else:
            cached = _cached(path, cache) if cache else None
            if cached is not None:
                reports[index] = cached
            else:
                drafts.append((index, path))
    # Rules are compiled (and spaCy loaded) only when some draft has no cached report.
    if drafts:
        ruleset = compile_ruleset(ruleset)
    linted = lint_files([path for _, path in drafts], ruleset, jobs, cache)
    # The drafts come back in the order of their indexes, between the reports already made.
    return (reports[index] if index in reports else next(linted) for index in range(count))


def _cached(path: str, cache: Cache) -> FileReport | None:
    """The cached report of an unchanged draft; None when it must be linted (or cannot be read)."""
    try:
        return cache.get(cache.key(path, read_bytes(path)))
    except ClaimcheckError:
        return None  # linting reports why
