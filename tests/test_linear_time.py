"""Time budgets: every stage grows linearly with the draft, whatever its shape.

Each pathological shape is linted (and, where findings pile up, rendered) at two sizes
four times apart. Linear work takes about four times as long; the quadratic work these
shapes used to cause took sixteen times as long or more. The bound sits between, and
only the ratio is tested: absolute times depend on the machine and its load.
"""

from __future__ import annotations

import time
from typing import Callable

import pytest

from claimcheck.core.findings import Report
from claimcheck.output.formatters import render_parts
from claimcheck.run.lint import lint_text

GROWTH = 4
# Linear: about 4; quadratic: 16. Generous, for a loaded machine.
MAX_RATIO = 8.0

SHAPES: dict[str, tuple[Callable[[int], str], int, str]] = {
    # name: (draft of about n characters, n, file name)
    "open brackets": (lambda n: "[" * n, 1500, "d.md"),
    "open angles": (lambda n: "<" * n, 2500, "d.md"),
    "open images": (lambda n: "![" * (n // 2), 1500, "d.md"),
    "ampersands": (lambda n: "&" * n, 2500, "d.md"),
    "equals signs": (lambda n: "=" * n, 10000, "d.md"),
    "a line of spaces in plain text": (lambda n: "Hello.\n" + " " * n + "\nBye.\n", 20000, "d.txt"),
    "unclosed comments": (lambda n: "<!--\n" * (n // 5), 20000, "d.md"),
    "unclosed inline comments": (lambda n: "a <!-- " * (n // 7), 5000, "d.md"),
    "open footnotes": (lambda n: "^[" * (n // 2), 1500, "d.md"),
}


def _seconds(work: Callable[[], object]) -> float:
    """The best of two runs: the one least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _ratio(work: Callable[[int], object], size: int) -> float:
    work(size // 10)  # warm up: caches, lazy imports
    small = _seconds(lambda: work(size))
    large = _seconds(lambda: work(size * GROWTH))
    return large / max(small, 1e-3)


@pytest.mark.parametrize("shape", SHAPES)
def test_linting_time_grows_linearly(ruleset, shape):
    make, size, name = SHAPES[shape]
    ratio = _ratio(lambda n: lint_text(name, make(n), ruleset), size)
    assert ratio < MAX_RATIO, f"{shape}: {GROWTH}x the text took {ratio:.1f}x the time"


@pytest.mark.parametrize("format_name", ["text", "json"])
def test_many_findings_in_one_paragraph_take_linear_time(ruleset, format_name):
    unit = "You utilize it, it cures MS. "

    def lint_and_render(n: int) -> str:
        report = Report((lint_text("d.md", unit * (n // len(unit)), ruleset),), ruleset.rules)
        return "".join(render_parts(format_name, report))

    ratio = _ratio(lint_and_render, 10000)
    assert ratio < MAX_RATIO, f"{GROWTH}x the findings took {ratio:.1f}x the time"
