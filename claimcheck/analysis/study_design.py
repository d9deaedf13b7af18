"""How an article describes each study it reports: its design, whom it studied, and how many.

Overclaiming is mostly a draft saying more than its study found (Sumner et al. 2014, BMJ): a
cause from a cohort, people from mice, proof from a pilot of twelve. To tell, a check needs
the study as the draft describes it. The studies are those of claimcheck.analysis.studies
(mentions of research grouped into studies, in document order); each study's description is
read from every sentence that mentions it:

- its design words: randomised trial, trial, placebo-controlled, observational, cohort ("followed
  5,000 nurses for ten years"), case-control, cross-sectional, survey or questionnaire, records
  ("looked at medical records"), meta-analysis, systematic review, review, pilot, case report or
  series, and a result told as a link ("was linked to", "associated with"). A design word that
  names other or future research ("an earlier observational study", "larger randomised trials
  are needed", "it was not a randomised trial") is not this study's;
- its population: people, animals or cells (a lab dish, a test tube), read with
  `claimcheck.analysis.strength.population_of`, the people counted winning over a passing word;
- its size: the largest count of people or animals introduced as the study's ("a study of 1,200
  women", "involving a dozen patients", "20 people took part").

A sentence that is a headline, sits in a reference list, or lies inside a quotation is no mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from claimcheck.analysis import studies
from claimcheck.analysis.strength import Population, population_of
from claimcheck.nlp.pipeline import sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from claimcheck.source.document import Document


class Design(str, Enum):
    """A design word the article uses of a study."""

    RANDOMISED = "randomised"
    CONTROLLED = "controlled"  # placebo-controlled, double-blind
    TRIAL = "trial"
    OBSERVATIONAL = "observational"
    COHORT = "cohort"
    CASE_CONTROL = "case-control"
    CROSS_SECTIONAL = "cross-sectional"
    SURVEY = "survey"
    RECORDS = "records"
    LINK = "link"  # its result told as a link: "was linked to", "associated with"
    META_ANALYSIS = "meta-analysis"
    SYSTEMATIC_REVIEW = "systematic-review"
    REVIEW = "review"
    PILOT = "pilot"
    CASE_REPORT = "case-report"
    CASE_SERIES = "case-series"


# The designs that test a treatment by giving it: a study described so is no mere observation.
EXPERIMENTAL = frozenset({Design.RANDOMISED, Design.CONTROLLED, Design.TRIAL})
# The designs that watch rather than intervene: they can show a link, not a cause.
OBSERVATIONAL = frozenset(
    {Design.OBSERVATIONAL, Design.COHORT, Design.CASE_CONTROL, Design.CROSS_SECTIONAL, Design.SURVEY, Design.RECORDS, Design.LINK}
)
# Reviews pool other studies: what they can show depends on those, not on their own design.
POOLED = frozenset({Design.META_ANALYSIS, Design.SYSTEMATIC_REVIEW, Design.REVIEW})
# The designs that are small by nature.
SMALL_DESIGNS = frozenset({Design.PILOT, Design.CASE_REPORT, Design.CASE_SERIES})
# A study of fewer people than this is a handful: it can hint, not prove.
SMALL_SIZE = 30

_WORDS = r"(?:\s+[^\s.;]+){0,%d}?"
DESIGN_PATTERNS: tuple[tuple[Design, re.Pattern[str]], ...] = tuple(
    (design, re.compile(source, re.IGNORECASE))
    for design, source in (
        (Design.RANDOMISED, r"\brandomi[sz]ed\b|\brandomly\s+(?:assigned|allocated|divided|split|chosen|given)\b"),
        (Design.CONTROLLED, r"\bplacebo\b|\bdouble[- ]blind(?:ed)?\b|\bsham\b"),
        (Design.TRIAL, r"\b(?:clinical\s+)?trials?\b(?!\s+and\s+error)"),
        (Design.OBSERVATIONAL, r"\bobservational\b"),
        (
            Design.COHORT,
            r"\bcohort\b|\b(?:followed|tracked)\b" + _WORDS % 10 + r"\s+for" + _WORDS % 4 + r"\s+(?:years?|decades?|months?)\b",
        ),
        (Design.CASE_CONTROL, r"\bcase[- ]control(?:led)?\b"),
        (Design.CROSS_SECTIONAL, r"\bcross[- ]sectional\b"),
        (Design.SURVEY, r"\bsurvey(?:s|ed)?\b|\bquestionnaires?\b|\bpolled\b"),
        (
            Design.RECORDS,
            r"\b(?:medical|health|hospital|insurance|patient|electronic|birth|death|prescription|dental|school)\s+records\b"
            r"|\blooked\s+(?:back\s+)?at\s+(?:the\s+)?records\b|\bregistr(?:y|ies)\b|\bdatabases?\b",
        ),
        (Design.LINK, r"\b(?:linked|associated|correlated|tied)\s+(?:to|with)\b|\b(?:link|links|association|correlation)\s+between\b"),
        (Design.META_ANALYSIS, r"\bmeta-?analys[ie]s\b|\bpooled\s+analys[ie]s\b"),
        (Design.SYSTEMATIC_REVIEW, r"\bsystematic\s+reviews?\b"),
        (Design.REVIEW, r"(?<!peer\s)(?<!peer-)\breviews?\b(?!\s+board)"),
        (Design.PILOT, r"\bpilot\b|\bfeasibility\s+(?:study|trial)\b|\bproof[- ]of[- ]concept\b"),
        (Design.CASE_REPORT, r"\bcase\s+(?:reports?|stud(?:y|ies))\b"),
        (Design.CASE_SERIES, r"\bcase\s+series\b"),
    )
)
# Words just before a design word that make it someone else's research, or research not done:
# "an earlier observational study", "larger randomised trials", "it was not a randomised trial".
OTHER = frozenset("another other others earlier previous prior past older separate unlike than rather instead".split())
NOT_DONE = frozenset(
    """future more further larger bigger longer proper definitive gold-standard not n't no never without nor ongoing
    planned upcoming next""".split()
)
NOT_THIS_BEFORE = 4
# Words soon after a design word that make it research to come: "randomised trials are needed".
FUTURE_AFTER = re.compile(
    r"^(?:(?:\s+[\w'’-]+){0,3}?\s+(?:is|are|would\s+be|will\s+be|were)\s+(?:still\s+|also\s+)?)?\s*(?:needed|required|necessary|warranted|planned|under\s*way|to\s+confirm)\b",
    re.IGNORECASE,
)
# Cells studied outside a body: "in a lab dish", "test-tube studies", "in vitro".
CELL_WORK = re.compile(
    r"\bin\s+vitro\b|\btest[- ]tubes?\b|\b(?:lab|laboratory|petri)\s+dish(?:es)?\b"
    r"|\bcell\s+(?:cultures?|lines?)\b|\bcultured\b|\borganoids?\b",
    re.IGNORECASE,
)
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "two dozen": 24, "three dozen": 36,
    "a few dozen": 36, "several dozen": 36, "dozens of": 36, "hundreds of": 200, "thousands of": 2000, "a thousand": 1000,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
PEOPLE_COUNTED = frozenset(
    """people persons patients participants adults women men children kids volunteers subjects individuals nurses
    doctors physicians veterans smokers students babies infants newborns mothers girls boys teens teenagers
    adolescents seniors pregnancies twins workers employees residents survivors users athletes runners families
    couples""".split()
)
ANIMALS_COUNTED = frozenset("mice rats animals dogs monkeys pigs primates rabbits hamsters cats sheep".split())
# The words that bring in a study's own people: "a study of 1,200 women", "enrolled 40 patients".
INTRODUCING = frozenset(
    """of involving involved included including enrolled recruited among studied followed surveyed tracked analyzed analysed
    examined with in on tested treated gave randomized randomised assigned interviewed asked observed""".split()
)
_NUMBER = "|".join(sorted((re.escape(word) for word in NUMBER_WORDS), key=len, reverse=True))
_COUNT = re.compile(
    rf"(?:\b(?P<intro>[a-z]+)\s+)?(?:(?:about|around|nearly|almost|more\s+than|over|some|roughly|approximately|just|only|fewer\s+than|under|at\s+least|up\s+to)\s+)?"
    rf"(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+(?P<scale>hundred|thousand|million|billion))?|(?P<word>{_NUMBER}))"
    rf"(?P<between>(?:\s+[a-z][\w'’-]*){{0,3}}?)\s+(?P<noun>[a-z]+)\b(?P<after>\s+(?:took\s+part|participated|received|were\s+(?:enrolled|recruited|studied|followed|surveyed|tested|given|treated|fed|injected|randomi[sz]ed|assigned)))?",
    re.IGNORECASE,
)
# Words that cannot stand between a count and the people counted: "20 percent of people".
NOT_BETWEEN = frozenset("percent per cent of in out times more fewer less than year years old or and to from who".split())


@dataclass(frozen=True)
class Place:
    """A sentence of the article: its block and character bounds in the block's text."""

    block: int
    start: int
    end: int


@dataclass(frozen=True)
class StudyDescription:
    """A study as the article describes it: where it is mentioned, its design words, population and size."""

    places: tuple[Place, ...]
    designs: frozenset[Design]
    population: Population
    # The largest count of people or animals read as the study's own, or None when none is given.
    size: int | None

    @property
    def experimental(self) -> bool:
        """Described as a trial: the treatment was given, not only watched."""
        return bool(self.designs & EXPERIMENTAL)

    @property
    def observational(self) -> bool:
        """Described only as watching (a cohort, a survey, records, a link), never as a trial or a review."""
        if self.population in (Population.ANIMALS, Population.CELLS):
            return False  # work in animals or cells gives the treatment: an experiment, whatever its words
        return bool(self.designs & OBSERVATIONAL) and not self.designs & (EXPERIMENTAL | POOLED)

    @property
    def small(self) -> bool:
        """A pilot, a case report or series, or fewer than SMALL_SIZE people counted."""
        if self.designs & POOLED:
            return False
        return bool(self.designs & SMALL_DESIGNS) or (self.size is not None and self.size < SMALL_SIZE)

    @property
    def blocks(self) -> frozenset[int]:
        """The paragraphs (blocks) that mention the study."""
        return frozenset(place.block for place in self.places)


def describe(document: Document, docs: tuple[Doc, ...]) -> list[StudyDescription]:
    """Every study the article reports, in order of first mention, as the article describes it."""
    found = studies.studies(document, docs, mentions(document, docs), _cites)
    return [_description(document, docs, study) for study in found]


def mentions(document: Document, docs: tuple[Doc, ...]) -> Iterator[studies.Mention]:
    """The article's mentions of research, in order: each study noun or researcher named in its prose."""
    for index, block in enumerate(document.blocks):
        if block.in_references or studies.is_headline(block):
            continue
        for sentence in sentences(docs[index]):
            yield from _sentence_mentions(index, block.text, sentence)


def _sentence_mentions(index: int, text: str, sentence: Span) -> Iterator[studies.Mention]:
    doc = sentence.doc
    for token in sentence:
        lower = token.lower_
        if lower not in studies.STUDY_NOUNS and lower not in studies.PEOPLE_NOUNS:
            continue
        if token.i > 0 and doc[token.i - 1].lower_ in _VERB_BEFORE:
            continue  # "to review", "will report": a verb, not a study
        if studies.in_quotation(text, token.idx):
            continue
        if _to_come(doc, token.i, sentence.start, text[token.idx + len(token.text) :]):
            continue  # "larger trials are needed": no study the article reports
        match = doc[token.i : token.i + 1]
        kind = studies.mention_kind(match)
        if kind is not None:
            end = token.idx + len(token.text)
            new = studies.says_new(doc[max(token.i - 3, sentence.start) : token.i + 1])
            yield studies.Mention(index, token.idx, end, sentence.start_char, kind, lower in studies.PEOPLE_NOUNS, new)


def _to_come(doc: Doc, i: int, start: int, after: str) -> bool:
    """The research named at token `i` is yet to be done: "more studies", "larger trials are needed"."""
    before = {doc[j].lower_ for j in range(max(start, i - NOT_THIS_BEFORE), i)}
    return bool(before & FUTURE) or bool(FUTURE_AFTER.match(after[:60]))


FUTURE = frozenset("future more further larger bigger longer proper definitive planned upcoming ongoing".split())
_VERB_BEFORE = frozenset("to will would can could may might must should did does do n't not".split())
# A link or a journal named: enough to tell the study being reported from background (grouping only).
_CITATION = re.compile(r"\]\(|https?://|\b(?:published|appears?|appeared|reported)\b[^.]{0,60}?\bin\s+(?:the\s+)?(?:journal\s+)?[A-Z]")


def _cites(source: str) -> bool:
    return bool(_CITATION.search(source))


def _description(document: Document, docs: tuple[Doc, ...], study: studies.Study) -> StudyDescription:
    places: list[Place] = []
    designs: set[Design] = set()
    counts: list[tuple[int, Population]] = []
    populations: list[Population] = []
    seen: set[tuple[int, int]] = set()
    for mention in study.mentions:
        if (mention.block, mention.sentence) in seen:
            continue
        seen.add((mention.block, mention.sentence))
        sentence = _sentence_at(docs[mention.block], mention.sentence)
        if sentence is None:
            continue
        text = document.blocks[mention.block].text[sentence.start_char : sentence.end_char]
        places.append(Place(mention.block, sentence.start_char, sentence.end_char))
        designs |= designs_in(text, mention.start - sentence.start_char)
        counts.extend(counts_in(text))
        populations.append(_whom(text, sentence))
    size = max((count for count, _ in counts), default=None)
    return StudyDescription(tuple(places), frozenset(designs), _population(counts, populations), size)


def _sentence_at(doc: Doc, start: int) -> Span | None:
    return next((sentence for sentence in sentences(doc) if sentence.start_char == start), None)


def _whom(text: str, sentence: Span) -> Population:
    """Whom one sentence about the study names: animals, cells in a lab (not "bone tissue" or "cancer cells" in
    people), people, or nobody."""
    if CELL_WORK.search(text):
        return Population.CELLS
    named = population_of(sentence)
    if named is Population.PEOPLE:
        # "reverses hearing loss in people" may be the claim itself; those taking part are the study's.
        return Population.PEOPLE if any(token.lower_ in TAKING_PART for token in sentence) else Population.UNKNOWN
    return Population.UNKNOWN if named is Population.CELLS else named


TAKING_PART = frozenset("participants participant volunteers volunteer subjects enrolled recruited".split())


def _population(counts: list[tuple[int, Population]], populations: list[Population]) -> Population:
    """Whom the study is of: those it counts; else animals or cells only when no sentence about it names people alone."""
    if counts:
        return max(counts)[1]
    if Population.PEOPLE in populations:
        return Population.PEOPLE
    for wanted in (Population.ANIMALS, Population.CELLS):
        if wanted in populations:
            return wanted
    return Population.UNKNOWN


def designs_in(text: str, own: int | None = None) -> frozenset[Design]:
    """The design words a sentence uses of its study (not of other research, nor of research not done).

    `own`: where in `text` the study's own mention (its noun) starts; design words in that
    phrase are the study's even after "another" or "a separate" ("a separate pilot study").
    """
    found: set[Design] = set()
    for design, pattern in DESIGN_PATTERNS:
        for match in pattern.finditer(text):
            mine = own is not None and match.start() <= own <= match.end() + OWN_PHRASE
            if not _not_this(text, match.start(), match.end(), mine):
                found.add(design)
                break
    return frozenset(found)


# How far before its mention's noun a design word still belongs to that mention's phrase ("pilot ... study").
OWN_PHRASE = 30


def _not_this(text: str, start: int, end: int, mine: bool) -> bool:
    """The design word at [start, end) names other research, or research not done or still to come."""
    before = re.findall(r"[\w'’-]+", text[max(0, start - 60) : start].lower().replace("’", "'"))[-NOT_THIS_BEFORE:]
    if any(word in NOT_DONE or word.endswith("n't") or (word in OTHER and not mine) for word in before):
        return True
    return bool(FUTURE_AFTER.match(text[end : end + 60]))


def counts_in(text: str) -> list[tuple[int, Population]]:
    """Each count of people or animals a sentence introduces as studied ("of 1,200 women"), with whom it counts."""
    found = []
    for match in _COUNT.finditer(text):
        intro = (match.group("intro") or "").lower()
        if intro not in INTRODUCING and not match.group("after"):
            continue  # "1 in 5 women", "affects 2 million people": a count, but not of the study
        noun = match.group("noun").lower()
        between = match.group("between").lower().split()
        if any(word in NOT_BETWEEN for word in between):
            continue
        if noun in PEOPLE_COUNTED:
            whom = Population.PEOPLE
        elif noun in ANIMALS_COUNTED:
            whom = Population.ANIMALS
        else:
            continue
        found.append((_number(match), whom))
    return found


def _number(match: re.Match[str]) -> int:
    if match.group("word"):
        return NUMBER_WORDS[re.sub(r"\s+", " ", match.group("word").lower())]
    value = float(match.group("digits").replace(",", ""))
    scale = match.group("scale")
    return int(value * SCALES[scale.lower()]) if scale else int(value)
