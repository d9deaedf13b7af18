"""The `readability` object of a file in the JSON report (the contract other tools read)."""

from __future__ import annotations

from typing import Any

from claimcheck.core.reading import HardSentence, ProseLevel, ReadingLevel


def readability_json(level: ReadingLevel | None) -> dict[str, Any] | None:
    """The `readability` object of a file in the JSON report; None for a file with no prose."""
    if level is None:
        return None
    result: dict[str, Any] = {"target": _plain_number(level.target), "formula": level.formula, **_prose(level.document)}
    result["sections"] = [{"heading": s.heading, "line": s.line, **_prose(s.level)} for s in level.sections]
    result["hardest"] = [_sentence(s) for s in level.hardest]
    return result


def _prose(level: ProseLevel) -> dict[str, Any]:
    return {
        "grade": level.grade,
        "above_target": level.above_target,
        "judged": level.judged,
        "words": level.words,
        "sentences": level.sentences,
        "metrics": dict(level.metrics),
        "too_short": list(level.too_short),
    }


def _sentence(sentence: HardSentence) -> dict[str, Any]:
    return {"line": sentence.line, "column": sentence.column, "grade": sentence.grade, "words": sentence.words, "text": sentence.text}


def _plain_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
