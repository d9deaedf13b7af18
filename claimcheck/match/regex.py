"""Refuse regular expressions in rules that could backtrack catastrophically.

spaCy runs a token pattern's `REGEX` with Python's backtracking `re` engine, once per token,
and `cited-by`, `markers` and `entries` run on whole paragraphs. A nested quantifier such as
`(a+)+` or `(\\w*)*`, or a back-reference, can take exponential time on a long token or
paragraph, and repeats side by side that can match the same characters (`\\w*\\w*\\w*!`)
take polynomial time; such a regex is refused when the rule loads rather than risked on
every draft.

A repeat of a body holding repeats is accepted where each pass is marked off unambiguously:
the body cannot match nothing, and cannot end with a character it can start with
(`(?:\\s*,\\s*\\d+)*`: a pass starts with a space or comma and ends with a digit).
Character sets are compared on a sample of characters (ASCII, Latin-1 and a few from other
scripts): an approximation, on the cautious side for the classes rules use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:  # Python 3.11+
    import re._compiler as sre_compile  # type: ignore[import-not-found]
    import re._constants as sre_constants  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile
    import sre_constants
    import sre_parse

MAX_LENGTH = 500
# Expressions run over paragraphs (`cited-by`) spell out journal names and the like.
MAX_TEXT_LENGTH = 5000
_ONE_CHARACTER = {sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY, sre_constants.CATEGORY}
# The characters classes are compared on: ASCII and Latin-1, dashes, quotes and spaces, and
# letters and digits of a few other scripts.
_SAMPLE = tuple(map(chr, range(0x100))) + tuple("\u2013\u2014\u2018\u2019\u201c\u201d\u2028\u3000\u0416\u03b1\u4e2d\u0661\u0967")
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}


def regexes(value: Any) -> Iterator[str]:
    """Every `REGEX` value inside a token pattern (at any depth, such as under `LOWER`)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "REGEX":
                yield item if isinstance(item, str) else repr(item)
            else:
                yield from regexes(item)
    elif isinstance(value, list):
        for item in value:
            yield from regexes(item)


def unsafe_reason(pattern: str, max_length: int = MAX_LENGTH) -> str | None:
    """Why `pattern` is refused, or None when it runs in reasonable time."""
    if len(pattern) > max_length:
        return f"is longer than {max_length} characters"
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as error:
        return f"is not a valid regular expression ({error})"
    return _Screen(parsed.state).walk(list(parsed), inside_repeat=False)


class _Screen:
    """The checks, with what they need of the parsed pattern (its flags) at hand."""

    def __init__(self, state: Any) -> None:
        self.state = state

    def walk(self, items: list[tuple[Any, Any]], inside_repeat: bool) -> str | None:
        """The first reason to refuse found among `items` (a sequence) and inside them."""
        reason = self._adjacent(items)
        if reason:
            return reason
        for op, argument in items:
            reason = self._check(op, argument, inside_repeat)
            if reason:
                return reason
        return None

    def _check(self, op: Any, argument: Any, inside_repeat: bool) -> str | None:
        if op == sre_constants.GROUPREF or op == getattr(sre_constants, "GROUPREF_EXISTS", None):
            return "uses a back-reference, which can take exponential time"
        if op in _REPEATS:
            low, high, body = argument
            repeats = _repeats(high)
            if repeats and inside_repeat:
                return "nests one repeat inside another (such as '(a+)+'), which can take exponential time"
            if repeats and _holds_repeat(list(body)):
                if _nullable(list(body)) or self.first(list(body)) & self.last(list(body)):
                    return "nests one repeat inside another (such as '(a+)+'), which can take exponential time"
                # Each pass is marked off: its own repeats are checked as if alone.
                return self.walk(list(body), inside_repeat=False)
            return self.walk(list(body), inside_repeat or repeats)
        if op == sre_constants.BRANCH and inside_repeat and _overlapping(argument[1]):
            return "repeats alternatives that can start alike (such as '(a|ab)+'), which can take exponential time"
        if op == sre_constants.BRANCH:
            return next((r for branch in argument[1] if (r := self.walk(list(branch), inside_repeat))), None)
        return self.walk(_children(op, argument), inside_repeat)

    def _adjacent(self, items: list[tuple[Any, Any]]) -> str | None:
        """Refuse two repeats in a row (with only what can match nothing between) where the
        first can end with a character the second can start with: `\\w*\\w*`, `\\d+ ?\\d+`."""
        for index, (op, argument) in enumerate(items):
            if op not in _REPEATS or not _unbounded(argument[1]):
                continue
            ending = self.last([(op, argument)])
            for later in items[index + 1 :]:
                if later[0] in _REPEATS and _unbounded(later[1][1]) and ending & self.first([later]):
                    return "has repeats side by side that can match the same text (such as '\\w*\\w*'), which can take polynomial time"
                if not _nullable([later]):
                    break
        return None

    def first(self, items: list[tuple[Any, Any]]) -> frozenset[str]:
        """The sample characters a match of `items` can start with."""
        found: frozenset[str] = frozenset()
        for item in items:
            found |= self._edge(item, self.first)
            if not _nullable([item]):
                break
        return found

    def last(self, items: list[tuple[Any, Any]]) -> frozenset[str]:
        """The sample characters a match of `items` can end with."""
        found: frozenset[str] = frozenset()
        for item in reversed(items):
            found |= self._edge(item, self.last)
            if not _nullable([item]):
                break
        return found

    def _edge(self, item: tuple[Any, Any], edge: Any) -> frozenset[str]:
        op, argument = item
        if op in _REPEATS:
            return edge(list(argument[2]))
        if op == sre_constants.SUBPATTERN:
            return edge(list(argument[-1]))
        if op == sre_constants.BRANCH:
            return frozenset().union(*(edge(list(branch)) for branch in argument[1]))
        if op in _ONE_CHARACTER:
            return self._matching(item)
        return frozenset()  # assertions, anchors: they match no character

    def _matching(self, item: tuple[Any, Any]) -> frozenset[str]:
        op, argument = item
        if op == sre_constants.LITERAL:
            return frozenset({chr(argument)})
        matcher = sre_compile.compile(sre_parse.SubPattern(self.state, [item]), self.state.flags)
        return frozenset(char for char in _SAMPLE if matcher.fullmatch(char))


def _repeats(high: Any) -> bool:
    return high is sre_constants.MAXREPEAT or high > 1


def _unbounded(high: Any) -> bool:
    # Side by side, short bounded repeats ('a{0,3}a{0,3}') cost a constant factor at most.
    return high is sre_constants.MAXREPEAT or high > 32


def _holds_repeat(items: list[tuple[Any, Any]]) -> bool:
    for op, argument in items:
        if op in _REPEATS and _repeats(argument[1]):
            return True
        if op == sre_constants.BRANCH and any(_holds_repeat(list(branch)) for branch in argument[1]):
            return True
        if _holds_repeat(_children(op, argument)) or (op in _REPEATS and _holds_repeat(list(argument[2]))):
            return True
    return False


def _nullable(items: list[tuple[Any, Any]]) -> bool:
    """Whether `items` can match the empty string (assertions and anchors count as empty)."""
    for op, argument in items:
        if op in _REPEATS:
            if argument[0] > 0 and not _nullable(list(argument[2])):
                return False
        elif op == sre_constants.SUBPATTERN:
            if not _nullable(list(argument[-1])):
                return False
        elif op == sre_constants.BRANCH:
            if not any(_nullable(list(branch)) for branch in argument[1]):
                return False
        elif op in _ONE_CHARACTER:
            return False
    return True


def _overlapping(branches: list[Any]) -> bool:
    seen: set[int] = set()
    for branch in branches:
        first = _first_chars(list(branch))
        if first is None or first & seen:
            return True
        seen |= first
    return False


def _first_chars(items: list[tuple[Any, Any]]) -> set[int] | None:
    """The characters a branch can start with, or None when that is not simple to tell."""
    if not items:
        return None
    op, argument = items[0]
    if op == sre_constants.LITERAL:
        return {argument}
    if op == sre_constants.IN and all(kind in (sre_constants.LITERAL, sre_constants.RANGE) for kind, _ in argument):
        chars: set[int] = set()
        for kind, value in argument:
            chars |= {value} if kind == sre_constants.LITERAL else set(range(value[0], value[1] + 1))
        return chars
    if op == sre_constants.SUBPATTERN:
        return _first_chars(list(argument[-1]))
    return None


def _children(op: Any, argument: Any) -> list[tuple[Any, Any]]:
    if op == sre_constants.SUBPATTERN:
        return list(argument[-1])
    if op == sre_constants.BRANCH:
        return [item for branch in argument[1] for item in branch]
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return list(argument[1])
    return []
