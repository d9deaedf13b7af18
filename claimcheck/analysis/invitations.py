"""What an article invites its readers to do about their health (a document-level pass).

Advice to see a doctor belongs to articles that invite readers to act: to try, take, stop,
buy or book something ("You may want to try ...", "Ask about ...", "Stop taking ...",
"People with diabetes should consider ..."). A story about a policy, a price or a
laboratory finding invites nobody to do anything, and needs no such advice. Words inside a
direct quotation are the speaker's, not the article's invitation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimcheck.analysis.claims import SPOKEN
from claimcheck.analysis.studies import in_quotation
from claimcheck.nlp.pipeline import sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from claimcheck.analysis.draft import Analysis
    from claimcheck.source.document import Document

# Verbs that, opening a sentence, tell the reader to do something about their health.
IMPERATIVES = frozenset(
    """try take stop start avoid book buy ask talk speak consider eat drink get use choose limit cut
    skip switch schedule quit reduce seek discuss""".split()
)
# "you should ...", "you may want to ...": the reader is told what to do.
MODALS = frozenset("should can could may might must need ought".split())
# "People with asthma should ...": a recommendation to a group readers belong to.
GROUPS = frozenset(
    """people patients women men adults parents anyone anybody everyone everybody those consumers
    smokers children kids seniors readers individuals""".split()
)
# What a group "should" do that acts on their health.
ACTIONS = frozenset(
    """take try stop start avoid get consider eat drink limit use talk ask discuss seek have
    switch cut reduce quit keep continue undergo choose""".split()
)
# Commands that, after a condition, tell the reader what to do ("If you try acupuncture, see a
# licensed acupuncturist"); opening a sentence they are too often something else ("See figure 2").
MAIN_CLAUSE_COMMANDS = frozenset("see visit call check make go find look tell keep".split())
# Acts too general to invite anything after "to": "they seem to have health effects".
WEAK_ACTIONS = frozenset("have keep continue".split())
# What a group "should be": a test or a vaccine they should have.
SEEN_TO = frozenset("screened tested vaccinated immunized immunised checked examined".split())
# After "if you": the reader's own health, symptoms or habits.
CONDITIONS = frozenset(
    """have are 're take use suffer notice experience smoke drink eat get feel try start stop""".split()
)
# Words that make "... should take" an indirect question: "how much adults should take", "specialists
# are wondering if women should take a holiday from the drug".
QUESTION_WORDS = frozenset("how whether which what why if".split())
# Advice a sentence reports as someone's finding or view, not the article's own: "People with bipolar
# disorder should take lithium, a new study has found", "experts now advise that ...", "the team believes".
REPORTED = re.compile(
    r"\b(\w+)\s+(?:now\s+|also\s+)?(?:has\s+|have\s+|had\s+)?(?:found|finds|suggest(?:s|ed)?|recommend(?:s|ed)?"
    r"|advis(?:e|es|ed)|urg(?:es|ed)|report(?:s|ed)|declar(?:es|ed)|believ(?:es|ed)|say)\b",
    re.IGNORECASE,
)
# The article's own voice: "We recommend that you ...", "I suggest you try ...".
OWN_VOICE = frozenset("we i you".split())
# How near the command its health word stands: "Get more of Dr. Samadi's take on this study and its
# effect on the field of prostate cancer" names a disease too far off to be what it asks for.
COMMAND_REACH = 8
# How near the act a reader wants to take its health word stands: "If you want to try acupuncture".
WANTED_REACH = 4
# An invitation to act on one's health names something of health: "Try Newsweek for $1.25"
# and "Choose your country" are a web page's furniture, not advice.
HEALTH = frozenset(
    """doctor drug medicine medication pill capsule tablet supplement vitamin treatment therapy diet food
    eat drink exercise test screening vaccine vaccination shot symptom pain disease condition health
    healthy dose surgery smoking smoke alcohol weight sleep cancer heart blood pregnant pregnancy
    prescription juice tea coffee product remedy cream injection device clinic hospital patient care
    infection allergy fruit vegetable sugar salt fat calorie walk walking workout stress tremor
    acupuncture massage stretch muscle back knee joint skin eye teeth rest ice heat yoga meditation
    breathing nausea fatigue herb herbal oil ginger aspirin painkiller antibiotic ulcer bleeding
    illness sick cold flu fever cough risk MS treat session appointment consultation""".lower().split()
)
NEGATIONS = frozenset("not n't never no".split())
# "before you book": the act is taken for granted ("if you ask a researcher" is a manner of speaking).
SUBORDINATORS = frozenset("before when once until unless after".split())
# "Consider breast cancer." opens an example; "Consider taking ..." and "Consider whether ..." advise.
CONSIDER_NEXT = frozenset("whether asking talking speaking trying taking using".split())
# "easy to try", "worth a try", "worth trying": the article recommends trying.
TRIAL_PHRASES = (("easy", "to", "try"), ("worth", "a", "try"), ("worth", "trying"), ("worth", "a", "shot"))
TRIAL_STARTS = frozenset(phrase[0] for phrase in TRIAL_PHRASES)
# Sentence openers that do not make a command: "Take, for example, ...", "See figure 2".
# "Use in patients who ..." and "Use as a single drug ..." are a label's nouns.
NOT_COMMANDS = frozenset(", ; : for note the a as in of".split())
# How far before "should" the group may stand: "Women who have had breast cancer should".
GROUP_REACH = 6


@dataclass(frozen=True)
class Invitation:
    """A sentence of the article that invites readers to act: where it is, and its words."""

    block: int
    start: int
    end: int
    text: str


def invitations(document: Document, docs: tuple[Doc, ...]) -> Iterator[Invitation]:
    """Every invitation to act in the article's prose, in order (headings and reference lists left out)."""
    for index, block in enumerate(document.blocks):
        if block.in_references or block.kind == "heading" or block.quoted:
            continue
        for sentence in sentences(docs[index]):
            cue = _cue(sentence)
            if cue is None or in_quotation(block.text, cue.idx) or not _of_health(sentence, cue):
                continue
            # "You should try it, says Dr Lee": someone's advice, reported; the article invites no one.
            if not (SPOKEN.search(block.text, sentence.start_char, sentence.end_char) or _reported(block.text, sentence)):
                end = min(sentence.end_char, cue.idx + 60)
                yield Invitation(index, sentence.start_char, sentence.end_char, block.text[cue.idx : end].strip())


# The reader, addressed: an article that says "you" outside quotations speaks to its readers.
READER_WORDS = frozenset({"you", "your", "yours", "yourself", "yourselves"})


def first_invitation(analysis: Analysis) -> str | None:
    """The words of the article's first invitation to act, or None (worked out once per draft)."""
    if not analysis.invitation:
        first = next(invitations(analysis.document, analysis.docs), None)
        analysis.invitation.append(first.text if first is not None else None)
    return analysis.invitation[0]


def speaks_to_reader(analysis: Analysis) -> bool:
    """The article speaks to its readers: it invites them to act, or says "you" in its own words (once per draft)."""
    if not analysis.speaks_to_reader:
        spoken = first_invitation(analysis) is not None or _says_you(analysis.document, analysis.docs)
        analysis.speaks_to_reader.append(spoken)
    return analysis.speaks_to_reader[0]


def _says_you(document: Document, docs: tuple[Doc, ...]) -> bool:
    """The article says "you" (or "your" ...) in its own words: not in quotations or reference lists."""
    for index, block in enumerate(document.blocks):
        if block.in_references or block.quoted:
            continue
        for token in docs[index]:
            if token.lower_ in READER_WORDS and not in_quotation(block.text, token.idx):
                return True
    return False


def _reported(text: str, sentence: Span) -> bool:
    """The sentence reports advice as somebody's finding or view ("..., a new study has found")."""
    found = REPORTED.finditer(text, sentence.start_char, sentence.end_char)
    return any(match.group(1).lower() not in OWN_VOICE for match in found)


def _of_health(sentence: Span, cue: Token) -> bool:
    """The sentence names something of health (a medicine, a food, a test, a symptom ...); a command
    ("Try ...", "Get ...") names it within a few words of itself."""
    words = sentence
    if cue.lower_ in IMPERATIVES or cue.lower_ in ("do", "don't"):
        words = sentence.doc[cue.i : min(sentence.end, cue.i + 1 + COMMAND_REACH)]
    return _names_health(words)


def _names_health(words: Span) -> bool:
    return any(token.lemma_.lower() in HEALTH or token.lower_ in HEALTH for token in words)


def _cue(sentence: Span) -> Token | None:
    """The word that makes a sentence an invitation, or None."""
    words = [token for token in sentence if not token.is_space]
    if not words:
        return None
    first = next((t for t in words if t.is_alpha), None)
    if first is not None and _command(first):
        return first
    lowers = [token.lower_ for token in words]
    for at, token in enumerate(words):
        lower = token.lower_
        if lower in TRIAL_STARTS and any(tuple(lowers[at : at + len(phrase)]) == phrase for phrase in TRIAL_PHRASES):
            return token
        if lower == "you" and _told(token, sentence.end):
            return token
        if lower == "should" and _group_should(token, sentence.start):
            return token
    return None


def _following(token: Token, distance: int = 1) -> Token | None:
    doc = token.doc
    at = token.i + distance
    return doc[at] if at < len(doc) else None


def _command(first: Token) -> bool:
    """A sentence opening with an imperative verb ("Try ...", "Don't stop ...")."""
    if first.lower_ in ("do", "don't") or (first.lower_ == "do" and _word(_following(first)) == "n't"):
        nxt = _following(first, 2 if _word(_following(first)) in NEGATIONS else 1)
        return nxt is not None and nxt.lower_ in IMPERATIVES
    if first.lower_ not in IMPERATIVES or first.text[:1].islower():
        return False
    nxt = _following(first)
    if nxt is None or nxt.is_punct or nxt.lower_ in NOT_COMMANDS:
        return False
    return first.lower_ != "consider" or nxt.lower_ in CONSIDER_NEXT or nxt.lower_.endswith("ing")


def _told(you: Token, end: int) -> bool:
    """"you should ...", "you may want to ...", "if you have ..., ask ...": the reader is addressed.

    `end` is where the sentence ends: a condition ("if you have diabetes") tells the reader
    something only when the sentence goes on to tell them what to do.
    """
    nxt = _word(_following(you))
    before = you.doc[you.i - 1].lower_ if you.i > 0 else ""
    if nxt in MODALS:
        # "you should try", "you may want to take": an act on their health, not "you must select a newsletter".
        doc = you.doc
        rest = [doc[i].lower_ for i in range(you.i + 2, min(you.i + 6, len(doc)))]
        if rest[:2] in (["want", "to"], ["wish", "to"]) or rest[:1] == ["also"]:
            rest = rest[2:] if rest[0] != "also" else rest[1:]
        return bool(rest) and rest[0] in ACTIONS | IMPERATIVES
    if before == "if" and nxt in CONDITIONS:
        # "If you have diabetes, ask ...": the main clause after the condition's comma is a command.
        # "If you have a family history of the disease, new research suggests ..." tells no one to act.
        return _command_after_comma(you, end)
    if before == "if" and nxt in ("want", "wish") and _word(_following(you, 2)) == "to":
        # "If you want to try acupuncture": the article expects the reader to act on their health ("if you want to
        # take this study as permission to keep drinking coffee" takes a study, not a remedy).
        act = _following(you, 3)
        if act is None or act.lower_ not in ACTIONS | IMPERATIVES:
            return False
        doc = you.doc
        return _names_health(doc[act.i + 1 : min(end, act.i + 1 + WANTED_REACH)])
    # "Before you book, ask ...", "when you try it, start slowly": the act is taken for granted and
    # the reader told what to do ("the damage may continue after you seek cover" tells them nothing).
    return before in SUBORDINATORS and nxt in IMPERATIVES and _command_after_comma(you, end)


def _group_should(should: Token, sentence_start: int) -> bool:
    """"People with diabetes should consider ...": a group the reader may belong to is told what to do."""
    nxt = _word(_following(should))
    if nxt == "be":
        # "should be screened": a test the group should have; "should be treated with" speaks to their doctors.
        nxt = _word(_following(should, 2))
        if nxt == "routinely":
            nxt = _word(_following(should, 3))
        # "should be treated by a licensed acupuncturist" tells readers whom to see.
        treated_by = nxt in ("treated", "seen") and _word(_following(should, 3)) == "by"
        if nxt not in SEEN_TO and not treated_by:
            return False
    elif nxt not in ACTIONS:
        return False
    doc = should.doc
    first = max(should.i - GROUP_REACH, sentence_start)
    words = [doc[i].lower_ for i in range(first, should.i)]
    # "how much vitamin D adults should take", "whether patients should stop": a question asked, not advice given.
    return any(word in GROUPS for word in words) and not any(word in QUESTION_WORDS for word in words)


def _command_after_comma(token: Token, end: int) -> bool:
    """The clause after the first comma following `token` tells the reader to act: it opens with a
    command ("ask your doctor"), or holds an act after "to" or a modal ("you owe it to yourself to try")."""
    doc = token.doc
    comma = next((i for i in range(token.i + 1, end) if doc[i].text == ","), None)
    if comma is None:
        return False
    words = [doc[i].lower_ for i in range(comma + 1, end) if doc[i].is_alpha or doc[i].lower_ == "n't"]
    opening = words[1:] if words[:1] == ["then"] else words
    if opening[:1] == ["do"]:
        opening = opening[2:] if opening[1:2] and opening[1] in NEGATIONS else opening[1:]
    if opening[:1] and opening[0] in IMPERATIVES | MAIN_CLAUSE_COMMANDS:
        return True
    return any(word in ACTIONS - WEAK_ACTIONS and words[at - 1] in MODALS | {"to"} for at, word in enumerate(words) if at)


def _word(token: Token | None) -> str:
    return token.lower_ if token is not None else ""
