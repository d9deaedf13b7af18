"""Pure formatters: `render_<format>(report) -> str`. Only the CLI prints."""

from __future__ import annotations

import json
from typing import Callable

from claimcheck.html_report import render_html
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
    parts = [_text_file(file) for file in report.files if file.findings or file.error]
    parts.append(summary_line(report))
    return "\n\n".join(parts) + "\n"


def _text_file(file: FileReport) -> str:
    if file.error:
        return f"{file.path}: cannot check: {file.error}"
    return "\n".join(_text_finding(file.path, finding) for finding in file.findings)


def _text_finding(path: str, finding: Finding) -> str:
    where = f"{path}:{finding.line}:{finding.column}"
    match = f'  "{_one_line(finding.match)}"' if finding.match else ""
    lines = [f"{where}  {finding.level:<7}  {finding.category}{match}", f"    {finding.message}  [{finding.rule}]"]
    if finding.suggestion:
        lines.append(f"    suggestion: {finding.suggestion}")
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


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
    "html": render_html,
}
