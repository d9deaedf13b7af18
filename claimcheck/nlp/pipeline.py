"""The one spaCy pipeline: blank English, a sentence splitter and lower-case lookup lemmas."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, cast

from claimcheck.nlp.doc_state import state
from claimcheck.nlp.sorted_text import SortedText

if TYPE_CHECKING:
    import numpy
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab
    from thinc.types import Ints2d

# A Doc's token attributes worked out with the lemmas (DocState.core_columns), in this order,
# for the token patterns (claimcheck.match.matcher) to read without asking spaCy again.
CORE_ATTRS = ("LOWER", "LEMMA", "ORTH", "IS_ALPHA", "IS_PUNCT", "IS_SENT_START")
LEMMA_COMPONENT = "claimcheck_lemmas"
SENTENCE_COMPONENT = "claimcheck_sentences"
# A citation marker: "[1]", "[^2]", "[1,3]", "[2-4]", "[1][2]", or superscript digits.
# spaCy's English tokenizer leaves "life.[1]" as "life.[1" and "]", which runs the sentence
# into the next one. Split off as a prefix or suffix, a marker is one token; counted as
# punctuation, it closes its sentence as a closing quote does ("... quality of life.[1] An
# earlier trial ..."), for spaCy's Sentencizer as for the pipeline's own splitter.
_SUPERSCRIPTS = r"[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+"
# One group: spaCy joins prefixes with "^" and suffixes with "$", alternative by alternative.
CITATION_MARKER = r"(?:(?:\[\^?\d+(?:[,\u2013-]\d+)*\])+" + rf"|{_SUPERSCRIPTS}(?:[,\u2013-]{_SUPERSCRIPTS})*)"


class LemmaTable:
    """spaCy's English lookup lemmas (`form -> lemma`), looked up in the text of their JSON file.

    The file holds one `"form": "lemma",` a line, in order of the form and with nothing
    escaped; parsing its 41,000 entries into a dict took longer than linting a short draft.
    """

    def __init__(self, text: bytes) -> None:
        self._table = SortedText(text, prefix=b'    "', separator=b'": "')

    def get(self, form: str, default: str) -> str:
        """The lemma of `form`, or `default` when the table has none."""
        rest = self._table.line(form)
        return default if rest is None else rest.partition(b'"')[0].decode()


@lru_cache(maxsize=1)
def lemma_table() -> LemmaTable:
    """spaCy's English lookup lemmas, read straight from spacy-lookups-data (no network)."""
    data = resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    with data.open("rb") as handle:
        return LemmaTable(gzip.decompress(handle.read()))


def _set_lemmas(doc: Doc) -> Doc:
    _annotate([doc], sentences=False)
    return doc


def _set_sentences(doc: Doc) -> Doc:
    _annotate([doc], lemmas=False)
    return doc


def _annotate(docs: list[Doc], *, sentences: bool = True, lemmas: bool = True) -> None:
    """Set sentence starts and lemmas on docs, with the array work done once for all of them.

    A draft comes as some forty short blocks: per-block numpy calls and Python loops over
    tokens cost more than the work itself, so the docs' form ids are read into one array,
    worked on together and written back one doc at a time.
    """
    import numpy
    from spacy.attrs import LEMMA, ORTH, SENT_START

    docs = [doc for doc in docs if len(doc)]
    if not docs:
        return
    orths = numpy.concatenate([doc.to_array(ORTH) for doc in docs])
    table = _forms()
    at = table.look_up(docs[0].vocab, orths)
    lemma_ids, kinds = table.lemmas[at], table.kinds[at]
    lengths = [len(doc) for doc in docs]
    firsts = numpy.cumsum(lengths) - lengths
    attrs = [SENT_START, LEMMA] if sentences and lemmas else [SENT_START] if sentences else [LEMMA]
    values = numpy.empty((len(orths), len(attrs)), dtype=numpy.uint64)
    if sentences:
        starts = _sentence_starts(kinds, firsts, lengths)
        values[:, 0] = numpy.where(starts, numpy.uint64(1), numpy.uint64(_NOT_A_START))
    if lemmas:
        values[:, -1] = lemma_ids
    for doc, first, length in zip(docs, firsts.tolist(), lengths):
        doc.from_array(attrs, cast("Ints2d", values[first : first + length]))
    if sentences:
        _store_bounds(docs, numpy.flatnonzero(starts), firsts, lengths)
    if sentences and lemmas:
        columns = (table.lowers[at], lemma_ids, orths, table.alphas[at], table.puncts[at], starts.astype(numpy.int8))
        _store_columns(docs, columns, firsts.tolist(), lengths)


def _store_columns(docs: list[Doc], columns: tuple[numpy.ndarray, ...], firsts: list[int], lengths: list[int]) -> None:
    """Each doc's slice of the token columns that patterns read (see CORE_ATTRS).

    Kept as `array.array`s: they read like lists, and hold 8 bytes a token where a list of
    string ids holds a 32-byte int object for each (a 10 MB draft has millions of tokens).
    """
    from array import array

    # One array per column for the whole batch, then a slice (a plain copy) per doc.
    whole = [array("Q" if column.dtype.itemsize == 8 else "b", column.tobytes()) for column in columns]
    for doc, first, length in zip(docs, firsts, lengths):
        last = first + length
        state(doc).core_columns = tuple(column[first:last] for column in whole)


# SENT_START is written through uint64 columns, as Doc.to_array gives them: -1 (not a
# sentence start) wraps around.
_NOT_A_START = 2**64 - 1
_WORD, _PUNCT, _FINAL = 0, 1, 2


def _sentence_starts(kinds: numpy.ndarray, firsts: numpy.ndarray, lengths: list[int]) -> numpy.ndarray:
    """spaCy's rule-based Sentencizer, on whole columns rather than token by token.

    A sentence ends after a run of sentence-final marks (and any punctuation right after
    them, such as a closing quote), where the next word starts: a word (neither a final
    mark nor punctuation) starts a sentence when a final mark stands between it and the
    word before it in its doc. The first token of each doc starts one too.
    """
    import numpy

    words = kinds == _WORD
    positions = numpy.arange(len(kinds))
    # The last word before each token, no further back than its doc's first token.
    last_word = numpy.maximum.accumulate(numpy.where(words, positions, -1))
    previous = numpy.empty_like(last_word)
    previous[0] = -1
    previous[1:] = last_word[:-1]
    previous = numpy.maximum(previous, numpy.repeat(firsts - 1, lengths))
    # finals_before[k]: how many final marks there are among tokens 0 .. k-1.
    finals_before = numpy.concatenate(([0], numpy.cumsum(kinds == _FINAL)))
    starts: numpy.ndarray = words & (finals_before[positions] > finals_before[previous + 1])
    starts[firsts] = True
    return starts


def _store_bounds(docs: list[Doc], starts: numpy.ndarray, firsts: numpy.ndarray, lengths: list[int]) -> None:
    cuts = [*starts.searchsorted(firsts).tolist(), len(starts)]
    flat = starts.tolist()
    for doc, first, length, low, high in zip(docs, firsts.tolist(), lengths, cuts, cuts[1:]):
        state(doc).sentence_bounds = (*(start - first for start in flat[low:high]), length)


def sentences(doc: Doc) -> list[Span]:
    """The sentences of a doc this pipeline made, without `doc.sents`' per-call scan of the doc."""
    bounds = state(doc).sentence_bounds
    if bounds is None:
        return list(doc.sents)
    return spans(doc, zip(bounds, bounds[1:]))


def spans(doc: Doc, offsets: Iterable[tuple[int, int]]) -> list[Span]:
    """`doc[start:end]` for each (start, end) token offsets within the doc, made directly.

    Slicing a Doc checks and normalizes the slice in Python first, which costs twice as
    much as making the Span: on the offsets of matches that work is wasted.
    """
    span = _span_type()
    return [span(doc, start, end) for start, end in offsets]


@lru_cache(maxsize=1)
def _span_type() -> type[Span]:
    from spacy.tokens import Span

    return Span


class _FormTable:
    """The lemma id and kind of each form id met so far, in sorted arrays for look-ups in bulk.

    A Python dict costs a lookup per token; a draft's thousand tokens are looked up here
    with one searchsorted. Entries never go stale: the lexeme a string id names, and so
    its lemma and kind, do not change within a process.
    """

    def __init__(self) -> None:
        import numpy

        self.orths = numpy.empty(0, dtype=numpy.uint64)
        self.lemmas = numpy.empty(0, dtype=numpy.uint64)
        self.kinds = numpy.empty(0, dtype=numpy.int8)
        # What token patterns read besides: the lower-case form's id, is_alpha and is_punct.
        self.lowers = numpy.empty(0, dtype=numpy.uint64)
        self.alphas = numpy.empty(0, dtype=numpy.int8)
        self.puncts = numpy.empty(0, dtype=numpy.int8)

    def look_up(self, vocab: Vocab, orths: numpy.ndarray) -> numpy.ndarray:
        """Where each of a column of form ids sits in the table (adding the forms it lacks)."""
        import numpy

        at, found = self._find(orths)
        if not found.all():
            # Not numpy.unique: it imports numpy.ma, a couple of MB of memory for nothing.
            self._add(vocab, numpy.array(sorted(set(orths[~found].tolist())), dtype=numpy.uint64))
            at, _ = self._find(orths)
        return at

    def _find(self, orths: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        import numpy

        if not len(self.orths):
            return numpy.zeros(len(orths), dtype=numpy.intp), numpy.zeros(len(orths), dtype=bool)
        at = numpy.minimum(self.orths.searchsorted(orths), len(self.orths) - 1)
        return at, self.orths[at] == orths

    def _add(self, vocab: Vocab, orths: numpy.ndarray) -> None:
        import numpy

        new = orths.tolist()
        lexemes = [vocab[orth] for orth in new]
        lemmas = numpy.array([_lemma(vocab, orth) for orth in new], dtype=numpy.uint64)
        kinds = numpy.array([_kind(vocab, orth) for orth in new], dtype=numpy.int8)
        at = self.orths.searchsorted(orths)
        self.orths = numpy.insert(self.orths, at, orths)
        self.lemmas = numpy.insert(self.lemmas, at, lemmas)
        self.kinds = numpy.insert(self.kinds, at, kinds)
        self.lowers = numpy.insert(self.lowers, at, numpy.array([lex.lower for lex in lexemes], dtype=numpy.uint64))
        self.alphas = numpy.insert(self.alphas, at, numpy.array([lex.is_alpha for lex in lexemes], dtype=numpy.int8))
        self.puncts = numpy.insert(self.puncts, at, numpy.array([lex.is_punct for lex in lexemes], dtype=numpy.int8))


@lru_cache(maxsize=1)
def _forms() -> _FormTable:
    return _FormTable()


def _lemma(vocab: Vocab, orth: int) -> int:
    # Lower-case first: the lookup table is keyed on lower-case forms, and rules should
    # not have to care whether a word opens a sentence.
    text = vocab[orth].lower_
    lemma: int = vocab.strings.add(lemma_table().get(text, text).lower())
    return lemma


def _kind(vocab: Vocab, orth: int) -> int:
    return _FINAL if orth in _sentence_enders() else _PUNCT if vocab[orth].is_punct else _WORD


@lru_cache(maxsize=1)
def _sentence_enders() -> frozenset[int]:
    from spacy.pipeline import Sentencizer

    strings = pipeline().vocab.strings
    return frozenset(strings.add(mark) for mark in Sentencizer.default_punct_chars)


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """Build the pipeline once per process; spaCy is imported only when it is first needed."""
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(LEMMA_COMPONENT):
        SpacyLanguage.component(LEMMA_COMPONENT, func=_set_lemmas)
    if not SpacyLanguage.has_factory(SENTENCE_COMPONENT):
        SpacyLanguage.component(SENTENCE_COMPONENT, func=_set_sentences)
    nlp = _english()()
    # The limit guards the memory of a parser or NER model; this pipeline only tokenizes,
    # and a long paragraph (one unbroken line in a big file) must still be read.
    nlp.max_length = 2**31 - 1
    nlp.add_pipe(SENTENCE_COMPONENT)
    nlp.add_pipe(LEMMA_COMPONENT)
    return nlp


def _english() -> type[Language]:
    """spaCy's English with citation markers split off whole (see CITATION_MARKER), and "et al." kept whole.

    Given as the language's defaults, not set on the tokenizer afterwards: setting a
    tokenizer's prefixes or suffixes rebuilds its 1,300 special cases, a cost every start pays.
    """
    from spacy.attrs import IS_PUNCT, ORTH
    from spacy.lang.en import English, EnglishDefaults
    from spacy.lang.lex_attrs import is_punct

    marker = re.compile(CITATION_MARKER).fullmatch

    class Defaults(EnglishDefaults):
        prefixes = [CITATION_MARKER, *(EnglishDefaults.prefixes or ())]
        suffixes = [CITATION_MARKER, *(EnglishDefaults.suffixes or ())]
        lex_attr_getters = {**EnglishDefaults.lex_attr_getters, IS_PUNCT: lambda text: is_punct(text) or bool(marker(text))}
        # "Smith et al. found ..." is one sentence: without this, "al" and "." end it.
        tokenizer_exceptions = {**EnglishDefaults.tokenizer_exceptions, "al.": [{ORTH: "al."}]}

    return type("ClaimcheckEnglish", (English,), {"lang": "en", "Defaults": Defaults})


def analyze(texts: Iterable[str]) -> Iterator[Doc]:
    """Tokenize, split and lemmatize each text."""
    # What nlp.pipe does, minus its per-doc generator and component plumbing, with both
    # components' array work done once over all the texts (a draft's blocks are short).
    tokenizer = pipeline().tokenizer
    docs = [tokenizer(_breakable(text)) for text in texts]
    _annotate(docs)
    return iter(docs)


# spaCy's tokenizer peels punctuation off a word's end one mark at a time, searching the
# whole word again for each: a "word" of 10,000 `=` or `[` takes half a minute. No word
# is this long; a longer run has a space put in place of one character in each stretch,
# so that every offset into the text stays what it was.
LONGEST_WORD = 64
_TOO_LONG = re.compile(rf"\S{{{LONGEST_WORD}}}(?=\S)")


def _breakable(text: str) -> str:
    """`text` with every run of more than LONGEST_WORD non-space characters broken by spaces, at the same offsets."""
    if len(text) <= LONGEST_WORD or not _TOO_LONG.search(text):
        return text
    return _TOO_LONG.sub(lambda match: match.group()[:-1] + " ", text)


def analyze_one(text: str) -> Doc:
    """Analyze a single text."""
    return pipeline()(text)
