"""Screen a regular expression by the literal text every match of it must hold.

Python's `re` finds a pattern that starts with plain text (`\\[`, `(`) by a fast search for
that text, but one that starts with `\\b` or a set (`\\bdoi:`, `\\b(?:JAMA|NEJM)`) is tried at
every character: on a `cited-by` list run over every sentence of a draft that was most of
the studies pass. Every match of `\\bdoi:\\s*\\S+` holds "doi:", and every match of
`\\b(?:JAMA|NEJM)\\b` holds "JAMA" or "NEJM": where none of those stands in the text, the
regex cannot match and is not run. The screen only skips searches that would fail, so a
screened regex finds exactly what the regex finds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from claimcheck.match.regex import sre_constants, sre_parse

# Items that match no character: they may stand before or between the literal text.
_ZERO_WIDTH = {sre_constants.AT}
# The most characters a set may hold to screen by: each is looked for in turn.
MAX_SET = 16


def required_text(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Texts one of which every match of `regex` holds, or None when none are known (or the regex starts with one)."""
    if regex.flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(regex.pattern, regex.flags)
    except (re.error, TypeError, ValueError):  # pragma: no cover - compiled already, so it parses
        return None
    items = list(parsed)
    if items and items[0][0] is sre_constants.LITERAL:
        return None  # `re` itself looks for a leading text first: a screen would only add a search
    return _required(items)


def _required(items: Sequence[tuple[Any, Any]]) -> tuple[str, ...] | None:
    """The longest run of literal characters of a sequence, or the alternatives of its first group."""
    best: tuple[str, ...] | None = None
    run: list[str] = []

    def close() -> None:
        nonlocal best, run
        if run and (best is None or _weaker(best, ("".join(run),))):
            best = ("".join(run),)
        run = []

    for op, argument in items:
        if op is sre_constants.LITERAL:
            run.append(chr(argument))
            continue
        if op in _ZERO_WIDTH and not run:
            continue  # "\b" before the text: the text is still all required
        close()
        if op is sre_constants.SUBPATTERN and not _case_blind(argument):
            found = _required(list(argument[-1]))
        elif op is sre_constants.BRANCH:
            found = _branches(argument[1])
        elif op is sre_constants.IN:
            found = _characters(argument)
        else:
            continue
        if found is not None and (best is None or _weaker(best, found)):
            best = found
    close()
    return best


def _branches(branches: Sequence[Any]) -> tuple[str, ...] | None:
    """Every branch's required text: a match holds one of them (None when a branch has none)."""
    texts: list[str] = []
    for branch in branches:
        found = _required(list(branch))
        if found is None:
            return None
        texts.extend(found)
    return tuple(texts)


def _characters(items: Sequence[tuple[Any, Any]]) -> tuple[str, ...] | None:
    """The characters of a small set of plain characters ("[\u00b9\u00b2\u00b3]"), one of which a match holds."""
    found: list[str] = []
    for op, argument in items:
        if op is sre_constants.LITERAL:
            found.append(chr(argument))
        elif op is sre_constants.RANGE and argument[1] - argument[0] < MAX_SET:
            found.extend(map(chr, range(argument[0], argument[1] + 1)))
        else:
            return None  # a negated set, a class such as \w, a wide range
    return tuple(found) if 0 < len(found) <= MAX_SET else None


def _case_blind(argument: Any) -> bool:
    """A group that turns on IGNORECASE ("(?i:...)"): its literals match other cases too."""
    add_flags = argument[1] if len(argument) == 4 else 0
    return bool(add_flags & re.IGNORECASE)


def _weaker(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Prefer the screen whose shortest text is longest: it rules out more text."""
    return min(map(len, new)) > min(map(len, old))


class Screened:
    """A regex with the texts one of which any match holds: `search` skips texts holding none."""

    __slots__ = ("regex", "texts")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        texts = required_text(regex)
        # An empty text screens out nothing: run the regex as it is.
        self.texts = texts if texts and all(texts) else None

    def search(self, text: str) -> bool:
        """The regex matches somewhere in `text`."""
        if self.texts is not None and not any(part in text for part in self.texts):
            return False
        return self.regex.search(text) is not None


class AnyOf:
    """Several regexes asked together whether any matches: one search for every screening text first.

    Most texts hold none of the screens' texts (a sentence naming no journal, DOI or
    meeting); for them one pass over the text answers for every screened regex.
    """

    __slots__ = ("screened", "unscreened", "texts")

    def __init__(self, regexes: Sequence[re.Pattern[str]]) -> None:
        every = [Screened(regex) for regex in regexes]
        self.screened = tuple(screen for screen in every if screen.texts is not None)
        self.unscreened = tuple(screen.regex for screen in every if screen.texts is None)
        words = sorted({text for screen in self.screened for text in screen.texts or ()}, key=len, reverse=True)
        self.texts = re.compile("|".join(map(re.escape, words))) if words else None

    def search(self, text: str) -> bool:
        """Some regex matches somewhere in `text`."""
        if any(regex.search(text) for regex in self.unscreened):
            return True
        # A screening text found says only that some screen may pass: each is then asked in turn.
        if self.texts is None or self.texts.search(text) is None:
            return False
        return any(screen.search(text) for screen in self.screened)
