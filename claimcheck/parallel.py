"""Lint many drafts on several cores: a pool whose workers hold the compiled rules and the pipeline once."""

from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator, Sequence

from claimcheck.report import FileReport
from claimcheck.rules import RuleSet

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from claimcheck.cache import Cache

# Below this many drafts per worker, starting workers costs more than it saves.
MIN_DRAFTS_PER_WORKER = 4
# Drafts handed to a worker at a time: enough to keep the queues quiet, few enough to balance.
CHUNK_SIZE = 4

# What each worker lints with: inherited when the pool forks, so rules and the spaCy
# pipeline are built once in the parent and never pickled.
_state: tuple[RuleSet, Cache | None] | None = None


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def lint_files(paths: Sequence[str], ruleset: RuleSet, jobs: int, cache: Cache | None) -> Iterator[FileReport]:
    """A report per path, in the order of `paths`, linted by up to `jobs` processes."""
    from claimcheck.linter import lint_file

    workers = min(jobs, len(paths) // MIN_DRAFTS_PER_WORKER)
    context = _fork_context() if workers >= 2 else None
    with _settled_heap():
        if context is None:
            for path in paths:
                yield lint_file(path, ruleset, cache)
        else:
            yield from _pooled(paths, ruleset, cache, workers, context)


@contextmanager
def _settled_heap() -> Iterator[None]:
    """Garbage collection for a run over many drafts: rarer, and blind to what was built before it.

    The rules, the pipeline and spaCy's modules are some hundred thousand objects that live as
    long as the process; each full collection walked them all, and collections took a tenth
    of the run. Linting makes little cyclic garbage, so collecting less often costs no memory.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _pooled(
    paths: Sequence[str], ruleset: RuleSet, cache: Cache | None, workers: int, context: BaseContext
) -> Iterator[FileReport]:
    global _state
    from claimcheck.linter import lint_file

    # The first draft is linted here, before the fork, so that what the linter builds on first
    # use (lazily loaded modules and tables) is built once and shared, not once per worker.
    yield lint_file(paths[0], ruleset, cache)
    _state = (ruleset, cache)
    # Objects built before the fork (rules, pipeline, vocabulary, and what the first draft
    # loaded) are left out of the workers' garbage collection, which would otherwise touch,
    # and so copy, their pages.
    gc.freeze()
    try:
        with context.Pool(workers) as pool:  # type: ignore[attr-defined]
            yield from pool.imap(_lint_in_worker, paths[1:], chunksize=CHUNK_SIZE)
    finally:
        _state = None


def _lint_in_worker(path: str) -> FileReport:
    from claimcheck.linter import lint_file

    assert _state is not None, "worker started without the rules"
    ruleset, cache = _state
    return lint_file(path, ruleset, cache)


def _fork_context() -> BaseContext | None:
    # Only forked workers inherit the compiled rules; where fork is unavailable or unsafe
    # (Windows, macOS) one process is used rather than rebuilding everything per worker.
    import multiprocessing  # here, as a run over a few drafts has no use for it

    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")
