"""The word classes claim analysis reads sentences with (claim_words.yml), loaded once."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import yaml


class WordClass(NamedTuple):
    """Words (lemmas, lower case) and word endings of one class."""

    words: frozenset[str]
    suffixes: tuple[str, ...] = ()

    def holds(self, lower: str, lemma: str) -> bool:
        """The word (its lower-case form and lemma) belongs to the class."""
        if lemma in self.words or lower in self.words:
            return True
        # A suffix marks a drug or a disease only on a word long enough to be one ("ms" is no "-oma").
        return len(lower) > 6 and lower.endswith(self.suffixes)


class ClaimWords(NamedTuple):
    """Every class of claim_words.yml."""

    interventions: WordClass
    background: WordClass
    agents: WordClass
    speech_always: frozenset[str]
    speech_beside: frozenset[str]
    own_speakers: frozenset[str]
    people: frozenset[str]
    effect_verbs: frozenset[str]
    body: frozenset[str]


@lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    """The word classes, read from the package (no network, once per process)."""
    data = yaml.safe_load((resources.files("claimcheck.analysis") / "claim_words.yml").read_text(encoding="utf-8"))

    def word_class(name: str) -> WordClass:
        spec = data[name]
        return WordClass(frozenset(spec["words"]), tuple(spec.get("suffixes", ())))

    speech = data["speech"]
    return ClaimWords(
        word_class("interventions"),
        word_class("background"),
        word_class("agents"),
        frozenset(speech["always"]),
        frozenset(speech["beside_speaker"]),
        frozenset(speech["own"]),
        frozenset(speech["people"]),
        frozenset(data["effect_verbs"]),
        frozenset(data["body"]),
    )
