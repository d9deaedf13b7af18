"""Sentence context that turns a matched phrase into something other than a claim.

A match is not asserted as fact when it is negated ("does not cure"), asked ("Can it cure
MS?"), reported and disputed ("Some clinics claim it cures MS, but ..."), only quoted as a
word ('promises of a "miracle"'), someone else's words (inside a quotation, or "she said"),
about a disease rather than a treatment ("a disease which causes weakness": background), or
part of a name ("the Breakthrough Devices Program"), or in a press release's boilerplate about
the institution that sent it ("About the University: ... life-changing care"). Rules switch these
on by name in `exceptions:`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from claimcheck.analysis import claims
from claimcheck.analysis.boilerplate import boilerplate_blocks
from claimcheck.analysis.draft import sentence_of, sentence_start
from claimcheck.analysis.words import claim_words
from claimcheck.core.rule import Rule
from claimcheck.match.matcher import ATTRS, columns
from claimcheck.nlp.pipeline import pipeline
from claimcheck.source.document import Block

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from claimcheck.analysis.draft import Analysis

NEGATIONS = frozenset(
    """not n't n’t no never nothing none neither nor cannot without nobody nowhere lack lacks
    lacked fail fails failed unable rarely seldom hardly""".split()
)
# Words and marks that end the reach of a negation or an attribution.
CLAUSE_BREAKS = frozenset(",;:()—–".split() + list(",;:()—–") + "but although though however yet while whereas and".split())
# Breaks that a list of effects runs on past: "no evidence that it slows MS, prevents relapses or
# repairs nerves" negates all three. "and" alone does not ("it does not cure MS and eases pain").
LIST_BREAKS = frozenset(", or nor".split())
ATTRIBUTIONS = frozenset(
    """claim say tell promise advertise market tout insist boast assert allege suggest
    sell pitch offer""".split()
)
DISPUTES = frozenset(
    """but however not n't no never false untrue unproven unsupported misleading wary beware
    caution careful cautious skeptical sceptical myth doubt scam exaggerate exaggerated
    avoid overstate overstated unfounded dubious suspicious flag""".split()
)
# "nothing short of a miracle", "not only cures" negate nothing.
NOT_NEGATING_NEXT = frozenset("short less only just but".split())
# A heading opening with one of these asks even without its "?": "Can acupuncture cure MS".
# "How acupuncture cures fatigue" and "What doctors don't want you to know" do not ask.
QUESTION_OPENERS = frozenset("can could does do did is are was will would should may might".split())
QUOTES = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}
MAX_QUOTED_WORDS = 4
EXCEPTIONS = (
    "negated", "asked", "reported", "quoted", "attributed", "background", "no-treatment", "unknown-subject", "mechanism", "named",
    "distanced", "boilerplate", "study-result", "personal",
)
# Nouns that hold a promise at arm's length: "popular notions about miracle cures", "the hunt
# for a breakthrough", "myths about what cures cancer".
DISTANCING = frozenset("notion myth idea hype talk search hunt quest dream rumour rumor pursuit fantasy".split())
DISTANCING_LINKS = frozenset("about of for around that".split())
# Others' words for it, reported: "touted as a breakthrough", "has been called the Holy Grail",
# "is seen as a holy grail in Alzheimer's research".
LABELLING = frozenset("called dubbed touted hailed billed labelled labeled seen regarded considered described".split())
LABEL_REACH = 3
# Before "as either ... or ...": "can be cast as either a rogue therapy or breakthrough panacea".
EITHER_LABELLING = LABELLING | {"cast"}
LABEL_LINKS = frozenset("as a an the".split())
# Words that make the promise only a possibility or someone's label: "a potential lifesaver".
QUALIFIERS = frozenset("potential potentially possible possibly so-called supposed alleged purported would-be".split())
# How far back a distancing noun reaches: "notions about the miracle".
DISTANCE_REACH = 4
# Subjects of which a claim says nothing a treatment does: a disease described, a person or an organisation acting.
NOT_TREATMENTS = (claims.Subject.BACKGROUND, claims.Subject.AGENT)
LOWER, LEMMA, IS_PUNCT = (ATTRS.index(name) for name in ("LOWER", "LEMMA", "IS_PUNCT"))


def negated(sentence: Span, match: Span) -> bool:
    """An odd number of negations stand before the match in its clause.

    "is not a cure" is negated; "Do not stop your medicine without talking to your doctor"
    negates twice, so the advice to talk to the doctor stands. A list of effects shares the
    negation before its first item ("no evidence that it slows MS, prevents relapses or
    repairs nerves"), and "rather than" negates what follows it.
    """
    values, words = columns(sentence.doc), _words()
    lower, lemma = values[LOWER], values[LEMMA]
    count = 0
    for i in range(match.start - 1, sentence.start - 1, -1):
        if (
            lower[i] in words.clause_breaks
            and not _list_goes_on(lower, lemma, i, match.start)
            and not _hyphenated(sentence, i)
            and not (lower[i] == words.yet and i > sentence.start and lower[i - 1] in words.negations)
        ):
            break  # ("not yet the magic bullet": "yet" after a negation goes on with it)
        if (lemma[i] in words.negations or lower[i] in words.negations) and not _idiom(lower, i):
            count += 1
        elif lower[i] == words.than and i > sentence.start and lower[i - 1] == words.rather:
            count += 1
    return count % 2 == 1


def _hyphenated(sentence: Span, i: int) -> bool:
    """Token `i` is inside a hyphenated word ("cause-and-effect"), which breaks no clause."""
    doc = sentence.doc
    return sentence.start < i < sentence.end - 1 and doc[i - 1].text == "-" and doc[i + 1].text == "-"


def _list_goes_on(lower: Sequence[int], lemma: Sequence[int], i: int, start: int) -> bool:
    """The break at `i` only separates items of a list of effects: the next word is an effect verb."""
    words = _words()
    if lower[i] not in words.list_breaks and not (lower[i] == words.and_ and _comma_list_before(lower, lemma, i)):
        return False
    return i + 1 <= start and i + 1 < len(lemma) and lemma[i + 1] in words.effect_verbs


def _comma_list_before(lower: Sequence[int], lemma: Sequence[int], i: int) -> bool:
    """"and" closes a list of effects when a comma before it opens another item ("slows MS, prevents relapses and")."""
    words = _words()
    return any(lower[j] == words.comma and lemma[j + 1] in words.effect_verbs for j in range(max(i - 8, 0), i))


def asked(sentence: Span, block: Block) -> bool:
    """The sentence is a question, or a heading phrased as one without its mark."""
    # The block's text is the text its Doc was made from; Span.text would rebuild it token by token.
    text = block.text[sentence.start_char : sentence.end_char].rstrip(" \t\"'\u201d\u2019)*_")
    if text.endswith("?"):
        return True
    if block.kind != "heading":
        return False
    values = columns(sentence.doc)
    first = next((i for i in range(sentence.start, sentence.end) if not values[IS_PUNCT][i]), None)
    return first is not None and values[LOWER][first] in _words().question_openers


def open_question(sentence: Span, match: Span) -> bool:
    """The match is asked about, not claimed: "more research is needed to establish whether they repair damage",
    "it is not known whether the drug cures anyone", "see a specialist to see if you can be treated to reverse the
    loss" ("regardless of whether" and "whether or not" ask nothing)."""
    doc = sentence.doc
    lower = columns(doc)[LOWER]
    whether = _words().whether
    for i in range(match.start - 1, max(sentence.start, match.start - QUESTION_REACH) - 1, -1):
        if doc[i].is_punct:
            return False
        if lower[i] == whether:
            after = doc[i + 1].lower_ if i + 1 < match.start else ""
            return after != "or" and not (i > sentence.start and doc[i - 1].lower_ == "of")
        if doc[i].lower_ == "if" and i > sentence.start and doc[i - 1].lemma_.lower() in ASKING:
            return True  # "to see if you can be treated ... to reverse the loss"
    return False


# How far before the match a "whether" (or "see if") that asks about it may stand.
QUESTION_REACH = 12
# Verbs before "if" that make it ask ("to see if", "find out if"), not set a condition ("if you take it, it cures").
ASKING = frozenset("see find check ask know determine tell wonder learn test".split())


def reported(sentence: Span, match: Span, following: Callable[[], Span | None]) -> bool:
    """Someone else's claim, attributed before the match and disputed nearby (or in the `following` sentence)."""
    lower, lemma = (columns(sentence.doc)[column] for column in (LOWER, LEMMA))
    if not any(_is_attribution(lower, lemma, i) for i in range(sentence.start, match.start)):
        return False
    outside = [i for i in range(sentence.start, sentence.end) if i < match.start or i >= match.end]
    if _disputes(sentence, outside):
        return True
    after = following()
    return after is not None and _disputes(after, range(after.start, after.end))


def quoted(text: str, start: int, end: int) -> bool:
    """The match sits inside a short quotation: a word mentioned, not a claim made."""
    marks = _quote_marks(text)
    for opening, closing in QUOTES.items():
        opens, closes = marks.positions[opening], marks.positions[closing]
        # The last opening mark before the match (what `text.rfind` finds), and how many stand there.
        before = bisect_left(opens, start)
        if not before:
            continue
        open_at = opens[before - 1]
        if opening == closing and before % 2 == 0:
            continue
        after = bisect_left(closes, end)
        if after < len(closes) and marks.words(open_at + 1, closes[after]) <= MAX_QUOTED_WORDS:
            return True
    return _in_single_quotes(marks, start, end)


def _in_single_quotes(marks: _QuoteMarks, start: int, end: int) -> bool:
    """The match sits inside a short quotation in straight single quotes, as headlines quote: "Cystic Fibrosis
    'Breakthrough'" (an apostrophe, as in "don't", opens no quotation)."""
    at = bisect_right(marks.spans, (start, len(marks.text) + 1)) - 1
    if at < 0:
        return False
    opening, closing = marks.spans[at]
    return (
        marks.text[opening] == "'"
        and opening < start
        and end <= closing
        and marks.words(opening + 1, closing) <= MAX_QUOTED_WORDS
    )


def in_quotation(block: Block, start: int, end: int) -> bool:
    """Characters start to end of a block stand in someone's words: a block quote, or a
    quotation of any length in double or single quotes.

    Quoted words are the speaker's: `--fix` must not rewrite them, however plain the
    alternative (a fixed quotation is a misquotation).
    """
    if block.quoted:
        return True
    spans = _quote_marks(block.text).spans
    at = bisect_right(spans, (start, len(block.text) + 1)) - 1
    # Quotations do not nest in `spans` (each is closed before the next opens), so the one
    # opening last before the match is the only one that can hold it.
    return at >= 0 and spans[at][0] < start and end <= spans[at][1]


class _QuoteMarks:
    """Where the quotation marks of one text stand, found in one pass (checks ask per match)."""

    def __init__(self, text: str) -> None:
        self.positions: dict[str, list[int]] = {mark: [] for pair in QUOTES.items() for mark in pair}
        for mark in _QUOTE_MARK.finditer(text):
            self.positions[mark.group()].append(mark.start())
        self.text = text
        self.spans = _quotation_spans(text)
        self._word_starts: list[int] | None = None

    def words(self, start: int, end: int) -> int:
        """How many whitespace-separated words `text[start:end]` holds (what `len(split())` gives)."""
        if start >= end:
            return 0
        if self._word_starts is None:
            # Where each word starts, found once and only when asked: words between two offsets are counted by bisection.
            self._word_starts = [m.start() for m in _WORD_START.finditer(self.text)]
        inside = bisect_left(self._word_starts, end) - bisect_left(self._word_starts, start + 1)
        return inside + (not self.text[start].isspace())


_QUOTE_MARK = re.compile("[" + re.escape("".join(set(QUOTES) | set(QUOTES.values()))) + "]")
_WORD_START = re.compile(r"(?<!\S)\S")
# A quotation: straight or curly double quotes, a curly single pair, or straight single
# quotes that open before a word and close after one (an apostrophe inside a word, as in
# "don't", closes nothing).
_QUOTATION = re.compile(
    r'"[^"]*"|\u201c[^\u201c\u201d]*\u201d|\u00ab[^\u00ab\u00bb]*\u00bb'
    r"|(?<!\w)\u2018[^\u2018]*?\u2019(?!\w)|(?<!\w)'(?=\S)[^']*?(?<=\S)'(?!\w)"
)


def _quotation_spans(text: str) -> list[tuple[int, int]]:
    """Each quotation of `text` as (opening mark, closing mark) offsets, in order."""
    return [(m.start(), m.end() - 1) for m in _QUOTATION.finditer(text)]


@lru_cache(maxsize=4)
def _quote_marks(text: str) -> _QuoteMarks:
    # Keyed on the text itself: a str caches its hash, so a block asked about many matches
    # pays for its marks once.
    return _QuoteMarks(text)


def exception_names(rule: Rule) -> frozenset[str]:
    """The contexts a rule's `exceptions:` key names, validated."""
    names = rule.options.get("exceptions", [])
    if not isinstance(names, list):
        raise rule.error("must be a list", "exceptions")
    unknown = [name for name in names if name not in EXCEPTIONS]
    if unknown:
        raise rule.error(f"unknown exception '{unknown[0]}' (use: {', '.join(EXCEPTIONS)})", "exceptions")
    return frozenset(names)


def attributed(text: str, sentence: Span, match: Span, before: str = "") -> bool:
    """The match is someone else's words: inside a direct quotation, or reported ("she said", "some think").

    `before` is the text of the paragraph before, which may name the speaker of a quotation.
    """
    return claims.speaker_of(text, sentence, match, before) is not claims.Speaker.ARTICLE


def background(sentence: Span, match: Span) -> bool:
    """The claim describes a disease, a germ or the body ("a virus that causes shingles"), not what a treatment does.

    Only a general truth, in the present: "obesity raised the risk in this trial" reports a finding.
    """
    return claims.general(match) and claims.subject_of(sentence, match) is claims.Subject.BACKGROUND


def no_treatment(sentence: Span, match: Span) -> bool:
    """The claim is about what a person or an organisation does, or describes a disease: no treatment's effect."""
    return claims.subject_of(sentence, match) in (claims.Subject.AGENT, claims.Subject.BACKGROUND)


def unknown_subject(sentence: Span, match: Span) -> bool:
    """The claim's subject is no treatment, food, habit, product or exposure the word lists know ("it" still counts).

    On real articles most such claims are about something else (a shortage, a score, a
    network); a rule that wants them anyway leaves this exception out.
    """
    return claims.subject_of(sentence, match) is claims.Subject.UNKNOWN


def named(block: Block, match: Span) -> bool:
    """The match is part of a name or a title: capitalised inside a sentence, next to another capitalised word.

    "the Breakthrough Devices Program", "the Journal of Neuropathic Pain". Headings are
    capitalised throughout, so they name nothing this way.
    """
    # A name's small words stay small: "Susan G. Komen for the Cure".
    words = [token for token in match if token.is_alpha and token.lower_ not in NAME_LINKS]
    if block.kind == "heading" or not words or not all(token.is_title or token.is_upper for token in words):
        return False
    doc = match.doc
    if match.start == 0 or sentence_start(doc, match.start) == match.start or doc[match.start - 1].is_punct:
        # A sentence's first word is capitalised anyway: only the word after it can tell.
        return match.end < len(doc) and doc[match.end].is_title
    left = match.start - 1
    while left > 0 and match.start - left <= NAME_LINK_REACH and doc[left].lower_ in NAME_LINKS:
        left -= 1
    neighbours = [doc[i] for i in (left, match.end) if 0 <= i < len(doc)]
    return any(token.is_title and token.is_alpha for token in neighbours)


NAME_LINKS = frozenset("the of for and a an".split())
NAME_LINK_REACH = 2


def excepted(wants: frozenset[str], analysis: Analysis, index: int, match: Span) -> bool:
    """The match, in block `index`, stands in one of the contexts named in `wants`."""
    sentence = sentence_of(match)
    block = analysis.document.blocks[index]
    return (
        ("negated" in wants and negated(sentence, match))
        or ("asked" in wants and (asked(sentence, block) or open_question(sentence, match)))
        or ("reported" in wants and reported(sentence, match, lambda: analysis.next_sentence(index, sentence)))
        or ("quoted" in wants and quoted(block.text, match.start_char, match.end_char))
        or ("attributed" in wants and attributed(block.text, sentence, match, _previous_text(analysis, index)))
        or ("background" in wants and background(sentence, match))
        or ("no-treatment" in wants and no_treatment(sentence, match))
        or ("unknown-subject" in wants and unknown_subject(sentence, match))
        or ("mechanism" in wants and claims.mechanism(sentence, match))
        or ("named" in wants and named(block, match))
        or ("distanced" in wants and distanced(sentence, match))
        or ("boilerplate" in wants and in_boilerplate(analysis, index))
        or ("study-result" in wants and study_result(sentence, match))
        or ("personal" in wants and personal(sentence))
    )


def in_boilerplate(analysis: Analysis, index: int) -> bool:
    """Block `index` is boilerplate (the draft's blocks judged once, on the first question)."""
    if not analysis.boilerplate:
        analysis.boilerplate.append(boilerplate_blocks(analysis.document))
    return analysis.boilerplate[0][index]


def distanced(sentence: Span, match: Span) -> bool:
    """The promise is held at arm's length: the object of "notions about", "the hunt for", or only "potential",
    or wished for and denied ("A pill that melts away fat would be wonderful, but no such pill exists")."""
    doc = sentence.doc
    # The sentence's own words after the match (Doc.text would rebuild the whole paragraph's).
    after = doc[match.end : sentence.end].text
    if DENIED_EXISTENCE.search(after) or GOAL.search(after):
        return True
    if match.start > sentence.start and (
        WISHED.search(doc[sentence.start : match.start].text) or CLAIMED.search(doc[sentence.start : match.start].text)
    ):
        return True
    if match.start > sentence.start and doc[match.start - 1].lower_ in QUALIFIERS:
        return True
    if any(_labels(doc, i, match.start) for i in range(max(sentence.start, match.start - LABEL_REACH), match.start)):
        return True
    if any(_labels_either(doc, i) for i in range(sentence.start, match.start)):
        return True
    start = max(sentence.start, match.start - DISTANCE_REACH)
    for i in range(match.start - 2, start - 1, -1):
        if doc[i].lemma_.lower() in DISTANCING and doc[i + 1].lower_ in DISTANCING_LINKS:
            return True
    return False


def study_result(sentence: Span, match: Span) -> bool:
    """The sentence reports the match as one study's result: "a major study found", "in a Phase 3 study",
    "A review of 12 trials showed that" (not "studies show", an appeal to research in general)."""
    doc = sentence.doc
    for i in range(sentence.start, sentence.end):
        if match.start <= i < match.end or not _study_noun(doc, i):
            continue
        # "A small pilot study funded by St. Jude compared the two therapies ... and also found that the
        # procedure worked better than drugs": what the study found may stand far from the study itself.
        reach = match.start if i < match.start else min(sentence.end, i + 1 + STUDY_REACH)
        if any(doc[j].lower_ in STUDY_VERBS for j in range(i + 1, reach)):
            return True
        if any(doc[j].lower_ == "in" for j in range(max(sentence.start, i - 4), i)):
            return True
        # "..., is better than medication alone, suggests an analysis of an international clinical trial".
        if i > match.end and any(doc[j].lower_ in STUDY_VERBS for j in range(max(match.end, i - INVERTED_REACH), i)):
            return True
    return False


def _study_noun(doc: Doc | Span, i: int) -> bool:
    """Token `i` names one study: "study", "trial", "review", the "analysis" of "meta-analysis" (not "our analysis")."""
    if doc[i].lower_ == "analysis":
        return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "meta"
    return doc[i].lower_ in STUDY_NOUNS


# One study (singular: "studies show" is no study in particular) and what it found.
STUDY_NOUNS = frozenset("study trial review experiment".split())
STUDY_VERBS = frozenset(
    "found finds showed shows suggested suggests reported reports concluded concludes revealed reveals "
    "demonstrated demonstrates indicated indicates".split()
)
STUDY_REACH = 16
# How far before its study a verb may stand when the finding comes first: "..., suggests an analysis of a trial".
INVERTED_REACH = 8


def personal(sentence: Span) -> bool:
    """The sentence tells one person's experience: "For O'Brien-Murphy, the therapy has been life-changing",
    "To 62-year-old Hal Kaye, the injection was a miracle cure", "For her, ..." (not "For many people with
    arthritis, this cream is a life-saver": a promise to all like them)."""
    doc = sentence.doc
    if doc[sentence.start].lower_ not in ("for", "to"):
        return False
    stop = min(sentence.end, sentence.start + 1 + PERSONAL_NAME_WORDS)
    comma = next((i for i in range(sentence.start + 1, stop) if doc[i].text == ","), None)
    if comma is None or comma == sentence.start + 1:
        return False
    name = doc[sentence.start + 1 : comma]
    if len(name) == 1 and name[0].lower_ in ("him", "her"):
        return True
    # A headline in title case capitalises every word: "For Women With MS, Acupuncture Is a Breakthrough".
    rest = next((token for token in doc[comma + 1 : sentence.end] if token.is_alpha), None)
    if rest is None or rest.is_title and rest.lower_ not in ("she", "he", "i"):
        return False
    # A name, maybe after an age: "62-year-old Hal Kaye".
    words = [token for token in name if token.is_alpha and token.lower_ not in PERSONAL_AGE_WORDS]
    return bool(words) and all(token.is_title for token in words)


PERSONAL_NAME_WORDS = 8
PERSONAL_AGE_WORDS = frozenset("year old".split())


# What the sentence wished for ("would be wonderful") is then said not to exist.
DENIED_EXISTENCE = re.compile(
    r"\b(?:would|could)\b.{0,160}?(?:\bno such\b|\b(?:does|do|did)(?: not|n['’]t) exist\b|\bthere (?:is|are) no (?:such|magic)\b)",
    re.IGNORECASE,
)


# A wish or a goal, not a promise: "ideally, one that will ease pain without side effects", "patients asking
# what it will take to cure their disease" (not "here is what it takes to reverse diabetes": a how-to).
WISHED = re.compile(
    r"\b(?:ideally|in an ideal world|what it (?:will|would|might|could) take|aim(?:s|ed|ing)? to|seek(?:s|ing)? to)\b",
    re.IGNORECASE,
)
# The match is what someone else calls it: "has touted what it claims are the fruit's scientifically proven
# health benefits", "what the company calls a breakthrough".
CLAIMED = re.compile(r"\b[Ww]hat\s+(?:it|they|he|she|the\s+\w+|[A-Z]\w+)\s+(?:claims?|calls?|touts?|bills?|describes?)\b")
# The match is what research aims at: "A cure for Alzheimer's ... is the holy grail in disease research".
GOAL = re.compile(
    r"\b(?:is|are|remains?|has long been|has been|would be)\s+(?:\w+\s+)?(?:the|an?)\s+(?:\w+\s+){0,2}?"
    r"(?:holy grail|goal|aim|quest)\b",
    re.IGNORECASE,
)


def _labels(doc: Doc | Span, i: int, match_start: int) -> bool:
    """Token `i` reports what others call the matched words: "touted as", "called the" (not "a drug called Xanax")."""
    return doc[i].lower_ in LABELLING and (i + 1 == match_start or doc[i + 1].lower_ in LABEL_LINKS)


def _labels_either(doc: Doc | Span, i: int) -> bool:
    """Token `i` opens two labels others give, the match among them: "can be cast as either a rogue therapy
    or breakthrough panacea"."""
    return doc[i].lower_ in EITHER_LABELLING and i + 2 < len(doc) and doc[i + 1].lower_ == "as" and doc[i + 2].lower_ == "either"


def _previous_text(analysis: Analysis, index: int) -> str:
    return speaker_context(analysis.document.blocks, index)


# How many paragraphs back a quotation running on over paragraphs is followed to its speaker.
RUN_ON_PARAGRAPHS = 6
OPENING_QUOTES = frozenset('"\u201c')


def speaker_context(blocks: Sequence[Block], index: int) -> str:
    """The text before block `index` that may name the speaker of a quotation in it: the paragraph before, and
    when that one opens a quotation running on (each paragraph opens with a quotation mark), those before it
    back to the one that says who speaks ("He says:" two paragraphs up)."""
    texts: list[str] = []
    for back in range(index - 1, max(index - 1 - RUN_ON_PARAGRAPHS, -1), -1):
        texts.append(blocks[back].text)
        if blocks[back].text.lstrip()[:1] not in OPENING_QUOTES:
            break
    return "\n".join(reversed(texts))


class _Words(NamedTuple):
    """The word lists above as string ids, to test against a Doc's arrays."""

    negations: frozenset[int]
    clause_breaks: frozenset[int]
    attributions: frozenset[int]
    disputes: frozenset[int]
    not_negating_next: frozenset[int]
    question_openers: frozenset[int]
    list_breaks: frozenset[int]
    effect_verbs: frozenset[int]
    according: int
    to: int
    rather: int
    than: int
    and_: int
    comma: int
    whether: int
    yet: int


@lru_cache(maxsize=1)
def _words() -> _Words:
    ids = pipeline().vocab.strings.add
    return _Words(
        negations=frozenset(map(ids, NEGATIONS)),
        clause_breaks=frozenset(map(ids, CLAUSE_BREAKS)),
        attributions=frozenset(map(ids, ATTRIBUTIONS)),
        disputes=frozenset(map(ids, DISPUTES)),
        not_negating_next=frozenset(map(ids, NOT_NEGATING_NEXT)),
        question_openers=frozenset(map(ids, QUESTION_OPENERS)),
        list_breaks=frozenset(map(ids, LIST_BREAKS)),
        effect_verbs=frozenset(map(ids, claim_words().effect_verbs)),
        according=ids("according"),
        to=ids("to"),
        rather=ids("rather"),
        than=ids("than"),
        and_=ids("and"),
        comma=ids(","),
        whether=ids("whether"),
        yet=ids("yet"),
    )


def _idiom(lower: Sequence[int], i: int) -> bool:
    return i + 1 < len(lower) and lower[i + 1] in _words().not_negating_next


def _is_attribution(lower: Sequence[int], lemma: Sequence[int], i: int) -> bool:
    words = _words()
    if lemma[i] in words.attributions:
        return True
    return lower[i] == words.according and i + 1 < len(lower) and lower[i + 1] == words.to


def _disputes(span: Span, positions: Iterable[int]) -> bool:
    values, disputes = columns(span.doc), _words().disputes
    return any(values[LEMMA][i] in disputes or values[LOWER][i] in disputes for i in positions)
