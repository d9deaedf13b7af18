"""Pure formatters: `render_<format>(report) -> str`. Only the CLI prints."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from claimcheck.core.findings import FileReport, Finding, Report
from claimcheck.core.printable import printable
from claimcheck.core.reading import ReadingLevel
from claimcheck.core.text import plural
from claimcheck.output.reading_json import readability_json
from claimcheck.ruleset.reading import METRIC_NAMES

# In one line after "Flesch-Kincaid", a second "Flesch" would only be noise.
_SHORT_METRIC_NAMES = {**METRIC_NAMES, "flesch_reading_ease": "reading ease"}

JSON_VERSION = 1
_INDENT = "  "


def render_json(report: Report) -> str:
    """The JSON contract of DESIGN.md, version 1."""
    return "".join(json_parts(report))


def json_parts(report: Report) -> Iterator[str]:
    """`render_json` in pieces, one per file, so that a large run is never held as one string."""
    return json_stream(report.files, lambda: report)


def json_stream(files: Iterable[FileReport], whole: Callable[[], Report]) -> Iterator[str]:
    """`json_parts` for files that are still arriving: each is written as it comes, and
    `whole()` (the report of them all) is asked for only once they have all come."""
    yield f'{{\n  "version": {JSON_VERSION},\n  "files": ['
    number = -1
    for number, file in enumerate(files):
        yield ("\n" if number == 0 else ",\n") + _INDENT * 2 + _json_file(file)
    closing = f"\n{_INDENT}]" if number >= 0 else "]"
    yield f'{closing},\n  "summary": {dumps_indented(whole().summary(), 1)}\n}}\n'


def _json_file(file: FileReport) -> str:
    """A file's entry, as nested two levels deep in the report."""
    encode = _flat_encoder(0).encode
    items = [
        f'"path": {encode(file.path)}',
        # The findings are most of the output, so they get the fastest layout.
        f'"findings": {_flat_objects([finding.as_json() for finding in file.findings], 3)}',
        f'"readability": {dumps_indented(readability_json(file.readability), 3)}',
    ]
    if file.error:
        items.append(f'"error": {encode(file.error)}')
    inner = _INDENT * 3
    return f"{{\n{inner}" + f",\n{inner}".join(items) + f"\n{_INDENT * 2}}}"


def _flat_objects(objects: list[dict[str, Any]], depth: int) -> str:
    """`dumps_indented(objects, depth)` for objects whose values are all plain (no arrays or objects).

    One C encoder call lays out the whole array with the objects' items one per line; only the
    boundaries between objects then need their own lines and indentation.
    """
    if not objects:
        return "[]"
    outer, inner = _INDENT * (depth + 1), _INDENT * (depth + 2)
    flat = _flat_encoder(depth + 1).encode(objects)
    # A '}' right before ',' and a line break only closes an object: inside a string a line
    # break is always escaped, and a value that is a string ends with '"'.
    body = flat[2:-2].replace(f"}},\n{inner}{{", f"\n{outer}}},\n{outer}{{\n{inner}")
    return f"[\n{outer}{{\n{inner}{body}\n{outer}}}\n{_INDENT * depth}]"


def dumps_indented(value: Any, depth: int = 0) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, as if nested `depth` levels deep.

    The standard library drops to its pure-Python encoder whenever `indent` is set, building
    a small string per token; here every container of plain values goes through the C encoder
    in one call, with the line break and indentation given as its item separator.
    """
    if not isinstance(value, _CONTAINERS) or not value:
        return _flat_encoder(depth).encode(value)
    children = value.values() if isinstance(value, dict) else value
    if not any(isinstance(child, _CONTAINERS) for child in children):
        flat = _flat_encoder(depth).encode(value)
        return f"{flat[0]}\n{_INDENT * (depth + 1)}{flat[1:-1]}\n{_INDENT * depth}{flat[-1]}"
    if isinstance(value, dict) and not all(isinstance(key, str) for key in value):
        # JSON spells other keys its own way (true, 1.5, null); leave those to it.
        return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + _INDENT * depth)
    inner = _INDENT * (depth + 1)
    if isinstance(value, dict):
        encode = _flat_encoder(0).encode
        items = [f"{encode(key)}: {dumps_indented(child, depth + 1)}" for key, child in value.items()]
        opening, closing = "{", "}"
    else:
        items = [dumps_indented(child, depth + 1) for child in value]
        opening, closing = "[", "]"
    return f"{opening}\n{inner}" + f",\n{inner}".join(items) + f"\n{_INDENT * depth}{closing}"


_CONTAINERS = (dict, list, tuple)


@cache
def _flat_encoder(depth: int) -> json.JSONEncoder:
    # No `indent`, so the C encoder runs; the separator puts each item on its own line.
    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + _INDENT * (depth + 1), ": "))


def render_text(report: Report, color: bool = False) -> str:
    """Findings grouped by file, each as `path:line:col` over its quoted source line, then summaries.

    `color` adds ANSI colours; the CLI decides (terminal, NO_COLOR, --color), this stays pure.
    """
    return "".join(text_parts(report, color))


def text_parts(report: Report, color: bool = False) -> Iterator[str]:
    """`render_text` in pieces, one per file."""
    return text_stream(report.files, lambda: report, color)


def text_stream(files: Iterable[FileReport], whole: Callable[[], Report], color: bool = False) -> Iterator[str]:
    """`text_parts` for files that are still arriving (see json_stream)."""
    paint = Paint(color)
    separator = ""
    for file in files:
        if file.findings or file.error or file.readability:
            yield separator + _text_file(file, paint)
            separator = "\n\n"
    yield separator + paint(summary_line(whole()), BOLD) + "\n"


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
        return paint(printable(f"{file.path}: cannot check: {file.reason()}"), RED)
    lines = _QuotedLines(_source_lines(file.source))
    blocks = [_text_finding(file.path, finding, lines, paint) for finding in file.findings]
    reading_level = render_reading_level(file)
    if reading_level:
        blocks.append(reading_level)
    if file.findings:
        blocks.append(_file_summary(file, paint))
    return "\n\n".join(blocks)


class _QuotedLines:
    """A draft's lines as quoted under findings, each cleaned once however many findings it has."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.cleaned: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, index: int) -> str:
        if index not in self.cleaned:
            self.cleaned[index] = _clean(self.lines[index].replace("\t", " ")).rstrip()
        return self.cleaned[index]


def _source_lines(source: str | None) -> list[str]:
    if not source:
        return []
    return re.split(r"\r\n|\r|\n", source.removeprefix("\ufeff"))


def _text_finding(path: str, finding: Finding, lines: _QuotedLines, paint: Paint) -> str:
    colour = _LEVEL_COLOURS.get(finding.level, "")
    where = paint(f"{printable(path)}:{finding.line}:{finding.column}", BOLD)
    match = f'  "{_clean(_one_line(finding.match))}"' if finding.match else ""
    head = f"{where}  {paint(f'{finding.level:<7}', colour, BOLD)}  {finding.category}{match}"
    out = [head, *_quote(finding, lines, paint, colour)]
    out.append(f"    {printable(finding.message)}  {paint(f'[{printable(finding.rule)}]', DIM)}")
    if finding.suggestion:
        out.append(f"    {paint('suggestion:', GREEN)} {printable(finding.suggestion)}")
    return "\n".join(out)


def _quote(finding: Finding, lines: _QuotedLines, paint: Paint, colour: str) -> list[str]:
    """The finding's source line (a window of it, if long) with the matched words underlined."""
    if finding.scope == "document" or not 0 < finding.line <= len(lines):
        return []
    line = lines[finding.line - 1]
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
    if text.isascii():  # most quotes are, and the check costs nothing next to the sum below
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _file_summary(file: FileReport, paint: Paint) -> str:
    """`path: 1 error, 2 warnings, 0 info (overclaim 1, ...)`."""
    levels = Counter(f.level for f in file.findings)
    categories = Counter(f.category for f in file.findings)
    counts = _level_counts(levels)
    by_category = ", ".join(f"{name} {count}" for name, count in sorted(categories.items(), key=lambda i: (-i[1], i[0])))
    return f"{paint(printable(file.path), BOLD)}: {counts} ({by_category})"


def _level_counts(levels: Mapping[str, int]) -> str:
    return f"{plural(levels.get('error', 0), 'error')}, {plural(levels.get('warning', 0), 'warning')}, {levels.get('info', 0)} info"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clean(text: str) -> str:
    return _CONTROL.sub("?", text)


def render_reading_level(file: FileReport) -> str:
    """The reading-level block of one file: grade against target, every formula, hardest sentences."""
    level = file.readability
    if level is None or not level.document.words:
        return ""
    whole = level.document
    lines = [f"{printable(file.path)}: reading level {_grade_verdict(level)}"]
    if not whole.above_target:
        return lines[0]
    metrics = ", ".join(
        f"{_SHORT_METRIC_NAMES[key]} {value:g}{'*' if key in whole.too_short else ''}" for key, value in whole.metrics.items()
    )
    lines.append(f"    {whole.words} words, {plural(whole.sentences, 'sentence')}: {metrics}")
    if whole.too_short:
        lines.append("    * a rough guide: SMOG was normed on 30 sentences, the others on 100 words")
    above = [s for s in level.sections if s.level.above_target and s.level.judged]
    if above:
        lines.append("    sections above target: " + "; ".join(f"{printable(s.heading)} (line {s.line}) {s.level.grade:g}" for s in above))
    for sentence in level.hardest:
        text = printable(_one_line(sentence.text))
        text = text if len(text) <= 90 else text[:87] + "..."
        lines.append(f"    hardest {sentence.line}:{sentence.column}  grade {sentence.grade:g}  \"{text}\"")
    return "\n".join(lines)


def _grade_verdict(level: ReadingLevel) -> str:
    whole = level.document
    verdict = "above target" if whole.above_target else "at or below target"
    if whole.above_target and not whole.judged:
        verdict = "above target, but too short to judge"
    return f"grade {whole.grade:g} ({level.formula}), target {level.target:g}: {verdict}"


def summary_line(report: Report) -> str:
    """`N files checked: E errors, W warnings, I info` and any files that could not be read."""
    summary = report.summary()
    counts = _level_counts(summary["by_level"])
    # A file that could not be read was not checked: it is counted on its own, after the findings.
    line = f"{plural(summary['files'] - summary['errors_reading'], 'file')} checked: {counts}"
    if summary["errors_reading"]:
        line += f"; {plural(summary['errors_reading'], 'file')} could not be checked"
    known = sum(file.baselined for file in report.files)
    if known:
        line += f"; {plural(known, 'finding')} already in the baseline not shown"
    hidden = sum(file.hidden for file in report.files)
    if hidden:
        line += f"; {plural(hidden, 'finding')} below --min-level not shown"
    return line


GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands (`::error file=…,line=…::message`), then the summary line."""
    lines = []
    for file in report.files:
        if file.error:
            lines.append(_workflow_command("error", {"file": file.path, "title": "claimcheck"}, f"cannot check: {file.reason()}"))
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


FORMATS = ("github", "html", "json", "sarif", "text")


def formatter(name: str) -> Callable[[Report], str]:
    """The render function of a format."""
    # The review page and SARIF writers load only when asked for: a check that prints text
    # (the pre-commit hook's case) starts faster without them.
    if name == "html":
        from claimcheck.output.html import render_html

        return render_html
    if name == "sarif":
        from claimcheck.output.sarif import render_sarif

        return render_sarif
    return {"github": render_github, "json": render_json, "text": render_text}[name]


# Formats whose output can be written a file at a time while later files are still being linted.
STREAMED = ("json", "text")


def stream_parts(name: str, files: Iterable[FileReport], whole: Callable[[], Report], color: bool = False) -> Iterator[str]:
    """The output of a STREAMED format for files still arriving; `whole()` gives the report of them all at the end."""
    if name == "json":
        return json_stream(files, whole)
    return text_stream(files, whole, color)


def render_parts(name: str, report: Report, color: bool = False) -> Iterable[str]:
    """The output of a format as pieces to write in turn: json and text come a file at a time."""
    if name == "json":
        return json_parts(report)
    if name == "text":
        return text_parts(report, color)
    return (formatter(name)(report),)
