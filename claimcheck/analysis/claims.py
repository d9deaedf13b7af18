"""What a claim sentence says: what it is about, its effect, how strongly, and who says it.

A claim that needs a hedge says what a treatment, food, habit, product or exposure does
("Prebiotics reduce body fat"); a sentence saying what a disease does ("a disease which
causes muscle weakness") describes background. A claim inside a quotation, or put in
someone's mouth ("she said", "some scientists think"), is that person's, not the article's.
Strength uses the four classes of the causal-pubmed data set, so that every check (and a
later comparison of an article's claims with the studies it cites) shares one notion of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import takewhile
from typing import TYPE_CHECKING

from claimcheck.analysis.strength import Strength, strength_of
from claimcheck.analysis.words import claim_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class Subject(str, Enum):
    """What a claim is about."""

    INTERVENTION = "intervention"  # a treatment, food, habit, product or exposure
    BACKGROUND = "background"  # a disease, condition, germ or body part being described
    AGENT = "agent"  # a person or an organisation acting ("the company stopped making it")
    REFERENCE = "reference"  # "it", "they": most often the treatment the article is about
    UNKNOWN = "unknown"  # nothing the word lists know (a technical term, a brand name)


class Speaker(str, Enum):
    """Whose claim it is."""

    ARTICLE = "article"
    QUOTED = "quoted"  # inside a direct quotation
    ATTRIBUTED = "attributed"  # reported speech or belief: "she said", "some scientists think"


@dataclass(frozen=True)
class Reading:
    """One claim phrase read in its sentence."""

    effect: str
    subject: Subject
    strength: Strength
    speaker: Speaker
    # How it works ("stimulates the vagus nerve"), not what it does for the reader's health.
    mechanism: bool = False


# Words that end the stretch of a sentence naming a claim's subject.
SUBJECT_BREAKS = frozenset(
    ", ; : ( ) — – that which who whom because when if while whereas but and or since as than so found show shows showed "
    "shown demonstrate demonstrates demonstrated reveal reveals revealed report reports reported confirm confirms "
    "confirmed indicate indicates indicated know knew prove proves proved".split()
)
PREPOSITIONS = frozenset("of in with for among to by from on at after before during between without within".split())
SUBJECT_WORDS = 12
# The noun a relative clause is about ends at a preposition or a verb: "caused by [the same virus] that".
NOUN_BREAKS = SUBJECT_BREAKS | PREPOSITIONS | frozenset("is are was were be been caused causes".split())
RELATIVES = frozenset("that which who".split())
REFERENCES = frozenset("it they this these".split())
# Verbs that say how a treatment works in the body rather than what it does for health.
MECHANISM_VERBS = frozenset("stimulate inhibit induce activate mediate modulate alter bind".split())
OBJECT_WORDS = 8
# Nouns of belief: "the widespread belief that it helps" is nobody's finding.
BELIEFS = frozenset("belief assumption notion idea myth perception hope fear theory hopeful optimistic".split())
PAST_BE = frozenset("was were been".split())
PAST_FORMS = frozenset("led brought gave cut made".split())
# Words of a subject stretch that name nothing: "it also often reduces".
EMPTY = frozenset("it this these those they also often usually still only further then thus in turn all both".split())
# "-ing" words that are no gerund naming a habit or a treatment.
NOT_GERUNDS = frozenset(
    "according including during something nothing anything everything morning evening being following regarding "
    "concerning emerging existing ongoing leading growing increasing remaining underlying resulting using bleeding "
    "swelling vomiting itching wheezing snoring ageing aging breathing hearing morning".split()
)
# A paragraph that says who speaks: quotation marks alone may only set a term or a title apart.
SPOKEN = re.compile(
    r"\b(?:says|said|tells|told|add(?:s|ed)|explain(?:s|ed)|not(?:es|ed)|wr(?:ites|ote)|ask(?:s|ed)|recall(?:s|ed)"
    r"|according to|comment(?:s|ed)|stress(?:es|ed)|insist(?:s|ed)|argu(?:es|ed)|warn(?:s|ed)"
    r"|conclud(?:es|ed))\b",
    re.IGNORECASE,
)
QUOTE_PAIRS = (("\u201c", "\u201d"), ("\u00ab", "\u00bb"))
AGENT_WORDS = 5


def read(text: str, sentence: Span, match: Span) -> Reading:
    """The reading of a claim phrase `match` in `sentence` of a block whose text is `text`."""
    return Reading(
        text[match.start_char : match.end_char],
        subject_of(sentence, match),
        strength_of(sentence),
        speaker_of(text, sentence, match),
        mechanism(sentence, match),
    )


def subject_of(sentence: Span, match: Span) -> Subject:
    """What the claim is about: the agent of a passive ("is caused by smoking"), else the words before the verb."""
    doc = sentence.doc
    by = next((token.i for token in match if token.lower_ == "by"), None)
    if by is None and match[-1].lemma_.lower() == "benefit" and match.end < sentence.end and doc[match.end].lower_ == "from":
        # "patients benefit from exercise": what they benefit from is the subject of the claim.
        by = match.end
    if by is not None:
        agent = classify(_stretch(doc, by + 1, min(sentence.end, by + 1 + AGENT_WORDS), step=1))
        if agent is not Subject.UNKNOWN:
            return agent
    before = _stretch(doc, match.start - 1, max(sentence.start, match.start - SUBJECT_WORDS) - 1, step=-1)[::-1]
    if _names_something(before):
        return classify(before)
    if any(token.lower_ in REFERENCES for token in before):
        return _antecedent(sentence, match.start - len(before))
    stop = match.start - 1 - len(before)
    if stop >= sentence.start and doc[stop].lower_ in RELATIVES:
        if stop - 1 >= sentence.start and doc[stop - 1].lower_ == ",":
            # "endometrial cancer, which affects the lining": the noun before the comma.
            stop -= 1
        # "a disease which causes weakness": the relative clause is about the noun before it.
        noun = _stretch(doc, stop - 1, max(sentence.start - 1, stop - 1 - AGENT_WORDS), step=-1, breaks=NOUN_BREAKS)
        return classify(noun[::-1])
    # ", resulting in", "and prevent colds": a clause without its own subject shares the
    # sentence's, which ends at the first verb of effect.
    first = _stretch(doc, sentence.start, min(match.start, sentence.start + AGENT_WORDS + 1), step=1)
    verbs = claim_words().effect_verbs
    return classify(list(takewhile(lambda token: token.lemma_.lower() not in verbs, first)))


def _antecedent(sentence: Span, pronoun: int) -> Subject:
    """What "it" or "this" stands for: the words before it in its sentence, or the sentence before in its paragraph.

    "Although Down syndrome varies, it usually causes ..." describes the syndrome.
    """
    doc = sentence.doc
    earlier = classify(list(doc[sentence.start : pronoun]), heads_only=False)
    if earlier is Subject.UNKNOWN and sentence.start > 0:
        previous = doc[sentence.start - 1].sent
        earlier = classify(list(doc[previous.start : previous.end]), heads_only=False)
    return earlier if earlier in (Subject.INTERVENTION, Subject.BACKGROUND) else Subject.REFERENCE


def classify(tokens: Sequence[Token], heads_only: bool = True) -> Subject:
    """The class of a subject (its words in text order).

    A treatment named anywhere in it makes a claim about a treatment ("patients taking
    statins"); otherwise its head, the words before its first preposition, decides: "the
    management of patients" is no person acting, "a disease of the nerves" is background.
    """
    words = claim_words()
    # A gerund names a habit or a treatment only as the subject's first word: "Smoking raises",
    # "injecting the peptide triggers" (not "is developing apps to help").
    if tokens and _gerund(tokens[0].lower_):
        return Subject.INTERVENTION
    if any(words.interventions.holds(t.lower_, t.lemma_.lower()) for t in tokens):
        return Subject.INTERVENTION
    head = list(takewhile(lambda token: token.lower_ not in PREPOSITIONS, tokens)) if heads_only else tokens
    for word_class, subject in ((words.background, Subject.BACKGROUND), (words.agents, Subject.AGENT)):
        if any(word_class.holds(t.lower_, t.lemma_.lower()) for t in head):
            return subject
    if any(token.lower_ in REFERENCES for token in head):
        return Subject.REFERENCE
    return Subject.UNKNOWN


def general(match: Span) -> bool:
    """The claim is stated in the present, as a general truth ("causes", "is caused by"), not as a finding ("reduced")."""
    be = next((token for token in match if token.lemma_ == "be"), None)
    if be is not None:
        return be.lower_ not in PAST_BE
    return not any(token.lower_.endswith("ed") or token.lower_ in PAST_FORMS for token in match)


def mechanism(sentence: Span, match: Span) -> bool:
    """The effect is on the body's workings ("inhibits the enzyme", "alters metabolism"), not on health."""
    doc = sentence.doc
    if any(token.lemma_.lower() in MECHANISM_VERBS for token in match):
        return True
    body = claim_words().body
    after = _stretch(doc, match.end, min(sentence.end, match.end + OBJECT_WORDS), step=1)
    return any(token.lemma_.lower() in body or token.lower_ in body for token in (*match, *after))


def speaker_of(text: str, sentence: Span, match: Span, before: str = "") -> Speaker:
    """Whose claim this is: a quoted speaker's, someone the sentence reports, or the article's.

    `before` is the text of the paragraph before, which may name the speaker of a quotation
    that runs on over paragraphs.
    """
    if quoted_speech(text, match.start_char, before):
        return Speaker.QUOTED
    if attributed(sentence, match):
        return Speaker.ATTRIBUTED
    return Speaker.ARTICLE


def quoted_speech(text: str, at: int, before: str = "") -> bool:
    """Character `at` of a paragraph lies inside a quotation of someone this paragraph (or the one `before`) says
    speaks, or inside a quotation long enough to be someone's words rather than a word held up ("if they can cure
    me, they can cure everyone", with the speaker named paragraphs before)."""
    if not in_quotation(text, at):
        return False
    if SPOKEN.search(text) or SPOKEN.search(before):
        return True
    # Long enough to be speech, unless the article introduces it as its own ("Our motto: ...").
    start, words = _quotation(text, at)
    return words >= SPOKEN_QUOTATION_WORDS and not OWN_WORDS.search(text, 0, start)


# A quotation of this many words or more is somebody's speech, named or not; a shorter one may hold a word up
# for scrutiny ("a 'miracle' cure"), which claimcheck.analysis.context reads as a quoted word.
SPOKEN_QUOTATION_WORDS = 8


# The writer's own voice before a quotation: "Our motto:", "We say".
OWN_WORDS = re.compile(r"\b(?:[Oo]ur|[Ww]e)\b")


def _quotation(text: str, at: int) -> tuple[int, int]:
    """Where the quotation holding character `at` opens, and how many words it has (0 when no mark closes it)."""
    openings = [text.rfind(opening, 0, at) for opening, _ in QUOTE_PAIRS] + [text.rfind('"', 0, at)]
    start = max(openings)
    closings = [text.find(mark, at) for _, mark in QUOTE_PAIRS] + [text.find('"', at)]
    found = [end for end in closings if end != -1]
    if not found:
        return start, 0  # never closed: a stray mark, not a quotation
    return start, len(text[start + 1 : min(found)].split())


def in_quotation(text: str, at: int) -> bool:
    """Character `at` of a paragraph lies inside a direct quotation (opened and not yet closed)."""
    for opening, closing in QUOTE_PAIRS:
        if text.rfind(opening, 0, at) > text.rfind(closing, 0, at):
            return True
    # Straight quotes open and close alike: inside when an odd number stand before.
    return text.count('"', 0, at) % 2 == 1


def attributed(sentence: Span, match: Span) -> bool:
    """A verb of speech or belief outside the match puts the sentence in someone's mouth."""
    doc = sentence.doc
    for token in sentence:
        if match.start <= token.i < match.end:
            continue
        if _speech(doc, token, sentence):
            return True
    return False


def _speech(doc: Doc | Span, token: Token, sentence: Span) -> bool:
    words = claim_words()
    lemma = token.lemma_.lower()
    before = doc[token.i - 1] if token.i > sentence.start else None
    after = doc[token.i + 1] if token.i + 1 < sentence.end else None
    if token.lower_ == "according" and after is not None and after.lower_ == "to":
        following = doc[token.i + 2 : min(token.i + 5, sentence.end)]
        # "according to the study" relays evidence the article stands behind.
        return not any(t.lemma_.lower() in words.own_speakers for t in following)
    if before is not None and before.lemma_.lower() in words.own_speakers:
        return False
    if lemma in BELIEFS and after is not None and after.lower_ == "that":
        # "Jongen is hopeful that ..." (not "We are optimistic that ...": the article's own view).
        subject = doc[token.i - 2] if token.i - 2 >= sentence.start else None
        return subject is None or subject.lemma_.lower() not in words.own_speakers
    if lemma in words.speech_always:
        # "Say goodbye to pain": an imperative opening the sentence reports nobody's words.
        return not (token.i == sentence.start and token.lower_ == lemma)
    if lemma in words.speech_beside and not (token.i > sentence.start and token.text[:1].isupper()):
        # "he added", "added Dr Lee", ", stressing that ...", "it was thought" (not "Michigan State University":
        # a capital inside the sentence makes a name).
        if before is not None and before.lower_ in ("was", "is", "were", "are", "widely", "commonly", "long"):
            return lemma in ("think", "believe", "hope")
        return _speaker(before, sentence) or _speaker(after, sentence) or (after is not None and after.lower_ == "that")
    return False


def _speaker(token: Token | None, sentence: Span) -> bool:
    """A person or a name: "he", "researchers", "Dr", "Smith" (not the sentence's capitalised first word)."""
    if token is None:
        return False
    if token.lemma_.lower() in claim_words().people:
        return True
    # A capitalised word is a name inside a sentence; opening it, only just before a verb of speech.
    return token.is_title and token.is_alpha and (token.i > sentence.start or token.i + 1 < sentence.end)


def _stretch(doc: Doc | Span, start: int, stop: int, step: int, breaks: frozenset[str] = SUBJECT_BREAKS) -> list[Token]:
    """Tokens from `start` towards `stop` (exclusive) until a word that ends a subject (one of `breaks`)."""
    found = []
    for i in range(start, stop, step):
        if doc[i].lower_ in breaks:
            break
        found.append(doc[i])
    return found


def _names_something(tokens: Sequence[Token]) -> bool:
    return any(token.is_alpha and token.lower_ not in EMPTY and not token.lower_.endswith("ly") for token in tokens)


def _gerund(lower: str) -> bool:
    return len(lower) > 5 and lower.endswith("ing") and lower not in NOT_GERUNDS
