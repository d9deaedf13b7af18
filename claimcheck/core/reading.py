"""The reading level of one file as the report carries it: typed values, turned into JSON only by the output."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProseLevel:
    """The reading level of a stretch of prose: the whole draft or one section."""

    grade: float | None
    above_target: bool
    judged: bool
    words: int
    sentences: int
    metrics: Mapping[str, float]
    too_short: tuple[str, ...]


@dataclass(frozen=True)
class SectionLevel:
    """A section of the draft: its heading, the line of the heading, and how it reads."""

    heading: str
    line: int
    level: ProseLevel


@dataclass(frozen=True)
class HardSentence:
    """One of the hardest sentences, where it starts and how hard it reads."""

    line: int
    column: int
    grade: float
    words: int
    text: str


@dataclass(frozen=True)
class ReadingLevel:
    """A file's reading level against the target set by the config."""

    target: float
    formula: str
    document: ProseLevel
    sections: tuple[SectionLevel, ...]
    hardest: tuple[HardSentence, ...]

    @classmethod
    def from_plain(cls, data: Mapping[str, Any]) -> ReadingLevel:
        """Rebuild a value that `dataclasses.asdict` flattened (the cache stores it so)."""
        return cls(
            data["target"],
            data["formula"],
            _prose(data["document"]),
            tuple(SectionLevel(s["heading"], s["line"], _prose(s["level"])) for s in data["sections"]),
            tuple(HardSentence(**s) for s in data["hardest"]),
        )


def _prose(data: Mapping[str, Any]) -> ProseLevel:
    return ProseLevel(**{**data, "too_short": tuple(data["too_short"])})
