"""Lint many drafts on several cores: a pool whose workers hold the compiled rules and the pipeline once."""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from claimcheck.core.findings import FileReport
from claimcheck.run.lint import lint_file
from claimcheck.run.load import RuleSet

if TYPE_CHECKING:
    from claimcheck.run.cache import Cache

# Below this many drafts per worker, starting workers costs more than it saves.
MIN_DRAFTS_PER_WORKER = 4
# Drafts handed to a worker at a time: enough to keep the queues quiet, few enough to balance.
CHUNK_SIZE = 4


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def lint_files(paths: Sequence[str], ruleset: RuleSet, jobs: int, cache: Cache | None) -> Iterator[FileReport]:
    """A report per path, in the order of `paths`, linted by up to `jobs` processes."""
    workers = min(jobs, len(paths) // MIN_DRAFTS_PER_WORKER)
    with _settled_heap():
        if workers < 2 or not _can_fork():
            for path in paths:
                yield lint_file(path, ruleset, cache)
        else:
            yield from _pooled(paths, ruleset, cache, workers)


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


def _pooled(paths: Sequence[str], ruleset: RuleSet, cache: Cache | None, workers: int) -> Iterator[FileReport]:
    # The first draft is linted here, before the fork, so that what the linter builds on first
    # use (lazily loaded modules and tables) is built once and shared, not once per worker.
    yield lint_file(paths[0], ruleset, cache)
    rest = paths[1:]
    size = max(CHUNK_SIZE, -(-len(rest) // MAX_CHUNKS))
    chunks = [rest[start : start + size] for start in range(0, len(rest), size)]
    # Objects built before the fork (rules, pipeline, vocabulary, and what the first draft
    # loaded) are left out of the workers' garbage collection, which would otherwise touch,
    # and so copy, their pages.
    gc.freeze()
    pool = _Pool(workers, chunks, lambda chunk: [lint_file(path, ruleset, cache) for path in chunk])
    try:
        for reports in pool.results():
            yield from reports
    finally:
        pool.stop()


# At most this many chunks (4-byte numbers) are queued, all before the workers start: 4,096
# bytes, what any pipe holds (Linux gives a pipe a single page when a user has very many),
# so that queuing never waits on a worker. Bigger runs are cut into bigger chunks.
MAX_CHUNKS = 1024


class _Pool:
    """Forked workers that take chunk numbers from one pipe and send back pickled reports, each on its own pipe.

    The parent reads results in its only thread, as they come, and hands them on in chunk
    order (multiprocessing's Pool ran three threads in the parent, whose switching cost about
    a millisecond a draft). A worker that dies leaves its chunk to be linted by the parent.
    """

    def __init__(self, workers: int, chunks: list[Sequence[str]], lint: Callable[[Sequence[str]], list[FileReport]]) -> None:
        self.chunks = chunks
        self.lint = lint
        tasks, queue = os.pipe()
        os.write(queue, b"".join(number.to_bytes(4, "little") for number in range(len(chunks))))
        os.close(queue)
        self.pids: list[int] = []
        self.pipes: list[int] = []
        self.finished = False
        try:
            for _ in range(workers):
                results, output = os.pipe()
                try:
                    pid = os.fork()
                except OSError:
                    # No more processes to be had: the workers started do the work, or
                    # (none started) the parent does it all.
                    os.close(results)
                    os.close(output)
                    break
                if pid == 0:
                    os.close(results)
                    for other in self.pipes:
                        os.close(other)
                    self._work(tasks, output)
                os.close(output)
                self.pids.append(pid)
                self.pipes.append(results)
        finally:
            os.close(tasks)

    def _work(self, tasks: int, output: int) -> NoReturn:
        """A worker's life: lint the chunks it takes until none are left, then leave without cleaning up."""
        code = 0
        try:
            with os.fdopen(output, "wb") as stream:
                while len(number := os.read(tasks, 4)) == 4:
                    chunk = int.from_bytes(number, "little")
                    payload = pickle.dumps((chunk, self.lint(self.chunks[chunk])), protocol=pickle.HIGHEST_PROTOCOL)
                    stream.write(len(payload).to_bytes(8, "little") + payload)
                    stream.flush()
        except BaseException:  # the parent lints what this worker did not send
            code = 1
        finally:
            os._exit(code)

    def results(self) -> Iterator[list[FileReport]]:
        """Each chunk's reports, in chunk order, as soon as the chunk and all before it are done."""
        import selectors

        done: dict[int, list[FileReport]] = {}
        buffers = {pipe: bytearray() for pipe in self.pipes}
        selector = selectors.DefaultSelector()
        for pipe in self.pipes:
            selector.register(pipe, selectors.EVENT_READ)
        following = 0
        while following < len(self.chunks):
            if following in done:
                yield done.pop(following)
                following += 1
                continue
            if not selector.get_map():
                # Every worker has finished, and this chunk never came: lint it here.
                done[following] = self.lint(self.chunks[following])
                continue
            for key, _ in selector.select():
                data = os.read(key.fd, 1 << 20)
                if not data:
                    selector.unregister(key.fd)
                    continue
                buffer = buffers[key.fd]
                buffer += data
                while len(buffer) >= 8 and len(buffer) >= 8 + (size := int.from_bytes(buffer[:8], "little")):
                    chunk, reports = pickle.loads(buffer[8 : 8 + size])
                    done[chunk] = reports
                    del buffer[: 8 + size]
        selector.close()
        self.finished = True

    def stop(self) -> None:
        """Wait for the workers to end (ending them at once if the reader stopped early) and release their pipes."""
        for pid in self.pids:
            if not self.finished:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            os.waitpid(pid, 0)
        for pipe in self.pipes:
            os.close(pipe)
        self.pids, self.pipes = [], []


def _can_fork() -> bool:
    # Only forked workers inherit the compiled rules; where fork is unavailable or unsafe
    # (Windows, macOS) one process is used rather than rebuilding everything per worker.
    return hasattr(os, "fork") and sys.platform != "darwin"
