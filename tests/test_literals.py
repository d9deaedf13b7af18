"""Screening a regex by the text its matches must hold finds exactly what the regex finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from claimcheck.match.literals import AnyOf, Screened, required_text

RULES = Path(__file__).resolve().parents[1] / "rules"

TEXTS = [
    "",
    "The study appears in the Journal of Pain.",
    "It was published Wednesday in Neurology (doi:10.1000/xyz).",
    "PMID: 12345 and PMC777 and NCT01234567.",
    "(Smith et al., 2019) found it, as did JAMA and the BMJ.",
    "Xdoi: no boundary; journal of the X; fdoi:1.",
    "presented at the American Heart Association's annual meeting",
    "a footnote\u00b3 and <sup>4</sup> and [2, 3]",
    "abc ABC xyz cd acd bcd",
    "Research shows it works.",
]


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (r"\bdoi:\s*\S+", ("doi:",)),
        (r"\b(?:JAMA|NEJM)\b", ("JAMA", "NEJM")),
        (r"\b[Jj]ournal,?\s+of", ("ournal",)),
        (r"(?:ab)?cd", ("cd",)),
        (r"\bx(?i:abc)", ("x",)),
        (r"[\u00b9\u00b2]", ("\u00b9", "\u00b2")),
    ],
)
def test_required_text(pattern: str, texts: tuple[str, ...]) -> None:
    assert required_text(re.compile(pattern)) == texts


@pytest.mark.parametrize("pattern", [r"(?i)abc", r"a|", r"\w+", r"[^ab]", r"a{0,2}b?", r"\[\d+\]"])
def test_nothing_required_or_already_fast(pattern: str) -> None:
    # Case-blind, possibly empty, or a class: no text to screen by; a leading text `re` finds itself.
    assert required_text(re.compile(pattern)) is None


def patterns() -> list[str]:
    found = [r"\bdoi:\s*\S+", r"\b(?:JAMA|NEJM|BMJ)\b", r"\b[A-Z][\w&-]*\s+Journal\b", r"(?i)journal", r"\b(?:a|b)cd"]
    # Every cited-by expression of the packs too: they are what the screen is for.
    for path in RULES.glob("*/*.yml"):
        found.extend((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cited-by", []))
    assert len(found) > 10
    return found


def test_screened_finds_what_the_regex_finds() -> None:
    for pattern in patterns():
        regex = re.compile(pattern, re.MULTILINE)
        screened = Screened(regex)
        for text in TEXTS:
            assert screened.search(text) == (regex.search(text) is not None), (pattern, text)


def test_any_of_finds_what_the_regexes_find() -> None:
    regexes = [re.compile(pattern, re.MULTILINE) for pattern in patterns()]
    together = AnyOf(regexes)
    for text in TEXTS:
        assert together.search(text) == any(regex.search(text) for regex in regexes), text
    # A text that holds a screening text inside a longer one ("Journal" holds "ournal") still counts.
    journal = AnyOf([re.compile(r"\bJournal of X"), re.compile(r"\b[Jj]ournal,?\s+(?:of\s+)?(?:the\s+)?[A-Z]")])
    assert journal.search("the journal, the Lancet") and journal.search("Journal of X") and not journal.search("a journal")
