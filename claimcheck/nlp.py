"""The one spaCy pipeline: blank English, a sentence splitter and lower-case lookup lemmas."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

SENTENCE_BOUNDS = "claimcheck.sentence_bounds"
LEMMA_COMPONENT = "claimcheck_lemmas"
SENTENCE_COMPONENT = "claimcheck_sentences"


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spaCy's English lookup lemmas, read straight from spacy-lookups-data (no network)."""
    data = resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    with data.open("rb") as handle:
        table: dict[str, str] = json.loads(gzip.decompress(handle.read()))
    return table


def _set_lemmas(doc: Doc) -> Doc:
    # Lower-case first: the lookup table is keyed on lower-case forms, and rules should
    # not have to care whether a word opens a sentence. Done on string ids, in one array
    # write, because a Python loop over Token objects was a good share of the run time.
    if not len(doc):
        return doc
    import numpy

    known = _lemma_ids()
    lemmas = [known.get(lower) or _lemma_id(doc, lower) for lower in doc.to_array("LOWER").tolist()]
    doc.from_array(["LEMMA"], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
    return doc


def _set_sentences(doc: Doc) -> Doc:
    """spaCy's rule-based Sentencizer, step for step, on string ids rather than Token objects.

    A sentence ends after a run of sentence-final marks (and any punctuation right after
    them, such as a closing quote), where the next word starts.
    """
    if not len(doc):
        return doc
    import numpy

    enders = _sentence_enders()
    starts = [-1] * len(doc)
    start, seen_end = 0, False
    for index, (orth, punct) in enumerate(doc.to_array(["ORTH", "IS_PUNCT"]).tolist()):
        ends = orth in enders
        if seen_end and not punct and not ends:
            starts[start] = 1
            start, seen_end = index, False
        elif ends:
            seen_end = True
    starts[0] = starts[start] = 1
    # uint64, as Doc.to_array gives it: -1 (not a sentence start) wraps around.
    doc.from_array(["SENT_START"], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    doc.user_data[SENTENCE_BOUNDS] = (*(i for i, value in enumerate(starts) if value == 1), len(doc))
    return doc


def sentences(doc: Doc) -> list[Span]:
    """The sentences of a doc this pipeline made, without `doc.sents`' per-call scan of the doc."""
    bounds = doc.user_data.get(SENTENCE_BOUNDS)
    if bounds is None:
        return list(doc.sents)
    return [doc[start:end] for start, end in zip(bounds, bounds[1:])]


@lru_cache(maxsize=1)
def _sentence_enders() -> frozenset[int]:
    from spacy.pipeline import Sentencizer

    strings = pipeline().vocab.strings
    return frozenset(strings.add(mark) for mark in Sentencizer.default_punct_chars)


@lru_cache(maxsize=1)
def _lemma_ids() -> dict[int, int]:
    """Lower-case form id -> lemma id, filled in as words are met (ids are stable in a process)."""
    return {}


def _lemma_id(doc: Doc, lower: int) -> int:
    strings = doc.vocab.strings
    text = strings[lower]
    lemma: int = strings.add(lemma_table().get(text, text).lower())
    _lemma_ids()[lower] = lemma
    return lemma


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """Build the pipeline once per process; spaCy is imported only when it is first needed."""
    from spacy.lang.en import English
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(LEMMA_COMPONENT):
        SpacyLanguage.component(LEMMA_COMPONENT, func=_set_lemmas)
    if not SpacyLanguage.has_factory(SENTENCE_COMPONENT):
        SpacyLanguage.component(SENTENCE_COMPONENT, func=_set_sentences)
    nlp = English()
    # The limit guards the memory of a parser or NER model; this pipeline only tokenizes,
    # and a long paragraph (one unbroken line in a big file) must still be read.
    nlp.max_length = 2**31 - 1
    nlp.add_pipe(SENTENCE_COMPONENT)
    nlp.add_pipe(LEMMA_COMPONENT)
    return nlp


def analyze(texts: Iterable[str]) -> Iterator[Doc]:
    """Tokenize, split and lemmatize each text."""
    return pipeline().pipe(texts)


def analyze_one(text: str) -> Doc:
    """Analyze a single text."""
    return pipeline()(text)
