"""The spaCy pipeline: a batch of texts is analysed exactly as each text would be on its own."""

from __future__ import annotations

import gzip
import json
from importlib import resources

from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.nlp.doc_state import state
from claimcheck.nlp.pipeline import (
    analyze,
    analyze_one,
    lemma_table,
    pipeline,
    sentences,
)

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT = st.lists(
    st.sampled_from(
        list(".!?。…\"')(:;-— \t\nabcXY12")
        + ["Dr.", "e.g.", "U.S.", "...", " It ", "?!", "Was", "mice", "[1]", "[^2]", "[1,3]", "\u00b9", "et al.", "["]
    ),
    max_size=30,
).map("".join)


def _sentencizer_starts(text: str) -> list[int]:
    from spacy.pipeline import Sentencizer

    reference = Sentencizer()(pipeline().make_doc(text))
    return [sentence.start for sentence in reference.sents] if len(reference) else []


def _annotations(doc) -> list[tuple[str, str, bool, str]]:
    return [(token.text, token.whitespace_, bool(token.is_sent_start), token.lemma_) for token in doc]


@SETTINGS
@given(st.lists(st.one_of(TEXT, st.text(max_size=30)), max_size=6))
def test_a_batch_is_analysed_as_its_texts_are_one_by_one(texts):
    docs = list(analyze(texts))
    assert [doc.text for doc in docs] == texts
    for text, doc in zip(texts, docs):
        assert [sentence.start for sentence in sentences(doc)] == _sentencizer_starts(text)
        assert _annotations(doc) == _annotations(analyze_one(text))


def test_a_sentence_end_does_not_carry_over_into_the_next_text():
    first, second, empty = analyze(["It works.", '"Maybe" not', ""])
    assert not len(empty)
    assert [sentence.text for sentence in sentences(second)] == ['"Maybe" not']
    assert [sentence.text for sentence in sentences(first)] == ["It works."]


def test_lemmas_are_lower_case_lookups():
    (doc,) = analyze(["Mice Were treated"])
    assert [token.lemma_ for token in doc] == ["mouse", "be", lemma_table().get("treated", "treated")]


def test_stored_columns_are_what_spacy_reports_for_each_token() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.md"))] + ["", "Hi!", "2020: it's (really) fine…"]
    docs = list(analyze(texts))
    for doc in docs:
        if not len(doc):
            continue
        columns = state(doc).core_columns
        assert columns is not None
        expected = doc.to_array(["LOWER", "LEMMA", "ORTH", "IS_ALPHA", "IS_PUNCT"]).T.tolist()
        assert [list(column) for column in columns[:5]] == expected
        assert list(columns[5]) == [int(token.is_sent_start) for token in doc]
    assert sum(len(doc) for doc in docs) > 2000


def test_lemma_table_read_in_its_text_agrees_with_the_json_for_every_form():
    data = resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    reference = json.loads(gzip.decompress(data.read_bytes()))
    table = lemma_table()
    assert len(reference) > 40_000
    assert all(table.get(form, "") == lemma for form, lemma in reference.items())
    # Neighbours of every form in sort order, other cases, and texts no form can be.
    probes = {"", " ", "\n", '"', "é", "\udc80", "a(2)", "two words"}
    for form in reference:
        probes.update((form[:-1], form + "a", form.upper(), form.lower(), '"' + form, form + '"'))
    probes -= reference.keys()
    assert not [probe for probe in probes if table.get(probe, "missing") != "missing"]


def test_a_citation_marker_after_a_full_stop_closes_its_sentence():
    text = (
        "It found no clear effect on quality of life.[1] An earlier trial reported gains.[^2] "
        "Pain fell.\u00b9 Then it rose.[2,3] See [4] here. Done."
    )
    assert [s.text for s in sentences(analyze_one(text))] == [
        "It found no clear effect on quality of life.[1]",
        "An earlier trial reported gains.[^2]",
        "Pain fell.\u00b9",
        "Then it rose.[2,3]",
        "See [4] here.",
        "Done.",
    ]
    # One token each, which spaCy's Sentencizer reads the same way.
    assert "[1]" in [token.text for token in analyze_one(text)]
    assert [start for start in _sentencizer_starts(text)] == [s.start for s in sentences(analyze_one(text))]


def test_et_al_does_not_end_a_sentence():
    text = "Smith et al. found less pain. Lee et al. (2020) did not."
    assert [s.text for s in sentences(analyze_one(text))] == ["Smith et al. found less pain.", "Lee et al. (2020) did not."]
