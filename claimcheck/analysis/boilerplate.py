"""Press-release boilerplate: the "About the institution" paragraphs after the news, where an
organisation describes itself ("a leader in breakthrough science", "life-changing care").

Such words are the organisation's standing self-praise, not a claim about the finding the
article reports, so the overclaim rules leave them alone. A paragraph about a drug or a disease
("About Freespira", "About Major Depressive Disorder") is not boilerplate: its claims are the
release's own.
"""

from __future__ import annotations

import re

from claimcheck.source.document import Block, Document

# The end-of-release marks: "###", "# # #", "-30-".
END_MARKS = frozenset({"#", "# #", "-30-", "- 30 -", "–30–", "-###-", "###"})
# An end mark closes a release only after some news: never the title or the first paragraphs.
MIN_NEWS_BLOCKS = 3
# Words of an organisation's name in an "About ..." line.
ORGANISATION_WORDS = frozenset(
    """university universities college institute institutes hospital hospitals center centre
    centers centres foundation inc inc. plc llc ltd company companies corporation clinic clinics
    school society association system laboratory laboratories pharmaceuticals pharmaceutical
    therapeutics biosciences sciences group network council agency trust alliance academy
    organization organisation""".split()
)
# Self-description: "headquartered in", "founded in 1824", "is a leader in", "our mission".
SELF_DESCRIPTION = re.compile(
    r"\b(headquartered in|founded in \d{4}|is (?:an? |one of the )(?:[\w-]+ ){0,3}?"
    r"(?:leader in|premier|world-renowned|leading (?:provider|developer|global|academic|research|"
    r"biopharmaceutical|pharmaceutical|medical|health|center|centre|institution))|"
    r"is the (?:(?!by |of |from |for |with )[\w-]+ ){0,6}?(?:organi[sz]ation|charity|non-?profit|foundation|association|society)\b|"
    r"our mission|mission is to|for more information (?:about|on|please|visit)|please visit|"
    r"ranked (?:among|#|no\.))",
    re.IGNORECASE,
)
ABOUT_LINE_WORDS = 12
# Abbreviations that end an organisation's name: "Inc.", "Ltd.", "Co.".
NAME_ABBREVIATIONS = frozenset("Inc. Ltd. Co. Corp. LLC. L.L.C. PLC. Plc.".split())
# A heading run into the first word of its paragraph when the line break was lost.
GLUED = re.compile(r"[a-z][A-Z][a-z]")


def boilerplate_blocks(document: Document) -> tuple[bool, ...]:
    """For each block, whether it is organisational boilerplate: after the release's end mark,
    under an "About <organisation>" line, or an organisation describing itself.

    One pass over the blocks in order, so that a draft's every finding can ask in constant time.
    """
    found = []
    ended = False  # an end mark stood after the news, before this block
    about: bool | None = None  # under an "About" line: whether it names an organisation; None outside one
    for index, block in enumerate(document.blocks):
        if _about_line(block):
            about = _organisation(block.text)
        elif block.kind == "heading":
            about = None
        found.append(_describes_itself(block) or ended or bool(about))
        if index >= MIN_NEWS_BLOCKS and _end_mark(block):
            ended = True
    return tuple(found)


def _end_mark(block: Block) -> bool:
    # "###" on its own line reads as an empty heading of level 3 ("# " is an empty title).
    text = block.text.strip()
    if block.kind == "heading":
        return (not text and block.heading_level >= 3) or text in END_MARKS
    return text in END_MARKS


def _about_line(block: Block) -> bool:
    """A line "About <Name>": short and without a full stop, or run on into its paragraph
    ("About Penn State College of MedicineLocated on the campus ...")."""
    words = block.text.split()
    name = words[2:3] if len(words) > 2 and words[1] == "the" else words[1:2]
    if words[:1] != ["About"] and words[:1] != ["ABOUT"] or not name or not name[0][:1].isupper():
        return False
    # "About Palo Alto Health Sciences, Inc." ends on its name's abbreviation, not a full stop.
    full_stop = block.text.rstrip().endswith(".") and words[-1] not in NAME_ABBREVIATIONS
    short = len(words) <= ABOUT_LINE_WORDS and not full_stop
    # "About American Leprosy Missions: American Leprosy Missions, based in ...": the line run on after a colon.
    colon = any(word.endswith(":") for word in words[1 : ABOUT_LINE_WORDS + 1])
    return short or colon or any(GLUED.search(word) for word in words[1 : ABOUT_LINE_WORDS + 1])


def _organisation(text: str) -> bool:
    """The "About" line names an organisation (its first words, as a run-on paragraph may follow)."""
    words = [word.strip(",.;:()").lower() for word in text.split()[1 : ABOUT_LINE_WORDS + 1]]
    return any(word in ORGANISATION_WORDS for word in words)


def _describes_itself(block: Block) -> bool:
    return block.kind != "heading" and SELF_DESCRIPTION.search(block.text) is not None
