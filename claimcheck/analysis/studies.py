"""The studies an article reports, and whether a reader can find each one (a document-level pass).

A news story names its study once ("published Wednesday in Neurology", "presented at a
cardiology congress") and then says "the researchers found" ten times: that is one study,
cited once. So mentions of research are read in document order and sorted into studies:

- a definite mention ("the study", "their research", "study authors said") is the study
  the article is reporting at that point;
- a distinct one ("another trial", "earlier studies", "a 2008 report") is a study of its
  own, and so is a general one ("research shows", "studies have found") unless it is where
  the article first says where its own uncited research was published;
- a plain one ("a new study", "researchers at the University of X") that brings a citation
  is the study being reported when that study has none yet and is not background met in
  passing (a lede restated: "Scientists have found ... In a study published in Nature,
  ..."); otherwise it is a new study.

A citation (a link, a DOI, "(Author, Year)", the journal named ...) cites the studies its
sentence mentions, or, in a sentence that mentions none ("The findings appear in the journal
Cancer."), the study being reported. Each study left uncited is reported once, where it is
first mentioned; a sentence's mentions are taken for one study. Headings are not mentions: "..., study finds" is a headline's promise.

Research in general ("Research shows CRP predicts heart attacks.") is cited by a study of its
own cited in the next sentence of its paragraph on the same subject ("A 1997 study, published
in the NEJM, ..."): its example. A lede that opens on the researchers ("..., according to
Italian researchers.") is the study the article goes on to name ("Their advice rests on a study
that ..."). A link in a press release's boilerplate (see claimcheck.analysis.boilerplate: "About
<organisation>") is the organisation's website: it cites only a mention in its own sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from claimcheck.analysis.boilerplate import boilerplate_blocks
from claimcheck.analysis.draft import sentence_chars
from claimcheck.match.matcher import ATTRS, columns
from claimcheck.nlp.doc_state import state
from claimcheck.nlp.pipeline import pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from claimcheck.source.document import Block, Document

# The nouns that name a piece of research, and the people who do it.
STUDY_NOUNS = frozenset(
    """study studies review reviews trial trials meta-analysis meta-analyses analysis analyses survey
    surveys experiment experiments paper papers report reports research""".split()
)
PEOPLE_NOUNS = frozenset("researcher researchers scientist scientists investigator investigators".split())
PLURAL_STUDIES = frozenset("studies reviews trials meta-analyses analyses surveys experiments papers reports".split())
DEFINITE = frozenset("the this that these those both its their his her our whose 's \u2019s".split())
INDEFINITE = frozenset("a an one".split())
# Words that make a mention a study of its own, not the one being reported.
DISTINCT = frozenset(
    """another other earlier previous prior separate second third final different past older several many
    some most few numerous multiple various""".split()
)
# "study authors said", "the research team found": the study being reported, by its people.
ROLE_NEXT = frozenset(
    """author authors co-author coauthor leader leaders participants subjects volunteers team findings
    results data""".split()
)
# "a cancer research charity", "the research institute": a name or a thing, not a study.
NAME_NEXT = frozenset(
    """charity charities institute institutes center centre centers centres council foundation fund
    funding funds grant grants organization organisation society hospital hospitals laboratory
    laboratories lab labs program programme unit network trust campus facility agency association
    group groups money dollars budget coordinator coordinators nurse nurses site sites design
    protocol protocols drug drugs tool tools purposes purpose park director directors fellow
    fellows university universities company companies firm firms""".split()
)
# "the institute for biomedical research", "a heart research fund": research in a name.
NAME_BEFORE = frozenset(
    """institute institutes center centre council foundation department school agency office ministry
    society association charity fund funds funding journal organization organisation professor""".split()
)
# "new research", "recent studies": the research the article reports, not a body of work.
NEW = frozenset("new recent latest".split())
# "research led by ...", "research from the University of X": one piece of research.
SPECIFIC_NEXT = frozenset("led by from at conducted carried done".split())
_YEAR = re.compile(r"(?:19|20)\d\d$")
# How far before its noun a mention's determiner may stand ("a small randomised 2019 trial").
LOOKBACK = 4


@dataclass(frozen=True)
class Mention:
    """One mention of research: where it is, and how it refers to a study."""

    block: int
    start: int
    end: int
    # Character offset of the start of its sentence in the block: the unit citations attach to.
    sentence: int
    kind: str  # "definite", "distinct", "general", "plain" or "people" (bare "researchers")
    # Named by the people who did it ("scientists have found"), not by a study noun.
    people: bool = False
    # Called new: "a new study", "the latest research" is the article's own study.
    new: bool = False


@dataclass
class Study:
    """A study the article reports: its first mention, and whether the reader can find it."""

    first: Mention
    kind: str
    cited: bool = False
    # Every sentence's mention placed on this study, in order (for reading how the article describes it).
    mentions: list[Mention] = field(default_factory=list)


class _Ids(NamedTuple):
    """The word lists above as string ids, as the Doc's token columns hold them."""

    study: frozenset[int]
    countable: frozenset[int]
    people: frozenset[int]
    plural: frozenset[int]
    definite: frozenset[int]
    indefinite: frozenset[int]
    distinct: frozenset[int]
    role_next: frozenset[int]
    name_next: frozenset[int]
    name_before: frozenset[int]
    new: frozenset[int]
    specific_next: frozenset[int]
    possessive: frozenset[int]
    placed: frozenset[int]
    have: frozenset[int]
    speech: frozenset[int]
    belief: frozenset[int]
    speech_after_as: frozenset[int]
    also_adjectives: frozenset[int]
    as_: int
    hyphen: int
    comma: int
    also: int
    according: int
    to: int


@lru_cache(maxsize=1)
def _ids() -> _Ids:
    ids = pipeline().vocab.strings.add

    def of(words: Iterable[str]) -> frozenset[int]:
        return frozenset(map(ids, words))

    return _Ids(
        study=of(STUDY_NOUNS),
        countable=of(STUDY_NOUNS - PLURAL_STUDIES - {"research"}),
        people=of(PEOPLE_NOUNS),
        plural=of(PLURAL_STUDIES),
        definite=of(DEFINITE),
        indefinite=of(INDEFINITE),
        distinct=of(DISTINCT),
        role_next=of(ROLE_NEXT),
        name_next=of(NAME_NEXT),
        name_before=of(NAME_BEFORE),
        new=of(NEW),
        specific_next=of(SPECIFIC_NEXT),
        possessive=of(("'s", "\u2019s")),
        placed=of(("in", "at", "from")),
        have=of(("have", "has")),
        speech=of(SPEECH),
        speech_after_as=of(SPEECH_AFTER_AS),
        belief=of(BELIEF),
        also_adjectives=of(ALSO_ADJECTIVES),
        as_=ids("as"),
        hyphen=ids("-"),
        comma=ids(","),
        also=ids("also"),
        according=ids("according"),
        to=ids("to"),
    )


# The columns this module reads (see claimcheck.match.matcher.ATTRS): no Token objects are made.
_LOWER, _ORTH, _IS_PUNCT, _IS_SENT_START = (ATTRS.index(name) for name in ("LOWER", "ORTH", "IS_PUNCT", "IS_SENT_START"))


def mention_kind(match: Span) -> str | None:
    """How a matched mention refers to a study, or None when it names no study at all (a name, a role)."""
    return _kind(match.doc, match.start, match.end)


def _kind(doc: Doc, start: int, end: int) -> str | None:
    """mention_kind for tokens start to end of a Doc, read from its token columns."""
    ids = _ids()
    lower = columns(doc)[_LOWER]
    noun = next((i for i in range(start, end) if lower[i] in ids.study or lower[i] in ids.people), None)
    if noun is None:
        return "general"  # "has been shown to": research without a noun, background
    following = lower[noun + 1] if noun + 1 < len(lower) else None
    if _is_name(doc, noun) or following in ids.name_next:
        return None
    if following in ids.role_next and lower[noun] in ids.study:
        return "definite"
    before = _determiners(doc, noun)
    if before & ids.name_before:
        return None
    if before & ids.distinct:
        return "distinct"
    if before & ids.definite:
        return "definite"
    if following == ids.also and lower[noun] in ids.study and lower[noun] not in ids.plural and not before & ids.indefinite:
        return "definite"  # "TGen laboratory research also found": more of the research being reported
    if before & ids.indefinite and lower[noun] not in ids.people:
        strings = doc.vocab.strings
        return "distinct" if any(_YEAR.match(strings[word]) for word in before) else "plain"
    if lower[noun] in ids.people:  # "a team of scientists" is as bare as "scientists"
        return _people_kind(lower, noun, end)
    if (before & ids.new and lower[noun] not in ids.plural) or following in ids.specific_next:
        return "plain"  # "new research suggests", "research led by the University of X"
    if lower[noun] in ids.countable and not before & ids.indefinite:
        # A study noun without its article is a study named before it: "the VIPS for the Non-Invasive
        # Detection of ... (VITAL) study reported in the article".
        return "definite"
    return "general"  # "Research shows", "studies have found"


def says_new(match: Span) -> bool:
    """The mention calls its study new ("a new study", "the latest research")."""
    ids = _ids()
    lower = columns(match.doc)[_LOWER]
    for i in range(match.start, match.end):
        if lower[i] in ids.study or lower[i] in ids.people:
            return False
        if lower[i] in ids.new:
            return True
    return False


def names_people(match: Span) -> bool:
    """The mention names researchers rather than a study ("British scientists have found")."""
    ids = _ids()
    lower = columns(match.doc)[_LOWER]
    for i in range(match.start, match.end):
        if lower[i] in ids.study:
            return False
        if lower[i] in ids.people:
            return True
    return False


def _people_kind(lower: Sequence[int], noun: int, end: int) -> str:
    """Bare "researchers": a group of its own when placed ("researchers in China") or speaking of a body of
    work ("scientists have found"); otherwise, the people of the study being reported. `end`: the mention's end."""
    ids = _ids()
    following = lower[noun + 1] if noun + 1 < len(lower) else None
    if following in ids.placed:
        return "plain"
    if any(lower[i] in ids.have for i in range(noun + 1, end)):
        return "distinct"
    return "people"


def _names(doc: Doc, start: int, end: int) -> str:
    """Which study a sentence (tokens start to end) that mentions none by a finding names: "other" ("Another
    trial is under way (Lee, 2021)"), "own" ("The new study appears in the journal Cancer"), "example" ("One
    2013 study, published in Knee Care, suggested ...") or "current".

    The first study noun that tells decides: "In the study, published in the Journal of Abnormal Psychology,
    researchers extended prior studies" names the study, not the prior ones."""
    ids = _ids()
    lower = columns(doc)[_LOWER]
    for i in range(start, end):
        if lower[i] in ids.study and not _is_name(doc, i):
            before = _determiners(doc, i)
            if before & ids.distinct and not before & ids.definite:
                return "other"
            if before & ids.new and before & ids.definite:
                return "own"
            if before & ids.definite:
                return "current"
            if before & ids.indefinite and lower[i] in ids.countable:
                return "example"  # "One 2013 study, http://..., suggested ...": a study of its own, unnamed
    return "current"


def _is_name(doc: Doc, noun: int) -> bool:
    """A capitalised study noun inside a sentence is part of a name: "Cancer Research UK", "the Nurses' Health Study"."""
    values = columns(doc)
    if not doc.vocab.strings[values[_ORTH][noun]][:1].isupper() or values[_IS_SENT_START][noun]:
        return False
    return values[_LOWER][noun] not in _ids().people


def _determiners(doc: Doc, noun: int) -> set[int]:
    """The words before a noun (as string ids) that tell which study it is, up to a break in the phrase."""
    ids = _ids()
    values = columns(doc)
    lower, punct = values[_LOWER], values[_IS_PUNCT]
    words: set[int] = set()
    i, counted = noun - 1, 0
    while i >= 0 and counted < LOOKBACK:
        if punct[i] and lower[i] not in ids.possessive and not _joins_adjectives(doc, i, noun):
            break
        if not punct[i]:
            words.add(lower[i])
            counted += 1
            if lower[i] in ids.definite or lower[i] in ids.indefinite:
                break
        elif lower[i] == ids.hyphen:
            counted -= 1  # "non-sham-controlled" is one word
        i -= 1
    return words


def _joins_adjectives(doc: Doc, i: int, noun: int) -> bool:
    """Token i is a hyphen inside a word ("placebo-controlled") or a comma between two describing words
    ("the randomized, placebo-controlled trial"), not a break in the phrase before the noun."""
    ids = _ids()
    values = columns(doc)
    lower, punct = values[_LOWER], values[_IS_PUNCT]
    if i == 0 or punct[i - 1] or i + 1 >= noun:
        return False
    if lower[i] == ids.hyphen:
        return True
    before = doc.vocab.strings[values[_ORTH][i - 1]]
    return lower[i] == ids.comma and before.isalpha() and before.islower() and before not in _NOT_ADJECTIVES


# Words before a comma that end a clause, not describe a noun: "In the past, studies found".
_NOT_ADJECTIVES = frozenset("past year years month months ago since then however also first meanwhile instead".split())


# Verbs that put a sentence in someone's mouth ("said Dr Lee", "she cited a 2010 review",
# "he added that a previous study showed"), as written, not by lemma: "Post-Traumatic Stress
# Disorder" stresses nothing, "seeking to add the results" reports nobody, and "as the Academy
# reports" needs its "as".
SPEECH = frozenset(
    """say says said tell tells told added noted explain explains explained cite cites cited write writes wrote
    stressed stressing emphasizes emphasized emphasizing emphasises emphasised emphasising insists insisted argues
    argued""".split()
)
SPEECH_AFTER_AS = frozenset("report reports reported".split())
# A view or a remark set off by commas: "The trial, she thinks, shows ...", "In addition, he adds, statins
# have been shown to ...".
BELIEF = frozenset("thinks think believes believe suspects feels argues reckons adds add notes note".split())
# Speech that is also an adjective: "little added benefit", "a noted surgeon".
ALSO_ADJECTIVES = frozenset("added noted stressed".split())
# What follows such a verb when it is speech: "he added that", "she noted in an email".
_AFTER_SPEECH = frozenset("that in by to".split())
# How far before "reports" the "as" of "as the American Academy of Pediatrics reports" may stand.
AS_REACH = 8


def said_by_someone(match: Span) -> bool:
    """The mention is relayed as someone's words: a verb of speech outside it in its sentence, or
    "according to" a person or body rather than to research ("according to Dr Lee").

    A statistic a named expert or organisation gives is theirs: the reader is told whom to ask.
    """
    doc = match.doc
    start, end = _sentence_range(doc, match.start)
    ids = _ids()
    lower = columns(doc)[_LOWER]
    if lower[match.start] == ids.according:
        # "Smokers say they have fewer infections, according to a study": the study is the source.
        return False
    for i in range(start, end):
        word = lower[i]
        if word in ids.belief and start < i - 1 and i + 1 < end and lower[i - 2] == ids.comma and lower[i + 1] == ids.comma:
            # "The trial, she thinks, demonstrates what is possible": a view set off by commas is the speaker's.
            return True
        if match.start <= i < match.end:
            continue
        if word in ids.speech and not (word in ids.also_adjectives and _before_a_noun(doc, i, end)):
            return True
        if word in ids.speech_after_as and ids.as_ in lower[max(start, i - AS_REACH) : i]:
            return True
        if word == ids.according and i + 1 < end and lower[i + 1] == ids.to and not _relays_research(lower, i + 2, min(end, i + 5)):
            return True
    return False


def _before_a_noun(doc: Doc, i: int, end: int) -> bool:
    """Token i is followed by a lower-case word ("added benefit"), as an adjective is; speech is followed by
    "that", a name, a quotation or punctuation."""
    if i + 1 >= end:
        return False
    following = doc.vocab.strings[columns(doc)[_ORTH][i + 1]]
    return following.isalpha() and following.islower() and following not in _AFTER_SPEECH


def _relays_research(lower: Sequence[int], start: int, end: int) -> bool:
    """ "according to the study", "according to researchers": research the article stands behind."""
    ids = _ids()
    return any(lower[i] in ids.study or lower[i] in ids.people for i in range(start, end))


def _sentence_range(doc: Doc, token: int) -> tuple[int, int]:
    """Token offsets of the sentence holding a token."""
    bounds = _bounds(doc)
    at = bisect_right(bounds, token) - 1
    return bounds[at], bounds[at + 1]


# A headline is short and ends without a full stop: "Mayo study shows device can help prevent migraine".
HEADLINE_WORDS = 25
_SENTENCE_END = frozenset(".!?:;\"'\u201d\u2019)")


def is_headline(block: Block) -> bool:
    """A heading, or a paragraph that reads as one (a press release's subtitle line): its promise is not a mention."""
    if block.kind == "heading":
        return True
    text = block.text.strip()
    return block.kind == "paragraph" and bool(text) and text[-1] not in _SENTENCE_END and len(text.split()) <= HEADLINE_WORDS


def in_quotation(text: str, start: int) -> bool:
    """Character `start` of a block's text lies inside a direct quotation: the speaker's words, which the writer cannot cite for them."""
    before = text[:start]
    curly = before.count("\u201c") - before.count("\u201d")
    return curly > 0 or before.count('"') % 2 == 1


def sentence_source(document: Document, block: Block, start: int, end: int, last: bool) -> str:
    """The source of a block's sentence, with the markup right after it (a "[1](url)" after the full stop)."""
    if not block.text:
        return ""
    first = block.source_offset(start)
    if last:
        line, _ = document.position(block.source_offset(len(block.text) - 1))
        stop = document.line_starts[line] if line < len(document.line_starts) else len(document.source)
    else:
        stop = block.source_offset(end)
    return document.source[first:stop]


def studies(
    document: Document,
    docs: tuple[Doc, ...],
    mentions: Iterable[Mention],
    cites: Callable[[str], bool],
    names: Callable[[str], bool] | None = None,
) -> list[Study]:
    """The studies `mentions` (in document order) make up, each marked cited where a citation reaches it.

    `names`: whether a sentence's source names where the study is (a journal, a meeting), not by a link
    alone; in boilerplate only such a citation counts ("###" then "The research is published in the NEJM").
    """
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault((mention.block, mention.sentence), []).append(mention)
    found: list[Study] = []
    current: Study | None = None
    pending = False  # a citation met before any study: it names the study the article goes on to report
    # The background study ("Research shows ...") the sentence before brought up, in its block.
    background: tuple[int, Study, str] | None = None
    # The studies a later mention referred back to ("the study", "the researchers"): the story's own.
    referred: set[int] = set()
    about: list[tuple[bool, ...]] = []  # which blocks are organisational boilerplate, judged once when first asked
    # The one study of its own ("A 2010 study of 450 children found ...") the sentence before brought up.
    last: tuple[int, Study] | None = None
    # The block of the sentence before, when it cited another study and mentioned none ("A separate
    # analysis by the same group, also published in The Lancet, looked at ..."): the study its next
    # sentence brings up ("Researchers at Sheffield University found ...") is that one.
    announced: int | None = None
    # The study the sentence before cited, in its block ("..., according to a study published in the NEJM."):
    # the researchers the next sentence names ("Researchers at Boston University have discovered ...") did it.
    just_cited: tuple[int, Study] | None = None
    for key, cited, named, source in _sentences(document, docs, cites):
        previous = last[1] if last is not None and last[0] == key[0] else None
        before_cited = just_cited[1] if just_cited is not None and just_cited[0] == key[0] else None
        just_cited = None
        other = announced == key[0]
        announced = None
        here: list[Study] = []
        for mention in by_sentence.get(key, ()):
            if here:
                # One sentence, one study: "a 2022 review of 31 studies found" names the review.
                continue
            if current is not None and _repeats(document, docs, mention, current.first):
                study = current  # a subtitle repeated as the first paragraph: one mention, said twice
            elif before_cited is not None and mention.kind == "plain" and mention.people and not cited:
                current = study = before_cited
            elif (review := _review_holding(document, docs, mention, found)) is not None:
                study = review
            else:
                current, study = _place(mention, current, found, cited)
            study.mentions.append(mention)
            here.append(study)
            if mention.kind in ("definite", "people"):
                referred.add(id(study))
            # Only a mention that refers back ("the researchers"), or the people of the study ("Researchers
            # in Denmark found ..."), is the study that citation named.
            if pending and (mention.kind in ("definite", "people") or (mention.kind == "plain" and mention.people)):
                study.cited = True
            pending = False
        prior = background
        if named == "example":
            named = "current"
            if cited and not here and prior is not None and prior[0] == key[0]:
                # "And other research has raised new concerns. One 2013 study, http://..., suggested ...":
                # the example cites the research announced, as a study mentioned by its finding would.
                text = _sentence_text(document, docs, key)
                if _topic_words(prior[2]) & _topic_words(text) or _lead_in(prior[2]):
                    prior[1].cited = True
        new = here[0] if here and here[0].first.block == key[0] and here[0].first.sentence == key[1] else None
        if other and new is not None and new.kind != "general":
            new.cited = True
        text = _sentence_text(document, docs, key) if new is not None else ""
        if cited and new is not None and _one_study(document, new) and background is not None and background[0] == key[0]:
            # "Research shows CRP predicts heart attacks. A 1997 study, published in the NEJM, was
            # the first to show CRP ...": the study cited next, on the same subject, is the research
            # the sentence before meant.
            if _topic_words(background[2]) & _topic_words(text) or _lead_in(background[2]):
                background[1].cited = True
        background = (key[0], new, text) if new is not None and _body_of_work(document, new.first) else None
        last = (key[0], new) if new is not None and new.kind == "distinct" and _one_study(document, new) else None
        if not cited:
            continue
        if not here and _in_boilerplate(document, key[0], about) and not (names is not None and names(source)):
            # A link in an "About <organisation>" section is the organisation's website, not a study's;
            # a journal named in the notes after the release's end mark is the study's.
            continue
        if here:
            for study in here:
                study.cited = True
            just_cited = (key[0], here[0])
        elif named == "source" and found:
            # A source line at the story's foot names the study the story reports.
            target = _own(found) or current or found[0]
            target.cited = True
        elif previous is not None and not previous.cited and named != "own":
            # "A 2010 study of 450 children found little effect. As reported in the journal Research in
            # Developmental Disabilities, ...": the study the sentence before brought up.
            previous.cited = True
        elif named == "own" and (_own(found) is not None or (found and _lede(found[0], found))):
            # "According to the new analysis, published in ...": the study the article reports, or the new
            # research its first sentence announced ("..., new research suggests").
            current = _own(found) or found[0]
            current.cited = True
        elif current is not None and named == "current" and not _background(document, current, found, referred):
            current.cited = True
        elif current is None or named == "current":
            # Met before any study, or after only other research ("Other studies have indicated ...
            # The researchers published their results in Neurology"): it names the study to come.
            pending = True
        else:
            announced = key[0]
    if found and not found[0].cited and (document.has_reference_list() or _sums_up_own(document, docs, found)):
        # A reference list at the foot names the study the article reports, though not where.
        found[0].cited = True
    return found


def _sums_up_own(document: Document, docs: tuple[Doc, ...], found: list[Study]) -> bool:
    """The article's first sentence ends on the research it reports ("Newer drugs are as safe as older
    ones, research shows."), and the article cites its own study later: the lede sums that study up,
    though other research came between."""
    lede = found[0].first
    own = _own(found[1:])
    if own is None or not own.cited or lede.block != _first_prose(document):
        return False
    text = document.blocks[lede.block].text
    sentence = _sentence_text(document, docs, (lede.block, lede.sentence))
    rest = text[lede.end : lede.sentence + len(sentence)]
    return lede.new or not rest.strip(" .!\n\"\u201d")


def _first_prose(document: Document) -> int | None:
    """The first paragraph of the article's prose (not a heading, not a reference list)."""
    return next(
        (i for i, block in enumerate(document.blocks) if block.kind != "heading" and not block.in_references and block.text.strip()),
        None,
    )


# How much of two sentences must be the same for the second to repeat the first.
REPEAT_CHARS = 60


def _repeats(document: Document, docs: tuple[Doc, ...], mention: Mention, first: Mention) -> bool:
    """The mention's sentence repeats, word for word, the one where the study was first mentioned, in another
    block: a press release's subtitle, then its first paragraph."""
    if mention.block == first.block or mention.end - mention.sentence != first.end - first.sentence:
        return False
    here = _sentence_text(document, docs, (mention.block, mention.sentence))
    there = _sentence_text(document, docs, (first.block, first.sentence))
    return len(here) >= REPEAT_CHARS and here[:REPEAT_CHARS] == there[:REPEAT_CHARS]


def _in_boilerplate(document: Document, index: int, judged: list[tuple[bool, ...]]) -> bool:
    """Block `index` is organisational boilerplate (every block judged once, on the first question)."""
    if not judged:
        judged.append(boilerplate_blocks(document))
    return judged[0][index]


def _restates(current: Study, found: list[Study]) -> bool:
    """A cited plain mention may restate the study being reported: not background, or the lede."""
    return current.kind not in ("distinct", "general") or _lede(current, found)


def _lede(study: Study, found: list[Study]) -> bool:
    """The article opened on this study through its people ("Scientists have found ...") or as new
    ("..., new research suggests"): a later "a study published in Nature" tells where it is."""
    return study is found[0] and (study.first.people or study.first.new)


def _body_of_work(document: Document, mention: Mention) -> bool:
    """The mention speaks of research in general ("Research shows", "other studies have suggested"), not
    of one study ("another trial", "a 2022 review"): a study cited next can be its example."""
    if mention.kind not in ("distinct", "general"):
        return False
    words = set(re.findall(r"[\w-]+", document.blocks[mention.block].text[mention.start : mention.end].lower()))
    if words & INDEFINITE or "another" in words:
        return False
    return mention.kind == "general" or bool(words & (PLURAL_STUDIES | {"research"}))


# Words too common in writing about research to show two sentences share a subject.
_NOT_TOPICS = frozenset(
    """that this with have from were which their there about more than been also some people patients
    other studies study research found show shows showed shown suggest suggests suggested after they them
    into when what would could most many such these those only first time year years published journal
    found finds report reports reported while being does their whether both less""".split()
)


# A sentence this short that says no "that ..." announces the example that follows: "And other research
# has raised new concerns. One peer-reviewed 2013 study, http://..., suggested ...".
LEAD_IN_WORDS = 8


def _lead_in(text: str) -> bool:
    """The sentence only announces research, saying nothing of its own the next one must share."""
    words = re.findall(r"[\w'-]+", text.lower())
    return len(words) <= LEAD_IN_WORDS and "that" not in words


def _topic_words(text: str) -> set[str]:
    """The longer words of a sentence that can tell its subject ("CRP", "SAMe", "depression")."""
    words = {word.lower() for word in re.findall(r"[A-Za-z][\w-]+", text) if len(word) >= 4 or word.isupper()}
    return words - _NOT_TOPICS


def _sentence_text(document: Document, docs: tuple[Doc, ...], key: tuple[int, int]) -> str:
    """The text of the sentence keyed (block, start)."""
    text = document.blocks[key[0]].text
    chars = sentence_chars(docs[key[0]])
    at = bisect_right(chars, (key[1], len(text) + 1)) - 1
    return text[chars[at][0] : chars[at][1]] if at >= 0 and chars[at][0] == key[1] else ""


def _one_study(document: Document, study: Study) -> bool:
    """A study of its own ("a 1997 study", "a 2002 analysis"), not research in general."""
    return study.kind in ("distinct", "plain") and not _body_of_work(document, study.first)


def _background(document: Document, study: Study, found: list[Study], referred: set[int]) -> bool:
    """Other research met in passing ("Other studies have indicated ..."), which a later "The results
    appear in Neurology" does not name: not one study ("A 2019 trial found ... It had 40 people
    (Lee, 2019)"), not the lede, and never referred back to ("The study, done in Sweden, found")."""
    if study.kind != "distinct" or not _body_of_work(document, study.first):
        return False
    return not _lede(study, found) and id(study) not in referred


def _first_after_lede(current: Study, found: list[Study]) -> bool:
    """The article opened on its study through its people ("..., according to Italian researchers") and
    met no other study since, nor named this one by a noun: "Their advice rests on a study that found
    ..." is that study; a second "One experiment found ..." is another."""
    return len(found) == 1 and _lede(current, found) and all(mention.people for mention in current.mentions)


def _new_and_uncited(current: Study, found: list[Study]) -> bool:
    """The article opened on its own study as new ("A new study finds ...") and has not said where it is: a
    later "According to a small study conducted by researchers at the University of Montreal" tells more of it."""
    return not current.cited and current.first.new and current is _own(found)


# Words that make a study a review of others: "a new study that reviewed clinical trials", "the meta-analysis".
REVIEW = re.compile(r"\b(?:review|reviewed|reviewing|meta-analys[ie]s|pooled analysis|systematic)\b", re.IGNORECASE)
# An example of what the review took in: "In a 2003 trial of 3,000 women, for example, ...".
EXAMPLE = re.compile(r"\bfor (?:example|instance)\b", re.IGNORECASE)


def _review_holding(document: Document, docs: tuple[Doc, ...], mention: Mention, found: list[Study]) -> Study | None:
    """The cited review the article reports, when the mention is one of the studies it took in: "A study of
    probiotics found ..." with no mark of research outside it, or "In a 2003 trial, for example, ..."."""
    own = _own(found)
    if own is None or not own.cited or mention.new or mention.kind not in ("plain", "distinct"):
        return None
    # A review by its own mentions ("a new study that reviewed clinical trials"), or by the words around this one
    # ("Several other clinical trials in the review looked at HPV testing. ...").
    near = " ".join(block.text for block in document.blocks[max(0, mention.block - 1) : mention.block + 1])
    if not REVIEW.search(near) and not any(REVIEW.search(_sentence_text(document, docs, (m.block, m.sentence))) for m in own.mentions):
        return None
    if mention.kind == "plain" or EXAMPLE.search(_sentence_text(document, docs, (mention.block, mention.sentence))):
        return own
    return None


def _own(found: list[Study]) -> Study | None:
    """The article's own study: the first it reports that is not background."""
    return next((study for study in found if study.kind not in ("distinct", "general")), None)


def _place(mention: Mention, current: Study | None, found: list[Study], cited: bool) -> tuple[Study, Study]:
    """The study a mention refers to (made new when it is one), and the study being reported after it.

    `cited`: the mention's sentence carries a citation. "Two studies published Monday in the
    Annals ..." after a lede of "new research suggests" tells where the lede's research is.
    """
    own = _own(found)
    if mention.new and mention.kind in ("plain", "definite") and own is not None:
        return own, own  # "the new study" after a paragraph on other research
    same = current is not None and (
        mention.kind in ("definite", "people")
        or (mention.kind == "plain" and not current.cited and ((cited and _restates(current, found)) or _first_after_lede(current, found)))
        or (mention.kind == "plain" and _new_and_uncited(current, found))
        or (mention.kind == "general" and cited and not current.cited and current is found[0] and current.kind == "plain")
    )
    if same:
        assert current is not None
        return current, current
    study = Study(mention, mention.kind)
    found.append(study)
    # A distinct or general mention ("another trial", "studies show") is background: the story
    # goes on with its own study.
    if mention.kind in ("distinct", "general") and current is not None:
        return current, study
    return study, study


def _sentences(
    document: Document, docs: tuple[Doc, ...], cites: Callable[[str], bool]
) -> Iterator[tuple[tuple[int, int], bool, str, str]]:
    """Each prose sentence, in order, keyed by (block, start): whether it carries a citation, (carrying
    one) which study it names (see _names), and its source."""
    for index, block in enumerate(document.blocks):
        if block.in_references or block.kind == "heading":
            continue
        doc = docs[index]
        chars = sentence_chars(doc)
        bounds = _bounds(doc)
        for number, (start, end) in enumerate(chars):
            source = sentence_source(document, block, start, end, number == len(chars) - 1)
            if SOURCE_LINE.match(source):
                # "SOURCE: Fertility and Sterility, online May 26, 2010": a news story's source line cites its own study.
                yield (index, start), True, "source", source
                continue
            cited = cites(source)
            yield (index, start), cited, _names(doc, bounds[number], bounds[number + 1]) if cited else "current", source


# A news story's source line, at its foot: "SOURCE: Fertility and Sterility, online May 26, 2010".
SOURCE_LINE = re.compile(r"\s*(?:\*\*|__)?(?:SOURCES?|Sources?)\s*:")


def _bounds(doc: Doc) -> tuple[int, ...]:
    """Token offsets where each sentence starts, then the Doc's length."""
    bounds = state(doc).sentence_bounds
    if bounds is None:
        found = list(doc.sents)
        return (*(sentence.start for sentence in found), len(doc)) if found else (0,)
    return bounds
