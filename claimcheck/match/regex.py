"""Refuse `REGEX` values in token patterns that could backtrack catastrophically.

spaCy runs a token pattern's `REGEX` with Python's backtracking `re` engine, once per token.
A nested quantifier such as `(a+)+` or `(\\w*)*`, or a back-reference, can take exponential
time on a long token (a URL, a run of letters in a 10 MB draft), so such a regex is refused
when the rule loads rather than risked on every draft.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

try:  # Python 3.11+
    import re._constants as sre_constants  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

MAX_LENGTH = 500
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


def unsafe_reason(pattern: str) -> str | None:
    """Why `pattern` is refused, or None when it runs in reasonable time."""
    if len(pattern) > MAX_LENGTH:
        return f"is longer than {MAX_LENGTH} characters"
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as error:
        return f"is not a valid regular expression ({error})"
    return _walk(list(parsed), inside_repeat=False)


def _walk(items: list[tuple[Any, Any]], inside_repeat: bool) -> str | None:
    for op, argument in items:
        reason = _check(op, argument, inside_repeat)
        if reason:
            return reason
    return None


def _check(op: Any, argument: Any, inside_repeat: bool) -> str | None:
    if op == sre_constants.GROUPREF or op == getattr(sre_constants, "GROUPREF_EXISTS", None):
        return "uses a back-reference, which can take exponential time"
    if op in _REPEATS:
        low, high, body = argument
        repeats = high is sre_constants.MAXREPEAT or high > 1
        if repeats and inside_repeat:
            return "nests one repeat inside another (such as '(a+)+'), which can take exponential time"
        return _walk(list(body), inside_repeat or repeats)
    if op == sre_constants.BRANCH and inside_repeat and _overlapping(argument[1]):
        return "repeats alternatives that can start alike (such as '(a|ab)+'), which can take exponential time"
    return _walk(_children(op, argument), inside_repeat)


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
