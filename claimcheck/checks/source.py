"""`source`: a sentence that says more than the study it cites concluded, or a citation not among the sources.

Runs only on a draft that was given sources (`--sources`, the config's `sources:`, or a
sidecar beside the draft); without them it reports nothing. Strength and population are
claimcheck.analysis.strength's (`compare`); this kind finds the conclusion, picks its sentence
closest to the claim and says which words of each side set their strength.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from claimcheck.analysis import context
from claimcheck.analysis.citations import Citation, Library, cited, closest, conclusion, conclusion_sentences
from claimcheck.analysis.draft import Analysis
from claimcheck.analysis.strength import (
    ANIMALS,
    CELLS,
    CORRELATIONS,
    HEDGES,
    NEGATIONS,
    Comparison,
    Population,
    Strength,
    compare,
    population_of,
    strength_of,
)
from claimcheck.analysis.words import claim_words
from claimcheck.checks.base import Hit, require_type
from claimcheck.core.findings import CitedSource
from claimcheck.core.rule import Rule
from claimcheck.nlp.pipeline import analyze_one, sentences

if TYPE_CHECKING:
    from spacy.tokens import Span

REPORTS = ("stronger", "unresolved")
# Words that go with a cue to make the phrase a reader recognises: "was associated with".
_BEFORE = frozenset("is was were are be been has have had".split())
_AFTER = frozenset("with to".split())
_LONGEST_QUOTE = 8


class Source:
    """A citing sentence compared with its source's conclusion (or a citation the sources lack)."""

    keys: ClassVar[dict[str, str]] = {
        "report": "what is reported: 'stronger' (default), a citing sentence that says more than its source "
        "concluded, or 'unresolved', a citation that names none of the sources given",
        "exceptions": f"contexts in which a citing sentence is not compared: {', '.join(context.EXCEPTIONS)}",
        "suggestion": "text offered to the writer with every finding (default: the source's own words, or where it was found)",
        "example-sources": "a CSL-JSON or BibTeX file, beside the rule file, that the rule's own examples are "
        "checked with (never a draft)",
    }

    def __init__(self, rule: Rule) -> None:
        self.report = require_type(rule, "report", rule.options.get("report", "stronger"), str, "'stronger' or 'unresolved'")
        if self.report not in REPORTS:
            raise rule.error("must be 'stronger' or 'unresolved'", "report")
        self.exceptions = context.exception_names(rule)
        self.suggestion = rule.options.get("suggestion")
        require_type(rule, "example-sources", rule.options.get("example-sources", ""), str, "a file name")

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield each citing sentence that says more than its source (or each unresolved citation)."""
        if not analysis.references:
            return
        sources = Library(analysis.references)
        for index, _, doc in analysis.prose():
            for sentence in sentences(doc):
                citations = cited(analysis, index, sentence, sources)
                if not citations:
                    continue
                if self.report == "unresolved":
                    yield from self._unresolved(index, sentence, citations)
                else:
                    hit = self._stronger(analysis, index, sentence, citations)
                    if hit is not None:
                        yield hit

    def _unresolved(self, index: int, sentence: Span, citations: list[Citation]) -> Iterator[Hit]:
        text = sentence.doc.text
        for citation in citations:
            if citation.reference is None:
                message = f"'{citation.text}' names none of the sources given, so this sentence was not compared with its study."
                # The citation where the prose shows it; a marker only the markup holds ([^1]) marks its sentence.
                at = text.find(citation.text, sentence.start_char, sentence.end_char)
                start, end = (at, at + len(citation.text)) if at >= 0 else (sentence.start_char, sentence.end_char)
                yield Hit(index, start, end, self.suggestion, message)

    def _stronger(self, analysis: Analysis, index: int, sentence: Span, citations: list[Citation]) -> Hit | None:
        for citation in citations:
            reference = citation.reference
            if reference is None or not reference.abstract:
                continue
            found = conclusion_sentences(conclusion(reference))
            if not found:
                continue
            source = closest(sentence, found)
            claim_phrase = key_phrase(sentence)
            if context.excepted(self.exceptions, analysis, index, claim_phrase):
                return None
            said = self._message(sentence, source, reference.label, reference.title + " " + reference.abstract)
            if said is None:
                continue
            message, suggestion = said
            note = CitedSource(reference.key, source.text)
            return Hit(index, claim_phrase.start_char, claim_phrase.end_char, self.suggestion or suggestion, message, source=note)
        return None

    def _message(self, claim: Span, source: Span, label: str, whole: str) -> tuple[str, str] | None:
        """Why the claim says more than the source, and what to write instead; None when it does not."""
        studied = _studied_in(source, whole)
        if studied is not None and population_of(claim) in (Population.PEOPLE, Population.UNKNOWN):
            return f"The cited study ({label}) was in {studied}; the draft does not say so.", f"Say it was found in {studied}."
        if compare(claim, source) is not Comparison.STRONGER:
            return None
        concluded = _quote(key_phrase(source))
        return (
            f"The cited study ({label}) concluded '{concluded}'; the draft says '{_quote(key_phrase(claim))}'.",
            f"Say it as the study did: '{concluded}'.",
        )


def _studied_in(source: Span, whole: str) -> str | None:
    """The animals or cells a study was in ('mice'), from its conclusion, else its title and abstract."""
    for tokens in (source, analyze_one(whole)):
        population = population_of(tokens)
        if population in (Population.ANIMALS, Population.CELLS):
            words = ANIMALS if population is Population.ANIMALS else CELLS
            named = next((token.lower_ for token in tokens if token.lower_ in words), population.value)
            return "cells" if population is Population.CELLS and named in ("vitro", "dish") else named
        if population is Population.PEOPLE:
            return None
    return None


def key_phrase(sentence: Span) -> Span:
    """The words that set the sentence's strength: its hedge, its correlation, its negation or its effect verb."""
    strength = strength_of(sentence)
    cues = {Strength.NONE: NEGATIONS, Strength.CONDITIONAL: HEDGES, Strength.CORRELATIONAL: CORRELATIONS}.get(strength)
    if cues is None:
        cues = claim_words().effect_verbs
        at = next((t.i for t in sentence if t.lemma_.lower() in cues or t.lower_ in cues), None)
    else:
        at = next((t.i for t in sentence if t.lower_ in cues), None)
    if at is None:
        return sentence
    doc = sentence.doc
    start, end = at, at + 1
    if start > sentence.start and doc[start - 1].lower_ in _BEFORE:
        start -= 1
    # "may reduce", "associated with", "not lower": the cue and the word that completes it.
    if end < sentence.end and (strength is Strength.CONDITIONAL or strength is Strength.NONE or doc[end].lower_ in _AFTER):
        if doc[end].is_alpha:
            end += 1
    return doc[start:end]


def _quote(span: Span) -> str:
    words = span.text.split()
    return " ".join(words[:_LONGEST_QUOTE]) + (" …" if len(words) > _LONGEST_QUOTE else "")

