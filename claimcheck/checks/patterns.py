"""Terms and spaCy token patterns from a rule, compiled into one matcher."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import TYPE_CHECKING, Any

from claimcheck.analysis.draft import Analysis
from claimcheck.checks.base import require_type
from claimcheck.core.rule import Rule
from claimcheck.match.matcher import (
    ATTRS,
    columns,
    common_words,
    compile_pattern,
    literal_words,
    pins_a_token,
    rarity,
)
from claimcheck.match.regex import regexes, unsafe_reason
from claimcheck.nlp.doc_state import state
from claimcheck.nlp.pipeline import analyze, pipeline, spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from claimcheck.source.document import Block

SPEC_KEYS = ("terms", "patterns")
_BOUNDED_OP = re.compile(r"\{(\d*)(,?)(\d*)\}")
# Token attributes whose literal values a block must contain for a pattern to match there.
LITERAL_ATTRS = ("LOWER", "LEMMA", "ORTH")
LOWER, LEMMA, ORTH = (ATTRS.index(attr) for attr in LITERAL_ATTRS)
# Every word id some PatternSet of this process asks blocks for. Only grows, so its size
# tells whether a Doc's cached words were computed against all of it.
_WANTED: set[int] = set()
# Terms and alternatives met in rules, analysed (see term_docs).
_TERM_DOCS: dict[str, Doc] = {}
# One requirement: a column of ATTRS and the values (string ids) one of which must occur.
Requirement = tuple[int, frozenset[int]]


class PatternSet:
    """Lemma-aware terms (one entry matches every inflection) and token patterns."""

    def __init__(self, rule: Rule, spec: Mapping[str, Any], key: str | None) -> None:
        """`spec` is the rule's `key`; with no key, `terms` and `patterns` are the rule's own keys."""
        from spacy.matcher import PhraseMatcher

        term_key, pattern_key = (key, key) if key else ("terms", "patterns")
        terms = require_type(rule, term_key, spec.get("terms", []), list, "a list of terms")
        patterns = require_type(rule, pattern_key, spec.get("patterns", []), list, "a list of token patterns")
        if not all(isinstance(term, str) and term.strip() for term in terms):
            raise rule.error("every term must be non-empty text", term_key)
        nlp = pipeline()
        self.phrases = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.patterns: list[_Pattern] = []
        # The patterns each trigger word (a pattern's most telling required word) can start,
        # and those that require no word.
        self.triggered: dict[int, list[_Pattern]] = {}
        self.untriggered: list[_Pattern] = []
        # The same for terms: one lemma id of each (the least common word in it).
        self.term_triggers: frozenset[int] = frozenset()
        self.empty = not terms and not patterns
        if terms:
            docs = term_docs(terms)
            self.phrases.add(rule.id, docs)
            self.term_triggers = _want(frozenset(_telling_lemma(doc) for doc in docs if len(doc)))
        for number, pattern in enumerate(patterns, start=1):
            self._add_pattern(rule, pattern_key, number, pattern)
        # Every trigger word: a block with none of them cannot match a pattern. None when
        # some pattern requires no word.
        self.trigger_words = frozenset(self.triggered)
        self.triggers = None if self.untriggered else self.trigger_words
        # Every word one of which a block must hold for the set to match there; None when
        # any block may match.
        self.anywhere = None if self.triggers is None else self.triggers | self.term_triggers

    def _add_pattern(self, rule: Rule, key: str, number: int, pattern: Any) -> None:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise rule.error(f"pattern {number} must be a non-empty list of token mappings", key)
        for expression in regexes(pattern):
            unsafe = unsafe_reason(expression)
            if unsafe:
                raise rule.error(f"pattern {number}: REGEX {expression!r} {unsafe}", key)
        from spacy.matcher import Matcher

        plain = [_plain(token) for token in pattern]
        matcher = Matcher(pipeline().vocab, validate=True)
        try:
            matcher.add(f"{rule.id}#{number}", [plain])
        except Exception as error:  # spaCy raises several types for a bad pattern
            reason = " ".join(str(error).split())[:200]
            raise rule.error(f"pattern {number} is not a valid spaCy token pattern: {reason}", key) from None
        compiled = _Pattern(matcher, plain)
        for _, allowed in compiled.needs:
            _want(allowed)
        self.patterns.append(compiled)
        if compiled.needs:
            for word in compiled.needs[0][1]:
                self.triggered.setdefault(word, []).append(compiled)
        else:
            self.untriggered.append(compiled)

    def matches(self, analysis: Analysis) -> Iterator[tuple[int, Block, Doc, list[Span]]]:
        """The prose blocks of a draft in which the set matches, in order, with their matches.

        A draft's blocks are looked up in its word index (see block_index) rather than each
        tried in turn: most rules match in few of a draft's blocks, or none.
        """
        blocks, docs = analysis.document.blocks, analysis.docs
        if self.anywhere is None:
            indices: Iterator[int] | list[int] = (index for index, _, _ in analysis.prose())
        else:
            index = block_index(analysis)
            # Intersected by reading the smaller side: `keys & frozenset` reads the frozenset,
            # `frozenset.intersection(dict)` reads the dict.
            anywhere = self.anywhere
            held = index.keys() & anywhere if len(anywhere) < len(index) else anywhere.intersection(index)
            found = [index[word] for word in held]
            indices = sorted(set(chain.from_iterable(found))) if len(found) > 1 else found[0] if found else []
        for at in indices:
            matched = self.find(docs[at])
            if matched:
                yield at, blocks[at], docs[at], matched

    def find(self, doc: Doc) -> list[Span]:
        """Every match in `doc`, longest first where matches overlap, in text order."""
        return spans(doc, self.offsets(doc))

    def offsets(self, doc: Doc) -> list[tuple[int, int]]:
        """`find` as (start, end) token offsets: for matches that only rule others out, no Span is made."""
        # Most blocks match nothing: two set tests answer that without running a matcher.
        words = block_words(doc)
        found: list[tuple[int, int]] = []
        if not self.term_triggers.isdisjoint(words):
            found = [(start, end) for _, start, end in self.phrases(doc)]
        if self.patterns and (self.triggers is None or not self.triggers.isdisjoint(words)):
            # Only the patterns whose most telling word the block holds can match in it.
            present = words & self.trigger_words
            if len(present) == 1 and not self.untriggered:
                candidates: list[_Pattern] | dict[_Pattern, None] = self.triggered[next(iter(present))]
            else:
                candidates = dict.fromkeys(chain(self.untriggered, *(self.triggered[word] for word in present)))
            for pattern in candidates:
                found += pattern.find(doc, words)
        return _longest(found) if len(found) > 1 else found


def covered(start: int, end: int, covers: list[tuple[int, int]]) -> bool:
    """One of `covers` (token offsets, as `PatternSet.offsets` gives them) spans all of tokens start to end."""
    return any(first <= start and end <= last for first, last in covers)


def term_docs(texts: list[str]) -> list[Doc]:
    """Each short text (a term, an alternative) analysed once per process, in one batch."""
    new = [text for text in dict.fromkeys(texts) if text not in _TERM_DOCS]
    _TERM_DOCS.update(zip(new, analyze(new)))
    return [_TERM_DOCS[text] for text in texts]


def required_patterns(rule: Rule, key: str) -> PatternSet:
    """The rule's `key`: a mapping of terms/patterns with at least one entry."""
    spec = require_type(rule, key, rule.options.get(key), dict, "a mapping of terms/patterns")
    patterns = PatternSet(rule, spec, key)
    if patterns.empty:
        raise rule.error("needs at least one term or pattern", key)
    return patterns


def optional_patterns(rule: Rule, key: str) -> PatternSet | None:
    """The rule's `key` as a PatternSet, or None when the rule leaves it out."""
    spec = require_type(rule, key, rule.options.get(key) or {}, dict, "a mapping of terms/patterns")
    return PatternSet(rule, spec, key) if spec else None


def _telling_lemma(term: Doc) -> int:
    """The lemma id of the least common word of a term: a block without it cannot contain the term."""
    common = common_words()
    return min(term, key=lambda token: (token.lemma_ in common or token.is_punct, -len(token.text))).lemma


class _Pattern:
    """One token pattern, run only where it can match.

    A pattern that needs a word (`{LOWER: cure}`) cannot match in a block without that
    word. Where it can, claimcheck.match.matcher runs it over the block's arrays. The few
    patterns that module does not run go to spaCy's Matcher, which costs time for every
    token it is given: when their length is bounded they can only match within `reach`
    tokens of a required word, so the Matcher is given just those windows.
    """

    def __init__(self, matcher: Any, pattern: list[dict[str, Any]]) -> None:
        strings = matcher.vocab.strings
        self.pattern = pattern
        self.matcher = matcher
        self.compiled = compile_pattern(pattern, strings.add, strings)
        self.needs = requirements(pattern, strings.add)
        self.reach = reach(pattern)
        self.anchor = self.needs[0] if self.needs and self.reach else None

    def find(self, doc: Doc, words: frozenset[int]) -> list[tuple[int, int]]:
        """Every match of the pattern in `doc`, whose words of interest are `words`, as token offsets."""
        for _, allowed in self.needs:
            if words.isdisjoint(allowed):
                return []
        if self.compiled is not None:
            return self.compiled.find(doc)
        if self.anchor is None or self.reach is None:
            return [(start, end) for _, start, end in self.matcher(doc)]
        found = []
        for first, last in self._windows(doc):
            found += [(first + start, first + end) for _, start, end in self.matcher(doc[first:last])]
        return found

    def _windows(self, doc: Doc) -> list[tuple[int, int]]:
        assert self.anchor is not None and self.reach is not None
        column, allowed = self.anchor
        windows: list[tuple[int, int]] = []
        for position, value in enumerate(columns(doc)[column]):
            if value not in allowed:
                continue
            first, last = max(position - self.reach + 1, 0), min(position + self.reach, len(doc))
            if windows and first <= windows[-1][1]:
                windows[-1] = (windows[-1][0], last)
            else:
                windows.append((first, last))
        return windows


def reach(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of `pattern` can span, or None when unbounded or edge-sensitive."""
    total = 0
    for token in pattern:
        most = _most(str(token.get("OP", "1")))
        if most is None:
            return None
        total += most
    return total


def _most(op: str) -> int | None:
    # `+`, `*` and `{n,}` are unbounded; `!` looks at the token after a match, which the
    # edge of a window would hide. Both mean: no windows for this pattern.
    if op in ("1", "?"):
        return 1
    bounded = _BOUNDED_OP.fullmatch(op)
    if bounded is None:
        return None
    low, comma, high = bounded.groups()
    most = high if comma else low
    return int(most) if most else None


def requirements(pattern: list[dict[str, Any]], string_id: Any) -> tuple[Requirement, ...]:
    """The literal values a text must contain for `pattern` to match: one set per required token.

    The most telling comes first: the one with the fewest common words ("cure" rather than
    "can, will, to"), so that it rules out the most blocks.
    """
    needs = [
        (column, allowed)
        for token in pattern
        if pins_a_token(token.get("OP", "1"))
        for column, allowed in literal_words(token, string_id)
        if ATTRS[column] in LITERAL_ATTRS
    ]
    return tuple(sorted(needs, key=lambda need: rarity(need[1], string_id)))


def block_words(doc: Doc) -> frozenset[int]:
    """The string ids of a Doc's LITERAL_ATTRS values that some pattern or term asks for (once per Doc).

    One set for all attributes: a value met under another attribute only means a Matcher
    run that finds nothing, never a match missed. Only the words rules look for are kept,
    which keeps the sets to a few dozen words on a draft of many thousands of blocks.
    """
    known = state(doc)
    cached = known.words
    if cached is not None and cached[0] == len(_WANTED):
        return cached[1]
    values = columns(doc)
    words = frozenset(_WANTED.intersection(chain(values[LOWER], values[LEMMA], values[ORTH])))
    known.words = (len(_WANTED), words)
    return words


def block_index(analysis: Analysis) -> dict[int, list[int]]:
    """For each word some pattern or term asks for (see block_words), the prose blocks holding it (once per draft)."""
    cache = analysis.word_blocks
    if cache and cache[0][0] == len(_WANTED):
        return cache[0][1]
    found: defaultdict[int, list[int]] = defaultdict(list)
    for at, _, doc in analysis.prose():
        for word in block_words(doc):
            found[word].append(at)
    index = dict(found)
    cache[:] = [(len(_WANTED), index)]
    return index


def _want(ids: frozenset[int]) -> frozenset[int]:
    """Note ids that block_words must keep; returns them."""
    _WANTED.update(ids)
    return ids


def _plain(value: Any) -> Any:
    """YAML's line-aware mappings back to plain dicts, for spaCy's pattern validator."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _longest(offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(offsets, key=lambda s: (s[0], s[0] - s[1])):
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append((start, end))
    return chosen
