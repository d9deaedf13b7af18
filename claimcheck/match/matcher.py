"""spaCy token patterns, run over a Doc's attribute arrays instead of its Token objects.

spaCy's `Matcher` builds a Python Token object for every token it is given and calls a
Python predicate for every `IN` set on each of them: on a 1,000-word draft and a few dozen
patterns that was most of the time claimcheck spent. Rules use a small part of the pattern
language (word attributes, a few flags, `IN`, `NOT_IN`, `REGEX`, and the operators `?`, `*`,
`+`, `{n,m}`), and those patterns run here, as a plain NFA over integer lists, started only
where the pattern's most telling word can put a match. `compile_pattern` returns None for
anything else (`!`, extension attributes, comparisons), which spaCy's Matcher then runs.
tests/test_matcher.py holds this module to spaCy's results, match for match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from claimcheck.nlp.doc_state import Columns, state
from claimcheck.nlp.pipeline import CORE_ATTRS

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Token attributes this module reads: words (string ids) and flags (0 or 1). The pipeline
# works out CORE_ATTRS for every block; the rest are read only once a pattern asks for them.
EXTRA_ATTRS = ("NORM", "IS_DIGIT", "IS_SPACE", "IS_UPPER", "IS_LOWER", "IS_TITLE", "LIKE_NUM")
ATTRS = (*CORE_ATTRS, *EXTRA_ATTRS)
WORD_ATTRS = ("LOWER", "LEMMA", "ORTH", "NORM")
FLAG_ATTRS = tuple(attr for attr in ATTRS if attr not in WORD_ATTRS)
_ALIASES = {"TEXT": "ORTH"}
# Every word some compiled pattern starts from. Only these are indexed in a Doc (a few per
# block, where indexing every word cost memory on a large draft); only grows, so its size
# tells whether a Doc's index was built with all of them.
_ANCHORS: set[int] = set()
# The EXTRA_ATTRS some compiled pattern reads. Only grows, so its size tells whether a
# Doc's cached columns were read with all of them.
_EXTRA_USED: set[str] = set()
# Quantifiers of one pattern item, after `+` and `{n,m}` are spelled out as spaCy does.
ONE, OPTIONAL, ANY = 1, 2, 3
_OPERATORS = {"1": (ONE,), "?": (OPTIONAL,), "*": (ANY,), "+": (ONE, ANY)}
_BOUNDS = re.compile(r"\{(\d*)(,?)(\d*)\}")


# What columns() gives for an extra attribute no pattern reads (never written to).
_UNREAD: list[int] = []
_UNREAD_EXTRAS = (_UNREAD,) * len(EXTRA_ATTRS)
Test = Callable[[Columns, int], bool]


def columns(doc: Doc) -> Columns:
    """The Doc's ATTRS values, one list per attribute in ATTRS order (read once per Doc).

    An extra attribute no pattern reads is left as an empty list.
    """
    known = state(doc)
    cached = known.columns
    if cached is not None and cached[0] == len(_EXTRA_USED):
        return cached[1]
    size = len(doc)
    core = known.core_columns
    if core is None:
        read = doc.to_array(list(CORE_ATTRS[:-1])).T.tolist() if size else [[] for _ in CORE_ATTRS[:-1]]
        core = (*read, _sentence_starts(doc))
    if _EXTRA_USED and size:
        extra = {name: doc.to_array([name]).ravel().tolist() for name in _EXTRA_USED}
        values = (*core, *(extra.get(name, _UNREAD) for name in EXTRA_ATTRS))
    else:
        values = (*core, *_UNREAD_EXTRAS)
    known.columns = (len(_EXTRA_USED), values)
    return values


def positions(doc: Doc, column: int) -> dict[int, list[int]]:
    """Where each anchor word (see _ANCHORS) occurs in one word column of the Doc (built once per Doc)."""
    cache = state(doc).positions
    cached = cache.get(column)
    if cached is not None and cached[0] == len(_ANCHORS):
        return cached[1]
    where: dict[int, list[int]] = {}
    for position, value in enumerate(columns(doc)[column]):
        if value in _ANCHORS:
            where.setdefault(value, []).append(position)
    cache[column] = (len(_ANCHORS), where)
    return where


def _sentence_starts(doc: Doc) -> list[int]:
    """1 where a sentence starts, else 0: from the bounds the pipeline stored, or from the Doc."""
    bounds = state(doc).sentence_bounds
    if bounds is None:
        # spaCy marks a sentence start 1, other tokens -1 (wrapped to uint64) or 0.
        return [int(value == 1) for value in doc.to_array(["SENT_START"]).ravel().tolist()]
    starts = [0] * len(doc)
    for start in bounds[:-1]:
        starts[start] = 1
    return starts


class TokenPattern:
    """One compiled pattern: a sequence of (test, quantifier) items and where matches may start.

    `anchor` is (column, allowed word ids, item): an item that reads exactly one token, one
    of those words, in every match. Matches are looked for only around the anchor's words:
    from each, the items before the anchor, read backwards, give where a match can start, and
    the anchor and the items after it, read forwards, where it can end; every start goes with
    every end. A pattern without an anchor is tried from every token.
    """

    def __init__(self, items: Sequence[tuple[Test, int]], anchor: tuple[int, frozenset[int], int] | None) -> None:
        self.anchor = anchor
        split = anchor[2] if anchor else 0
        self.backward = _Automaton(items[:split][::-1])
        self.forward = _Automaton(items[split:])

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """Every (start, end) token span of `doc` that the pattern matches, as spaCy's Matcher gives them."""
        values = columns(doc)
        size = len(values[0])
        ends = self.forward.ends
        if self.anchor is None:
            return [(start, end) for start in range(size) for end in ends(values, start, size)]
        column, allowed, _ = self.anchor
        where = positions(doc, column)
        found: list[tuple[int, int]] = []
        for value in where.keys() & allowed:
            for position in where[value]:
                after = ends(values, position, size)
                if after:
                    found += [(start, end) for start in self.backward.ends(values, position - 1, -1, -1) for end in after]
        # Two anchor words in one span can both put it in the list.
        return sorted(set(found)) if len(found) > 1 else found


class _Automaton:
    """An NFA over pattern items: which tokens, read one way from a position, a run of the items can end after."""

    def __init__(self, items: Sequence[tuple[Test, int]]) -> None:
        self.tests = tuple(test for test, _ in items)
        quantifiers = tuple(quantifier for _, quantifier in items)
        closure = [_closure(quantifiers, j) for j in range(len(items) + 1)]
        self.start = closure[0]
        # The states after item j reads a token: itself again (for *) or the next item, and
        # every item reachable from there without reading one (skipping ? and *).
        self.after = tuple(closure[j if quantifier == ANY else j + 1] for j, quantifier in enumerate(quantifiers))
        self.last = len(items)
        self._moves: dict[frozenset[int], tuple[tuple[Test, frozenset[int]], ...]] = {}

    def moves(self, states: frozenset[int]) -> tuple[tuple[Test, frozenset[int]], ...]:
        """From a set of states: each distinct test to make of the next token, and the states it leads to.

        Items spelled out of one token (`{0,5}` is five) share a test, which is made once;
        a pattern meets few sets of states, so each set's moves are worked out once.
        """
        moves = self._moves.get(states)
        if moves is None:
            grouped: dict[Test, frozenset[int]] = {}
            for item in sorted(states):
                if item != self.last:
                    test = self.tests[item]
                    grouped[test] = grouped.get(test, frozenset()) | self.after[item]
            moves = self._moves[states] = tuple(grouped.items())
        return moves

    def ends(self, values: Columns, start: int, stop: int, step: int = 1) -> list[int]:
        """Where runs of all the items that read tokens from `start` on (towards `stop`, by `step`) end.

        Read forwards, an end is the position after the last token read; read backwards
        (step -1), it is the last token read itself, so that both are where a match starts
        or stops. Read backwards, an empty run counts too (the position after `start`).
        """
        last, known = self.last, self._moves
        states = self.start
        ends = [start + 1] if step < 0 and last in states else []
        position = start
        while position != stop:
            following: frozenset[int] | None = None
            moves = known.get(states)
            if moves is None:
                moves = self.moves(states)
            for test, reached in moves:
                if test(values, position):
                    following = reached if following is None else following | reached
            if following is None:
                break
            if last in following:
                ends.append(position + 1 if step > 0 else position)
            position += step
            states = following
        return ends


def _closure(quantifiers: tuple[int, ...], item: int) -> frozenset[int]:
    reached = {item}
    while item < len(quantifiers) and quantifiers[item] != ONE:
        item += 1
        reached.add(item)
    return frozenset(reached)


def compile_pattern(pattern: list[dict[str, Any]], string_id: Callable[[str], int], strings: Any) -> TokenPattern | None:
    """A pattern spaCy has already accepted, compiled; None when it uses anything this module does not run."""
    items: list[tuple[Test, int]] = []
    anchors: list[tuple[int, frozenset[int], int]] = []
    for token in pattern:
        quantifiers = _quantifiers(token.get("OP", "1"))
        test = _test(token, string_id, strings)
        if quantifiers is None or test is None:
            return None
        if quantifiers[0] == ONE:
            anchors += [(column, allowed, len(items)) for column, allowed in literal_words(token, string_id)]
        items += [(test, quantifier) for quantifier in quantifiers]
    if not items:
        return None
    # The rarest words start the fewest matches.
    anchor = min(anchors, key=lambda a: rarity(a[1], string_id), default=None)
    if anchor is not None:
        _ANCHORS.update(anchor[1])
    return TokenPattern(items, anchor)


def _quantifiers(op: Any) -> tuple[int, ...] | None:
    if not isinstance(op, str):
        return None
    if op in _OPERATORS:
        return _OPERATORS[op]
    bounds = _BOUNDS.fullmatch(op)
    if bounds is None:
        return None
    low, comma, high = bounds.groups()
    least = int(low or 0)
    if not comma:
        return (ONE,) * least
    return (ONE,) * least + ((OPTIONAL,) * (int(high) - least) if high else (ANY,))


def pins_a_token(op: Any) -> bool:
    """A token with this `OP` is read at least once in every match (`1`, `+`, `{2}`, `{1,3}` ...)."""
    quantifiers = _quantifiers(op)
    return quantifiers is not None and quantifiers[0] == ONE


def literal_words(token: dict[str, Any], string_id: Callable[[str], int]) -> list[tuple[int, frozenset[int]]]:
    """The word columns a token pins to a set of values: (column in ATTRS, allowed ids)."""
    found = []
    for name, value in token.items():
        attr = _ALIASES.get(str(name).upper(), str(name).upper())
        if attr not in WORD_ATTRS:
            continue
        if isinstance(value, str):
            found.append((ATTRS.index(attr), frozenset({string_id(value)})))
        elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
            if all(isinstance(item, str) for item in value["IN"]):
                found.append((ATTRS.index(attr), frozenset(map(string_id, value["IN"]))))
    return found


def rarity(words: frozenset[int], string_id: Callable[[str], int]) -> tuple[int, int]:
    """How often a set of words (ids) turns up in text, to sort by: how many are stop words, then how many there are."""
    return len(words & _common_ids(string_id)), len(words)


def _test(token: dict[str, Any], string_id: Callable[[str], int], strings: Any) -> Test | None:
    """One token's conditions as a function of (columns, position); None if any is unsupported."""
    checks: list[Test] = []
    for name, value in token.items():
        attr = _ALIASES.get(str(name).upper(), str(name).upper())
        if attr == "OP":
            continue
        if attr not in ATTRS:
            return None
        column = ATTRS.index(attr)
        if attr in EXTRA_ATTRS:
            _EXTRA_USED.add(attr)
        if attr in FLAG_ATTRS:
            if not isinstance(value, bool):
                return None
            checks.append(_equals(column, int(value)))
        elif isinstance(value, str):
            checks.append(_equals(column, string_id(value)))
        elif isinstance(value, dict) and value:
            for predicate, argument in value.items():
                check = _predicate(column, predicate, argument, string_id, strings)
                if check is None:
                    return None
                checks.append(check)
        else:
            return None
    return _all(checks)


def _predicate(column: int, predicate: Any, argument: Any, string_id: Callable[[str], int], strings: Any) -> Test | None:
    if predicate in ("IN", "NOT_IN"):
        if not isinstance(argument, list) or not all(isinstance(item, str) for item in argument):
            return None
        allowed = frozenset(map(string_id, argument))
        if predicate == "IN":
            return lambda values, i: values[column][i] in allowed
        return lambda values, i: values[column][i] not in allowed
    if predicate == "REGEX" and isinstance(argument, str):
        return _regex_test(column, re.compile(argument).search, strings)
    return None


def _regex_test(column: int, search: Callable[[str], Any], strings: Any) -> Test:
    # A string id always names the same text: each is searched once, then looked up.
    known: dict[int, bool] = {}

    def test(values: Columns, i: int) -> bool:
        value = values[column][i]
        found = known.get(value)
        if found is None:
            found = known[value] = search(strings[value]) is not None
        return found

    return test


def _equals(column: int, wanted: int) -> Test:
    return lambda values, i: values[column][i] == wanted


def _all(checks: list[Test]) -> Test:
    if len(checks) == 1:
        return checks[0]
    if not checks:
        return lambda values, i: True
    return lambda values, i: all(check(values, i) for check in checks)


@lru_cache(maxsize=1)
def _common_ids(string_id: Callable[[str], int]) -> frozenset[int]:
    return frozenset(map(string_id, common_words()))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """spaCy's English stop words: words too common to tell one text from another."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)
