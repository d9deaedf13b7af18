"""Pure formatters: `render_<format>(report) -> str`. Only the CLI prints."""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping

from claimcheck.report import FileReport, Finding, Report

JSON_VERSION = 1


def render_json(report: Report) -> str:
    """The JSON contract of DESIGN.md, version 1."""
    files = []
    for file in report.files:
        entry: dict[str, object] = {
            "path": file.path,
            "findings": [finding.as_json() for finding in file.findings],
            "readability": file.readability,
        }
        if file.error:
            entry["error"] = file.error
        files.append(entry)
    payload = {"version": JSON_VERSION, "files": files, "summary": report.summary()}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def render_text(report: Report) -> str:
    """Findings grouped by file, each as `path:line:col`, then a one-line summary."""
    parts = [_text_file(file) for file in report.files if file.findings or file.error or file.readability]
    parts.append(summary_line(report))
    return "\n\n".join(parts) + "\n"


def _text_file(file: FileReport) -> str:
    if file.error:
        return f"{file.path}: cannot check: {file.error}"
    findings = "\n".join(_text_finding(file.path, finding) for finding in file.findings)
    return "\n".join(part for part in (findings, render_reading_level(file)) if part)


def _text_finding(path: str, finding: Finding) -> str:
    where = f"{path}:{finding.line}:{finding.column}"
    match = f'  "{_one_line(finding.match)}"' if finding.match else ""
    lines = [f"{where}  {finding.level:<7}  {finding.category}{match}", f"    {finding.message}  [{finding.rule}]"]
    if finding.suggestion:
        lines.append(f"    suggestion: {finding.suggestion}")
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_reading_level(file: FileReport) -> str:
    """The reading-level block of one file: grade against target, every formula, hardest sentences."""
    level = file.readability
    if not level or not level["words"]:
        return ""
    lines = [f"{file.path}: reading level {_grade_verdict(level)}"]
    if not level["above_target"]:
        return lines[0]
    names = {"flesch_kincaid_grade": "Flesch-Kincaid", "smog_index": "SMOG", "flesch_reading_ease": "reading ease",
             "dale_chall": "Dale-Chall", "coleman_liau_index": "Coleman-Liau"}
    metrics = ", ".join(f"{names[key]} {value:g}{'*' if key in level['too_short'] else ''}" for key, value in level["metrics"].items())
    lines.append(f"    {level['words']} words, {_plural(level['sentences'], 'sentence')}: {metrics}")
    if level["too_short"]:
        lines.append("    * a rough guide: SMOG was normed on 30 sentences, the others on 100 words")
    above = [s for s in level["sections"] if s["above_target"] and s["judged"]]
    if above:
        lines.append("    sections above target: " + "; ".join(f"{s['heading']} (line {s['line']}) {s['grade']:g}" for s in above))
    for sentence in level["hardest"]:
        text = _one_line(sentence["text"])
        text = text if len(text) <= 90 else text[:87] + "..."
        lines.append(f"    hardest {sentence['line']}:{sentence['column']}  grade {sentence['grade']:g}  \"{text}\"")
    return "\n".join(lines)


def _grade_verdict(level: Mapping[str, Any]) -> str:
    verdict = "above target" if level["above_target"] else "at or below target"
    if level["above_target"] and not level["judged"]:
        verdict = "above target, but too short to judge"
    return f"grade {level['grade']:g} ({level['formula']}), target {level['target']:g}: {verdict}"


def summary_line(report: Report) -> str:
    """`N files checked: E errors, W warnings, I info` and any files that could not be read."""
    summary = report.summary()
    levels = summary["by_level"]
    counts = f"{_plural(levels['error'], 'error')}, {_plural(levels['warning'], 'warning')}, {levels['info']} info"
    line = f"{_plural(summary['files'], 'file')} checked: {counts}"
    if summary["errors_reading"]:
        line += f"; {_plural(summary['errors_reading'], 'file')} could not be checked"
    return line


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


FORMATTERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
}
