"""`study-claim`: a claim that says more than the study it rests on, as the article describes that study.

A claim rests on a study when its sentence mentions the study, or, with `reach: paragraph`
(the default), when it shares a paragraph (a block: a paragraph or a list item) with a sentence
that mentions it; a sentence that mentions a study rests on that study alone. The study is
read by claimcheck.analysis.study_design (its design words, population and size from every
sentence that mentions it, across the article). A claim is reported when every study in
its reach fits the rule (a cohort for a causal claim, mice for a claim about people, a pilot
for "proven"): one study in reach that does not fit (a trial beside the cohort) keeps it quiet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from claimcheck.analysis import context
from claimcheck.analysis.draft import Analysis, sentence_of
from claimcheck.analysis.invitations import invitations
from claimcheck.analysis.strength import Population, population_of, strength_of
from claimcheck.analysis.study_design import Design, StudyDescription, describe
from claimcheck.checks.base import Hit, require_type
from claimcheck.checks.patterns import covered, optional_patterns
from claimcheck.checks.strengths import KEY_HELP, strength_filter
from claimcheck.core.rule import Rule
from claimcheck.nlp.pipeline import spans

if TYPE_CHECKING:
    from spacy.tokens import Span

REACHES = ("sentence", "paragraph")
# The descriptions of the last draft: the rules of this kind run one after another on one draft.
_LAST: list[tuple[Analysis, list[StudyDescription]]] = []


def descriptions(analysis: Analysis) -> list[StudyDescription]:
    """The studies of a draft as it describes them, worked out once for all the rules of this kind."""
    if not _LAST or _LAST[0][0] is not analysis:
        _LAST[:] = [(analysis, describe(analysis.document, analysis.docs))]
    return _LAST[0][1]


class StudyClaim:
    """One finding per claim sentence whose studies in reach all fit the rule's study conditions."""

    keys: ClassVar[dict[str, str]] = {
        "claims": "terms/patterns: the phrases that make a claim (what is reported); or leave it out and set 'invited'",
        "invited": "true: the claims are the article's invitations to its readers to act ('you should try', "
        "'start taking'), not phrases",
        "exclude": "terms/patterns that, when they cover a claim phrase, make it no claim",
        "unless": "terms/patterns: a claim sentence holding any of them is not reported",
        "strength": KEY_HELP,
        "claim-populations": "whom the claim sentence may speak of (people, animals, cells, unknown); all when left out",
        "reach": "sentence or paragraph (default): how far from a sentence that mentions a study a claim rests on it",
        "observational": "true: the study is described only as watching (cohort, case-control, cross-sectional, "
        "survey, records, 'linked'), never as a trial or a review",
        "small": "true: the study is a pilot, a case report or series, or counts fewer than 30 people",
        "populations": "whom the study must be of (people, animals, cells, unknown)",
        "designs": f"the study must be described with one of these designs: {', '.join(d.value for d in Design)}",
        "not-designs": "the study must be described with none of these designs",
        "study-unless": "terms/patterns: a study whose sentences hold any of them does not fit ('the researchers "
        "recommend')",
        "exceptions": f"contexts in which a claim phrase is not a claim: {', '.join(context.EXCEPTIONS)}",
        "suggestion": "text offered to the writer with every finding",
    }

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.invited = require_type(rule, "invited", rule.options.get("invited", False), bool, "true or false")
        self.claims = optional_patterns(rule, "claims")
        if (self.claims is None) == (not self.invited):
            raise rule.error("give either 'claims' or 'invited: true'", "claims" if self.claims else "invited")
        self.exclude = optional_patterns(rule, "exclude")
        self.unless = optional_patterns(rule, "unless")
        self.study_unless = optional_patterns(rule, "study-unless")
        self.strengths = strength_filter(rule).wanted
        self.claim_populations = _values(rule, "claim-populations", Population)
        self.populations = _values(rule, "populations", Population)
        self.designs = _values(rule, "designs", Design)
        self.not_designs = _values(rule, "not-designs", Design) or frozenset()
        self.observational = require_type(rule, "observational", rule.options.get("observational", False), bool, "true or false")
        self.small = require_type(rule, "small", rule.options.get("small", False), bool, "true or false")
        self.reach = rule.options.get("reach", "paragraph")
        if self.reach not in REACHES:
            raise rule.error(f"must be one of: {', '.join(REACHES)}", "reach")
        self.exceptions = context.exception_names(rule)
        self.suggestion = rule.options.get("suggestion")

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield the first claim of each sentence whose studies in reach all fit."""
        found = descriptions(analysis)
        if not found:
            return
        by_sentence: dict[tuple[int, int], list[StudyDescription]] = {}
        by_block: dict[int, list[StudyDescription]] = {}
        for study in found:
            for place in study.places:
                by_sentence.setdefault((place.block, place.start), []).append(study)
                by_block.setdefault(place.block, []).append(study)
        reported: set[tuple[int, int]] = set()
        for index, match in self._claims(analysis):
            sentence = sentence_of(match)
            key = (index, sentence.start_char)
            if key in reported:
                continue
            reach = by_sentence.get(key) or (by_block.get(index, []) if self.reach == "paragraph" else [])
            if not reach or not all(self._fits(analysis, study) for study in reach):
                continue
            if not self._claim_fits(sentence, match) or context.excepted(self.exceptions, analysis, index, match):
                continue
            reported.add(key)
            yield Hit(index, match.start_char, match.end_char, self.suggestion, self._message(match, reach[0]))

    def _claims(self, analysis: Analysis) -> Iterator[tuple[int, Span]]:
        """Each claim: a phrase of `claims` (not covered by `exclude`), or an invitation's sentence."""
        if self.invited:
            for invitation in invitations(analysis.document, analysis.docs):
                doc = analysis.docs[invitation.block]
                tokens = [t.i for t in doc if invitation.start <= t.idx < invitation.end and not t.is_space]
                if tokens:
                    yield invitation.block, spans(doc, [(tokens[0], tokens[-1] + 1)])[0]
            return
        assert self.claims is not None
        for index, _, doc, matches in self.claims.matches(analysis):
            excluded = self.exclude.offsets(doc) if self.exclude else []
            for match in matches:
                if not covered(match.start, match.end, excluded):
                    yield index, match

    def _claim_fits(self, sentence: Span, match: Span) -> bool:
        if self._cued(sentence):
            return False
        if self.strengths is not None and strength_of(sentence) not in self.strengths:
            return False
        return self.claim_populations is None or claim_population(sentence, match) in self.claim_populations

    def _cued(self, sentence: Span) -> bool:
        """The sentence holds one of the `unless` cues."""
        if self.unless is None:
            return False
        return any(sentence.start <= start < sentence.end for start, _ in self.unless.offsets(sentence.doc))

    def _fits(self, analysis: Analysis, study: StudyDescription) -> bool:
        """The study, as the article describes it, is what the rule is about."""
        if self.observational and not study.observational:
            return False
        if self.small and not study.small:
            return False
        if self.populations is not None and study.population not in self.populations:
            return False
        if self.designs is not None and not study.designs & self.designs:
            return False
        if study.designs & self.not_designs:
            return False
        return not (self.study_unless is not None and self._study_cued(analysis, study))

    def _study_cued(self, analysis: Analysis, study: StudyDescription) -> bool:
        assert self.study_unless is not None
        for place in study.places:
            offsets = self.study_unless.offsets(analysis.docs[place.block])
            doc = analysis.docs[place.block]
            if any(place.start <= doc[start].idx < place.end for start, _ in offsets):
                return True
        return False

    def _message(self, match: Span, study: StudyDescription) -> str:
        """The rule's message, with `{match}` and `{study}` (the study as the article describes it) filled in."""
        return self.rule.format_message(match.text).replace("{study}", said_of(study))


def claim_population(sentence: Span, match: Span) -> Population:
    """Whom a claim speaks of: the words from its phrase to the end of its clause ("restores memory in
    patients"), else, when they name nobody, its whole sentence ("In mice, the drug restores memory")."""
    doc = sentence.doc
    end = next((i for i in range(match.end, sentence.end) if doc[i].is_punct or doc[i].lower_ in CLAUSE_ENDS), sentence.end)
    found = population_of(doc[match.start : end])
    if found is Population.UNKNOWN:
        return population_of(sentence)
    return found


# Words that end the clause a claim speaks in: "the drug restores hearing in people, but only in mice".
CLAUSE_ENDS = frozenset("but although though while whereas study researchers scientists".split())


def said_of(study: StudyDescription) -> str:
    """A few words on how the article describes a study: "a cohort study of 5,000 people"."""
    designs = [design.value for design in Design if design in study.designs and design is not Design.LINK]
    kind = f"{'/'.join(designs)} study" if designs else "study"
    whom = {Population.ANIMALS: "animals", Population.CELLS: "cells"}.get(study.population, "people")
    if study.size is not None:
        said = f"a {kind} of {study.size:,} {whom}"
    elif study.population in (Population.ANIMALS, Population.CELLS):
        said = f"a {kind} in {whom}"
    else:
        said = f"a {kind}"
    return f"{said} that reports a link" if Design.LINK in study.designs and not designs else said


def _values(rule: Rule, key: str, kind: Any) -> frozenset[Any] | None:
    """A rule's list of enum values (designs, populations), or None when left out."""
    if key not in rule.options:
        return None
    values = require_type(rule, key, rule.options[key], list, "a list")
    known = {member.value: member for member in kind}
    for value in values:
        if value not in known:
            raise rule.error(f"unknown value '{value}' (use: {', '.join(known)})", key)
    return frozenset(known[value] for value in values)
