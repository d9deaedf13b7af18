"""Terms and spaCy token patterns from a rule, compiled into one matcher."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from claimcheck.checks.base import require_type
from claimcheck.checks.regex import regexes, unsafe_reason
from claimcheck.nlp import analyze, pipeline
from claimcheck.rules import Rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

SPEC_KEYS = ("terms", "patterns")
# Token attributes whose literal values a block must contain for a pattern to match there.
LITERAL_ATTRS = ("LOWER", "LEMMA", "ORTH")
_ATTR_ALIASES = {"TEXT": "ORTH"}
_VALUES = "claimcheck.values"
# One requirement: a token attribute and the values (string ids) one of which must occur.
Requirement = tuple[str, frozenset[int]]


class PatternSet:
    """Lemma-aware terms (one entry matches every inflection) and token patterns."""

    def __init__(self, rule: Rule, spec: Mapping[str, Any], key: str) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        terms = require_type(rule, key, spec.get("terms", []), list, "a list of terms")
        patterns = require_type(rule, key, spec.get("patterns", []), list, "a list of token patterns")
        if not all(isinstance(term, str) and term.strip() for term in terms):
            raise rule.error("every term must be non-empty text", key)
        nlp = pipeline()
        self.phrases = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.tokens = Matcher(nlp.vocab, validate=True)
        # Per pattern, what a block needs for the pattern to have a chance there.
        self.requirements: list[tuple[Requirement, ...]] = []
        self.empty = not terms and not patterns
        if terms:
            self.phrases.add(rule.id, list(analyze(terms)))
        for number, pattern in enumerate(patterns, start=1):
            self._add_pattern(rule, key, number, pattern)

    def _add_pattern(self, rule: Rule, key: str, number: int, pattern: Any) -> None:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise rule.error(f"pattern {number} must be a non-empty list of token mappings", key)
        for expression in regexes(pattern):
            unsafe = unsafe_reason(expression)
            if unsafe:
                raise rule.error(f"pattern {number}: REGEX {expression!r} {unsafe}", key)
        plain = [_plain(token) for token in pattern]
        try:
            self.tokens.add(f"{rule.id}#{number}", [plain])
        except Exception as error:  # spaCy raises several types for a bad pattern
            reason = " ".join(str(error).split())[:200]
            raise rule.error(f"pattern {number} is not a valid spaCy token pattern: {reason}", key) from None
        self.requirements.append(requirements(plain, self.tokens.vocab.strings.add))

    def find(self, doc: Doc) -> list[Span]:
        """Every match in `doc`, longest first where matches overlap, in text order."""
        spans = [doc[start:end] for _, start, end in self.phrases(doc)] if len(self.phrases) else []
        if len(self.tokens) and self._possible(doc):
            spans += [doc[start:end] for _, start, end in self.tokens(doc)]
        return _longest(spans)

    def _possible(self, doc: Doc) -> bool:
        # spaCy's Matcher costs time for every token of every block it is run on; most
        # blocks lack a word that each pattern requires, and need not be run at all.
        values = block_values(doc)
        return any(all(values[attr] & allowed for attr, allowed in needs) for needs in self.requirements)


def requirements(pattern: list[dict[str, Any]], string_id: Any) -> tuple[Requirement, ...]:
    """The literal values a text must contain for `pattern` to match: one set per required token."""
    needs = []
    for token in pattern:
        if token.get("OP", "1") not in ("1", "+"):
            continue
        for name, value in token.items():
            attr = _ATTR_ALIASES.get(str(name).upper(), str(name).upper())
            allowed = _literal_values(value)
            if attr in LITERAL_ATTRS and allowed is not None:
                needs.append((attr, frozenset(string_id(v) for v in allowed)))
    return tuple(needs)


def _literal_values(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        if all(isinstance(item, str) for item in value["IN"]):
            return value["IN"]
    return None


def block_values(doc: Doc) -> dict[str, set[int]]:
    """The string ids of each literal attribute over a Doc's tokens (computed once per Doc)."""
    values = doc.user_data.get(_VALUES)
    if values is None:
        columns = doc.to_array(list(LITERAL_ATTRS)).T.tolist() if len(doc) else [[]] * len(LITERAL_ATTRS)
        values = {attr: set(column) for attr, column in zip(LITERAL_ATTRS, columns)}
        doc.user_data[_VALUES] = values
    return values


def _plain(value: Any) -> Any:
    """YAML's line-aware mappings back to plain dicts, for spaCy's pattern validator."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _longest(spans: list[Span]) -> list[Span]:
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if chosen and span.start < chosen[-1].end:
            continue
        chosen.append(span)
    return chosen
