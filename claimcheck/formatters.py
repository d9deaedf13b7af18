"""Pure formatters: `render_<format>(report) -> str`. Only the CLI prints."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from claimcheck.html_report import render_html
from claimcheck.report import FileReport, Finding, Report
from claimcheck.sarif import render_sarif

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


def render_text(report: Report, color: bool = False) -> str:
    """Findings grouped by file, each as `path:line:col` over its quoted source line, then summaries.

    `color` adds ANSI colours; the CLI decides (terminal, NO_COLOR, --color), this stays pure.
    """
    paint = Paint(color)
    parts = [_text_file(file, paint) for file in report.files if file.findings or file.error or file.readability]
    parts.append(paint(summary_line(report), BOLD))
    return "\n\n".join(parts) + "\n"


RED, YELLOW, CYAN, GREEN, BOLD, DIM = "31", "33", "36", "32", "1", "2"
_LEVEL_COLOURS = {"error": RED, "warning": YELLOW, "info": CYAN}
_QUOTE_WIDTH = 100
# Control characters from a draft must not reach the terminal (an ESC could restyle it).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Paint:
    """ANSI styling that is a no-op when colour is off."""

    enabled: bool

    def __call__(self, text: str, *codes: str) -> str:
        if not self.enabled or not codes or not text:
            return text
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"


def _text_file(file: FileReport, paint: Paint) -> str:
    if file.error:
        return paint(f"{file.path}: cannot check: {file.error}", RED)
    lines = _source_lines(file.source)
    blocks = [_text_finding(file.path, finding, lines, paint) for finding in file.findings]
    reading_level = render_reading_level(file)
    if reading_level:
        blocks.append(reading_level)
    if file.findings:
        blocks.append(_file_summary(file, paint))
    return "\n\n".join(blocks)


def _source_lines(source: str | None) -> list[str]:
    if not source:
        return []
    return re.split(r"\r\n|\r|\n", source.removeprefix("\ufeff"))


def _text_finding(path: str, finding: Finding, lines: list[str], paint: Paint) -> str:
    colour = _LEVEL_COLOURS.get(finding.level, "")
    where = paint(f"{path}:{finding.line}:{finding.column}", BOLD)
    match = f'  "{_clean(_one_line(finding.match))}"' if finding.match else ""
    head = f"{where}  {paint(f'{finding.level:<7}', colour, BOLD)}  {finding.category}{match}"
    out = [head, *_quote(finding, lines, paint, colour)]
    out.append(f"    {finding.message}  {paint(f'[{finding.rule}]', DIM)}")
    if finding.suggestion:
        out.append(f"    {paint('suggestion:', GREEN)} {finding.suggestion}")
    return "\n".join(out)


def _quote(finding: Finding, lines: list[str], paint: Paint, colour: str) -> list[str]:
    """The finding's source line (a window of it, if long) with the matched words underlined."""
    if finding.scope == "document" or not 0 < finding.line <= len(lines):
        return []
    line = _clean(lines[finding.line - 1].replace("\t", " ")).rstrip()
    start = min(finding.column - 1, len(line))
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    end = min(max(end, start + 1), max(len(line), start + 1))
    low = 0 if len(line) <= _QUOTE_WIDTH else max(0, min(start - 30, len(line) - _QUOTE_WIDTH))
    high = max(min(len(line), low + _QUOTE_WIDTH), min(end, len(line)))
    lead, tail = ("…" if low > 0 else ""), ("…" if high < len(line) else "")
    shown = f"{lead}{line[low:start]}{paint(line[start:end], colour, BOLD)}{line[end:high]}{tail}"
    carets = " " * (len(lead) + _width(line[low:start])) + paint("^" * _width(line[start:end]), colour, BOLD)
    return [f"    {shown}", f"    {carets}"]


def _width(text: str) -> int:
    """Terminal columns of `text`: wide (East Asian, emoji) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _file_summary(file: FileReport, paint: Paint) -> str:
    """`path: 1 error, 2 warnings, 0 info (overclaim 1, ...)`."""
    levels = Counter(f.level for f in file.findings)
    categories = Counter(f.category for f in file.findings)
    counts = _level_counts(levels)
    by_category = ", ".join(f"{name} {count}" for name, count in sorted(categories.items(), key=lambda i: (-i[1], i[0])))
    return f"{paint(file.path, BOLD)}: {counts} ({by_category})"


def _level_counts(levels: Mapping[str, int]) -> str:
    return f"{_plural(levels.get('error', 0), 'error')}, {_plural(levels.get('warning', 0), 'warning')}, {levels.get('info', 0)} info"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clean(text: str) -> str:
    return _CONTROL.sub("?", text)


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
    counts = _level_counts(summary["by_level"])
    line = f"{_plural(summary['files'], 'file')} checked: {counts}"
    if summary["errors_reading"]:
        line += f"; {_plural(summary['errors_reading'], 'file')} could not be checked"
    known = sum(file.baselined for file in report.files)
    if known:
        line += f"; {_plural(known, 'finding')} already in the baseline not shown"
    return line


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands (`::error file=…,line=…::message`), then the summary line."""
    lines = []
    for file in report.files:
        if file.error:
            lines.append(_workflow_command("error", {"file": file.path, "title": "claimcheck"}, f"cannot check: {file.error}"))
        lines.extend(_github_finding(file.path, finding) for finding in file.findings)
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _github_finding(path: str, finding: Finding) -> str:
    where: dict[str, object] = {"file": path, "line": finding.line}
    if finding.scope != "document" and finding.line == finding.end_line:
        # GitHub takes columns only within one line, and its end column is inclusive.
        where.update(col=finding.column, endColumn=max(finding.end_column - 1, finding.column))
    elif finding.scope != "document":
        where["endLine"] = finding.end_line
    where["title"] = f"claimcheck {finding.rule} ({finding.category})"
    message = finding.message + (f"\nSuggestion: {finding.suggestion}" if finding.suggestion else "")
    return _workflow_command(GITHUB_LEVELS[finding.level], where, message)


def _workflow_command(command: str, properties: dict[str, object], message: str) -> str:
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{command} {listed}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape a workflow command's message as GitHub's runner reads it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: as data, plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


FORMATTERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "html": render_html,
}
