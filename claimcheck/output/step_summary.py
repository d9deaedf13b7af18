"""A Markdown step summary for GitHub Actions: every finding, where annotations stop at about ten a level.

Pure: the CLI appends the text to the file GitHub names in GITHUB_STEP_SUMMARY.
"""

from __future__ import annotations

from claimcheck.core.findings import Report
from claimcheck.output.formatters import summary_line

_HEADER = "| File | Line | Level | Rule | Message |\n| --- | ---: | --- | --- | --- |\n"


def render_step_summary(report: Report) -> str:
    """A Markdown section: the run's summary line, then a table of every finding and unreadable file."""
    rows = []
    for file in report.files:
        if file.error:
            rows.append(_row(file.path, "", "error", "", f"cannot check: {file.reason()}"))
        for finding in file.findings:
            message = finding.message + (f" Suggestion: {finding.suggestion}" if finding.suggestion else "")
            rows.append(_row(file.path, str(finding.line), finding.level, finding.rule, message))
    table = _HEADER + "".join(rows) if rows else "No findings.\n"
    return f"## claimcheck\n\n{_cell(summary_line(report))}\n\n{table}\n"


def _row(path: str, line: str, level: str, rule: str, message: str) -> str:
    rule_cell = f"`{_code(rule)}`" if rule else ""
    return f"| `{_code(path)}` | {line} | {level} | {rule_cell} | {_cell(message)} |\n"


def _cell(text: str) -> str:
    """Text for a table cell: one line, no pipe that would split the cell, no HTML from a draft."""
    text = " ".join(text.split())
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;")):
        text = text.replace(char, entity)
    return text


def _code(text: str) -> str:
    """Text for an inline code span in a cell: entities do not work there, so pipes and backticks are replaced."""
    return " ".join(text.split()).replace("|", "¦").replace("`", "'")
