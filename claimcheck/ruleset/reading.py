"""The reading-level settings a config can give (`readability:`), and the formulas they can name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claimcheck.core.errors import ClaimcheckError

# Formulas that give a US school grade and can judge a text against the target.
FORMULAS = {
    "flesch-kincaid": "flesch_kincaid_grade",
    "smog": "smog_index",
    "coleman-liau": "coleman_liau_index",
}


METRICS = ("flesch_kincaid_grade", "smog_index", "flesch_reading_ease", "dale_chall", "coleman_liau_index")
# Each metric's name as people know it.
METRIC_NAMES = {
    "flesch_kincaid_grade": "Flesch-Kincaid",
    "smog_index": "SMOG",
    "coleman_liau_index": "Coleman-Liau",
    "dale_chall": "Dale-Chall",
    "flesch_reading_ease": "Flesch reading ease",
}


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
