"""claimcheck's token-pattern matcher gives exactly what spaCy's Matcher gives.

Rules are written in spaCy's pattern language and validated by spaCy; claimcheck runs the
patterns it can over attribute arrays (claimcheck.match.matcher). These tests hold it to
spaCy's own Matcher: every pattern of every built-in rule over every block of the corpus,
and random patterns over random texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from claimcheck.checks.patterns import _Pattern
from claimcheck.match.matcher import compile_pattern
from claimcheck.nlp.pipeline import analyze, pipeline
from claimcheck.ruleset.parse import builtin_rules_dir, discover, load_yaml
from claimcheck.source.document import parse

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def spacy_matches(pattern: list[dict[str, Any]], doc: Any) -> set[tuple[int, int]]:
    """What spaCy's Matcher finds for one pattern."""
    matcher = Matcher(pipeline().vocab)
    matcher.add("p", [pattern])
    return {(start, end) for _, start, end in matcher(doc)}


def ours(pattern: list[dict[str, Any]], doc: Any) -> set[tuple[int, int]]:
    """What claimcheck's matcher finds for the same pattern (it must accept it)."""
    strings = pipeline().vocab.strings
    compiled = compile_pattern(pattern, strings.add, strings)
    assert compiled is not None, pattern
    found = compiled.find(doc)
    assert len(found) == len(set(found)), "a match reported twice"
    return set(found)


def rule_patterns() -> list[tuple[str, list[dict[str, Any]]]]:
    """Every token pattern written in a built-in rule file (under any `patterns:` key), named by rule."""
    found = []
    for rule_id, path in discover(builtin_rules_dir()):
        found += [(rule_id, _plain(pattern)) for pattern in _patterns_in(load_yaml(path))]
    return found


def _patterns_in(value: Any) -> list[Any]:
    if isinstance(value, dict):
        listed = value.get("patterns")
        found = list(listed) if isinstance(listed, list) else []
        return found + [p for key, item in value.items() if key != "patterns" for p in _patterns_in(item)]
    return []


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


@pytest.fixture(scope="module")
def corpus_docs() -> list[Any]:
    """One Doc per prose block of every corpus draft."""
    docs = []
    for path in sorted(CORPUS.glob("*.md")) + sorted(CORPUS.glob("*.txt")):
        document = parse(str(path), path.read_text(encoding="utf-8"))
        docs += [doc for doc in analyze(block.text for block in document.blocks) if len(doc)]
    return docs


def test_every_rule_pattern_matches_as_spacy_does_over_the_corpus(corpus_docs: list[Any]) -> None:
    patterns = rule_patterns()
    assert len(patterns) > 50 and {rule for rule, _ in patterns} >= {"evidence.unhedged", "evidence.uncited-study", "claims.cure"}
    matched = 0
    for rule, pattern in patterns:
        for doc in corpus_docs:
            expected = spacy_matches(pattern, doc)
            assert ours(pattern, doc) == expected, (rule, pattern, doc.text)
            matched += len(expected)
    assert matched > 200  # the comparison covers real matches, not only empty results


VOCABULARY = ["a", "The", "study", "studies", "cures", "cure", "may", "not", "MS", ",", ".", "2020", "Pain", "is", "help"]
TOKEN_SPECS = st.sampled_from(
    [
        {},
        {"LOWER": "the"},
        {"LOWER": "a"},
        {"ORTH": "Pain"},
        {"TEXT": "MS"},
        {"LEMMA": "study"},
        {"LEMMA": "cure"},
        {"LOWER": {"IN": ["cures", "cure", "help"]}},
        {"LOWER": {"NOT_IN": ["not", "may"]}},
        {"LEMMA": {"IN": ["study", "be"]}},
        {"IS_ALPHA": True},
        {"IS_PUNCT": True},
        {"IS_PUNCT": False},
        {"IS_DIGIT": True},
        {"IS_SENT_START": True},
        {"IS_TITLE": True},
        {"TEXT": {"REGEX": "^(19|20)\\d\\d$"}},
        {"LOWER": {"REGEX": "ur"}},
        {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["a", "is"]}},
    ]
)
OPS = st.sampled_from([None, "?", "*", "+", "{2}", "{0,2}", "{1,3}", "{2,}", "{,2}"])


@st.composite
def patterns(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A random pattern in the part of spaCy's language claimcheck runs itself."""
    tokens = []
    for _ in range(draw(st.integers(1, 4))):
        token = dict(draw(TOKEN_SPECS))
        op = draw(OPS)
        if op is not None:
            token["OP"] = op
        tokens.append(token)
    return tokens


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patterns(), st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14))
def test_random_patterns_match_as_spacy_does(pattern: list[dict[str, Any]], words: list[str]) -> None:
    doc = next(analyze([" ".join(words)]))
    assert ours(pattern, doc) == spacy_matches(pattern, doc)


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "not", "OP": "!"}, {"LEMMA": "cure"}, {"LOWER": "ms"}],
        [{"_": {"flag": True}}],
        [{"LENGTH": {">=": 4}}],
        [{"LOWER": {"FUZZY": "cure"}}],
        [{"DEP": "nsubj"}],
    ],
)
def test_patterns_it_cannot_run_are_left_to_spacy(pattern: list[dict[str, Any]]) -> None:
    strings = pipeline().vocab.strings
    assert compile_pattern(pattern, strings.add, strings) is None


def test_a_pattern_left_to_spacy_still_finds_its_matches() -> None:
    pattern = [{"LOWER": "not", "OP": "!"}, {"LEMMA": "cure"}, {"LOWER": "ms"}]
    matcher = Matcher(pipeline().vocab)
    matcher.add("p", [pattern])
    fallback = _Pattern(matcher, pattern)
    doc = next(analyze(["It does not cure MS, but they say it cures MS."]))
    words = frozenset().union(*(allowed for _, allowed in fallback.needs))
    assert fallback.compiled is None
    assert [doc[start:end].text for start, end in fallback.find(doc, words)] == ["it cures MS"]
