"""Sentence context that turns a matched phrase into something other than a claim.

A match is not asserted as fact when it is negated ("does not cure"), asked ("Can it cure
MS?"), reported and disputed ("Some clinics claim it cures MS, but ..."), or only quoted
as a word ('promises of a "miracle"'). Rules switch these on by name in `exceptions:`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck.document import Block
from claimcheck.rules import Rule

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from claimcheck.checks.base import Analysis

NEGATIONS = frozenset(
    """not n't no never nothing none neither nor cannot without nobody nowhere lack lacks
    lacked fail fails failed unable""".split()
)
# Words and marks that end the reach of a negation or an attribution.
CLAUSE_BREAKS = frozenset(",;:()—–".split() + list(",;:()—–") + "but although though however yet while whereas and".split())
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
EXCEPTIONS = ("negated", "asked", "reported", "quoted")


def negated(sentence: Span, match: Span) -> bool:
    """An odd number of negations stand before the match in its clause.

    "is not a cure" is negated; "Do not stop your medicine without talking to your doctor"
    negates twice, so the advice to talk to the doctor stands.
    """
    count = 0
    for token in reversed(sentence.doc[sentence.start : match.start]):
        if token.lower_ in CLAUSE_BREAKS:
            break
        if (token.lemma_ in NEGATIONS or token.lower_ in NEGATIONS) and not _idiom(token):
            count += 1
    return count % 2 == 1


def asked(sentence: Span, block: Block) -> bool:
    """The sentence is a question, or a heading phrased as one without its mark."""
    text = sentence.text.rstrip(" \t\"'\u201d\u2019)*_")
    if text.endswith("?"):
        return True
    first = next((t for t in sentence if not t.is_punct), None)
    return block.kind == "heading" and first is not None and first.lower_ in QUESTION_OPENERS


def reported(sentence: Span, match: Span, following: Span | None) -> bool:
    """Someone else's claim, attributed before the match and disputed nearby."""
    before = sentence.doc[sentence.start : match.start]
    if not any(_is_attribution(token) for token in before):
        return False
    after = [t for t in sentence if t.i < match.start or t.i >= match.end]
    if following is not None:
        after += list(following)
    return any(_is_dispute(token) for token in after)


def quoted(text: str, start: int, end: int) -> bool:
    """The match sits inside a short quotation: a word mentioned, not a claim made."""
    for opening, closing in QUOTES.items():
        open_at = text.rfind(opening, 0, start)
        if open_at < 0:
            continue
        if opening == closing and text.count(opening, 0, start) % 2 == 0:
            continue
        close_at = text.find(closing, end)
        if close_at >= 0 and len(text[open_at + 1 : close_at].split()) <= MAX_QUOTED_WORDS:
            return True
    return False


def exception_names(rule: Rule) -> frozenset[str]:
    """The contexts a rule's `exceptions:` key names, validated."""
    names = rule.options.get("exceptions", [])
    if not isinstance(names, list):
        raise rule.error("must be a list", "exceptions")
    unknown = [name for name in names if name not in EXCEPTIONS]
    if unknown:
        raise rule.error(f"unknown exception '{unknown[0]}' (use: {', '.join(EXCEPTIONS)})", "exceptions")
    return frozenset(names)


def excepted(wants: frozenset[str], analysis: Analysis, index: int, match: Span) -> bool:
    """The match, in block `index`, stands in one of the contexts named in `wants`."""
    sentence = match.sent
    block = analysis.document.blocks[index]
    return (
        ("negated" in wants and negated(sentence, match))
        or ("asked" in wants and asked(sentence, block))
        or ("reported" in wants and reported(sentence, match, analysis.next_sentence(index, sentence)))
        or ("quoted" in wants and quoted(block.text, match.start_char, match.end_char))
    )


def _idiom(token: Token) -> bool:
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].lower_ in NOT_NEGATING_NEXT


def _is_attribution(token: Token) -> bool:
    if token.lemma_ in ATTRIBUTIONS:
        return True
    doc = token.doc
    return token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to"


def _is_dispute(token: Token) -> bool:
    return token.lemma_ in DISPUTES or token.lower_ in DISPUTES

