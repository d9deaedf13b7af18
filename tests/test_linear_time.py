"""Time budgets: every stage grows linearly with the draft, whatever its shape.

Each pathological shape is linted (and, where findings pile up, rendered) at two sizes
eight times apart. Linear work takes about eight times as long; the quadratic work these
shapes used to cause took sixty-four times as long or more. The bound sits between, and
only the ratio is tested: absolute times depend on the machine and its load.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from claimcheck.core.findings import Report
from claimcheck.output.formatters import render_parts
from claimcheck.run.lint import lint_text

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM timers")

GROWTH = 8
# Linear: about 8; quadratic: 64. Between the two, generous for a loaded machine.
MAX_RATIO = 20.0

SHAPES: dict[str, tuple[Callable[[int], str], int, str]] = {
    # name: (draft of about n characters, n, file name)
    "open brackets": (lambda n: "[" * n, 1000, "d.md"),
    "open angles": (lambda n: "<" * n, 1500, "d.md"),
    "open images": (lambda n: "![" * (n // 2), 1000, "d.md"),
    "ampersands": (lambda n: "&" * n, 1500, "d.md"),
    "equals signs": (lambda n: "=" * n, 10000, "d.md"),
    "a line of spaces in plain text": (lambda n: "Hello.\n" + " " * n + "\nBye.\n", 10000, "d.txt"),
    "unclosed comments": (lambda n: "<!--\n" * (n // 5), 10000, "d.md"),
    "unclosed inline comments": (lambda n: "a <!-- " * (n // 7), 3000, "d.md"),
    "open footnotes": (lambda n: "^[" * (n // 2), 1000, "d.md"),
}


class _OverBudget(Exception):
    pass


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Stop the work after `seconds`: a quadratic stage fails the test in seconds, not minutes."""

    def stop(signum: int, frame: object) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _within_budget(work: Callable[[int], object], size: int) -> bool:
    """Whether GROWTH times the input takes less than MAX_RATIO times as long (a second try
    is allowed: another process may have taken the machine for a moment)."""
    work(size // 10)  # warm up: caches, lazy imports
    small = min(_seconds(lambda: work(size)) for _ in range(2))
    for _ in range(2):
        try:
            # (A floor under tiny times, which a pause of the machine would swamp.)
            with _deadline(MAX_RATIO * max(small, 0.025)):
                work(size * GROWTH)
            return True
        except _OverBudget:
            continue
    return False


@pytest.mark.parametrize("shape", SHAPES)
def test_linting_time_grows_linearly(ruleset, shape):
    make, size, name = SHAPES[shape]
    within = _within_budget(lambda n: lint_text(name, make(n), ruleset), size)
    assert within, f"{shape}: {GROWTH}x the text took over {MAX_RATIO:g}x the time"


@pytest.mark.parametrize("format_name", ["text", "json"])
def test_many_findings_in_one_paragraph_take_linear_time(ruleset, format_name):
    unit = "You utilize it, it cures MS. "

    def lint_and_render(n: int) -> str:
        report = Report((lint_text("d.md", unit * (n // len(unit)), ruleset),), ruleset.rules)
        return "".join(render_parts(format_name, report))

    assert _within_budget(lint_and_render, 5000), f"{GROWTH}x the findings took over {MAX_RATIO:g}x the time"
