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
        try:
            self.tokens.add(f"{rule.id}#{number}", [[_plain(token) for token in pattern]])
        except Exception as error:  # spaCy raises several types for a bad pattern
            reason = " ".join(str(error).split())[:200]
            raise rule.error(f"pattern {number} is not a valid spaCy token pattern: {reason}", key) from None

    def find(self, doc: Doc) -> list[Span]:
        """Every match in `doc`, longest first where matches overlap, in text order."""
        spans = [doc[start:end] for _, start, end in self.phrases(doc)] if len(self.phrases) else []
        if len(self.tokens):
            spans += [doc[start:end] for _, start, end in self.tokens(doc)]
        return _longest(spans)


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
