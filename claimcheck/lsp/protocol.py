"""Reports as the protocol shows them: diagnostics, code actions, hovers and reading-level hints."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lsprotocol import types

from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import Finding
from claimcheck.core.reading import ProseLevel
from claimcheck.core.rule import Rule
from claimcheck.lsp.checker import Checked
from claimcheck.lsp.positions import Lines, Position
from claimcheck.source.document import split_front_matter

SOURCE = "claimcheck"
EXPLAIN_COMMAND = "claimcheck.explainRule"
CONFIG_CODE = "claimcheck.config"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
# A list item, heading, quote, comment or fence starts a block of its own.
_BLOCK_START = re.compile(r"\s*(?:[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|<!--|```|~~~)")
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.claimcheck"


def _range(start: Position, end: Position) -> types.Range:
    return types.Range(types.Position(*start), types.Position(*end))


def finding_range(finding: Finding, lines: Lines) -> types.Range:
    """Where a finding is: its span, or the whole first line for a document-level finding."""
    if finding.scope == "document":
        return _range((0, 0), lines.end_of_line(0))
    return _range(lines.from_column(finding.line, finding.column), lines.from_column(finding.end_line, finding.end_column))


def diagnostics(checked: Checked, lines: Lines) -> list[types.Diagnostic]:
    """The diagnostics of a checked draft (one at the top when its config cannot be used)."""
    if checked.report is None:
        error = checked.rules.error
        message = f"not checked: the config cannot be used ({error})" if error else "not checked"
        return [_top(lines, message, CONFIG_CODE)]
    if checked.report.error:
        return [_top(lines, f"not checked: {checked.report.reason()}", "claimcheck.internal")]
    return [diagnostic(finding, checked.rules.rule(finding.rule), lines) for finding in checked.report.findings]


def _top(lines: Lines, message: str, code: str) -> types.Diagnostic:
    return types.Diagnostic(
        _range((0, 0), lines.end_of_line(0)), message, severity=types.DiagnosticSeverity.Error, code=code, source=SOURCE
    )


def diagnostic(finding: Finding, rule: Rule | None, lines: Lines) -> types.Diagnostic:
    """One finding as a diagnostic: severity from its level, code from its rule, a link when the rule has one."""
    link = types.CodeDescription(href=rule.link) if rule and rule.link else None
    message = finding.message
    if finding.suggestion and finding.suggestion not in message:
        message += f" Suggestion: {finding.suggestion}"
    return types.Diagnostic(
        finding_range(finding, lines),
        message,
        severity=SEVERITY[finding.level],
        code=finding.rule,
        code_description=link,
        source=SOURCE,
    )


def config_diagnostic(error: ClaimcheckError, lines: Lines) -> types.Diagnostic:
    """A config (or rule) file's error, on the line it names (the whole line), or on the first."""
    line = max((error.line or 1) - 1, 0)
    return types.Diagnostic(
        _range((line, 0), lines.end_of_line(line)), error.reason, severity=types.DiagnosticSeverity.Error,
        code=CONFIG_CODE, source=SOURCE,
    )


def overlapping(checked: Checked, lines: Lines, wanted: types.Range) -> Iterator[Finding]:
    """The findings whose range touches `wanted` (a cursor inside or at either end of one counts)."""
    if checked.report is None:
        return
    low = (wanted.start.line, wanted.start.character)
    high = (wanted.end.line, wanted.end.character)
    for finding in checked.report.findings:
        span = finding_range(finding, lines)
        if (span.start.line, span.start.character) <= high and low <= (span.end.line, span.end.character):
            yield finding


def code_actions(
    checked: Checked, lines: Lines, uri: str, version: int | None, wanted: types.Range
) -> list[types.CodeAction | types.Command]:
    """For each finding at the cursor: apply its fix, switch its rule off there, explain its rule."""
    actions: list[types.CodeAction | types.Command] = []
    seen_rules: set[str] = set()
    for finding in overlapping(checked, lines, wanted):
        rule = checked.rules.rule(finding.rule)
        if finding.fix is not None:
            actions.append(_fix_action(finding, lines, uri, version))
        disable = _disable_action(finding, checked, lines, uri, version)
        if disable is not None and finding.rule not in seen_rules:
            actions.append(disable)
        if rule is not None and finding.rule not in seen_rules:
            actions.append(_explain_action(finding, checked.path))
        seen_rules.add(finding.rule)
    fix_all = fix_all_action(checked, lines, uri, version)
    if fix_all is not None:
        actions.append(fix_all)
    return actions


def _edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    # With the version, a client refuses the edit if the draft changed since it was checked.
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, edits)])


def _text_edit(lines: Lines, start: int, end: int, text: str) -> types.TextEdit:
    return types.TextEdit(_range(lines.from_offset(start), lines.from_offset(end)), text)


def _fix_action(finding: Finding, lines: Lines, uri: str, version: int | None) -> types.CodeAction:
    assert finding.fix is not None
    fix = finding.fix
    return types.CodeAction(
        f"Replace '{finding.match}' with '{fix.text}' ({finding.rule})",
        kind=types.CodeActionKind.QuickFix,
        is_preferred=True,
        edit=_edit(uri, version, [_text_edit(lines, fix.start, fix.end, fix.text)]),
    )


def fix_all_action(checked: Checked, lines: Lines, uri: str, version: int | None) -> types.CodeAction | None:
    """Every fix of the draft at once, as `claimcheck --fix` applies them; None when none has one."""
    from claimcheck.fix.fixes import fixes_of

    if checked.report is None:
        return None
    fixes = fixes_of(checked.report.findings)
    if not fixes:
        return None
    # The fixes apply_fixes keeps: none overlapping an earlier one (an editor refuses overlapping edits).
    kept, cursor = [], 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if cursor <= fix.start <= fix.end <= len(lines.body):
            kept.append(fix)
            cursor = fix.end
    edits = [_text_edit(lines, fix.start, fix.end, fix.text) for fix in kept]
    return types.CodeAction(
        f"Fix all claimcheck findings that have a fix ({len(kept)})", kind=FIX_ALL, edit=_edit(uri, version, edits)
    )


def _disable_action(finding: Finding, checked: Checked, lines: Lines, uri: str, version: int | None) -> types.CodeAction | None:
    """Markdown only (directives are HTML comments): waive the rule on this line, or in this file for a document finding."""
    if checked.path.lower().endswith(".txt"):
        return None
    newline = _newline(lines.body)
    if finding.scope == "document":
        line = split_front_matter(lines.body)[1]
        text = f"<!-- claimcheck disable-file {finding.rule} -->{newline}"
        if line >= len(lines.starts):  # front matter and nothing after it
            text = newline + text
        position = lines.from_column(line + 1, 1) if line < len(lines.starts) else lines.end_of_line(line - 1)
        title = f"Disable {finding.rule} for this file"
    else:
        placed = _next_line_directive(finding, lines, newline)
        if placed is None:
            return None
        position, text = placed
        title = f"Disable {finding.rule} on this line"
    edit = types.TextEdit(_range(position, position), text)
    return types.CodeAction(title, kind=types.CodeActionKind.QuickFix, edit=_edit(uri, version, [edit]))


def _next_line_directive(finding: Finding, lines: Lines, newline: str) -> tuple[Position, str] | None:
    """Where a disable-next-line comment goes, and its text.

    Above the finding's line, indented as it is; but inside a hard-wrapped paragraph a line of
    its own would split the paragraph in two, so there it ends the line before instead.
    """
    directive = f"<!-- claimcheck disable-next-line {finding.rule} -->"
    line_text = lines.line(finding.line - 1)
    if _in_table(line_text):
        return None  # a comment line would end the table
    above = lines.line(finding.line - 2) if finding.line > 1 else ""
    if finding.line > 1 and above.strip() and _continues(line_text):
        return lines.end_of_line(finding.line - 2), f" {directive}"
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    return lines.from_column(finding.line, 1), f"{indent}{directive}{newline}"


def _in_table(line: str) -> bool:
    return line.lstrip().startswith("|")


def _continues(line: str) -> bool:
    """Whether a line (after a non-blank one) continues a paragraph rather than starting a block."""
    return not _BLOCK_START.match(line)


def _newline(text: str) -> str:
    for ending in ("\r\n", "\n", "\r"):
        if ending in text:
            return ending
    return "\n"


def _explain_action(finding: Finding, path: str) -> types.Command:
    # A bare command, which every client runs from its code action menu; a CodeAction that
    # carries a command is misread as a Command by some client libraries (lsprotocol's).
    return types.Command(f"Explain {finding.rule}", EXPLAIN_COMMAND, arguments=[finding.rule, path])


def hover(checked: Checked, lines: Lines, position: types.Position) -> types.Hover | None:
    """The findings under the cursor: message, suggestion, and what their rule is for, with examples."""
    here = types.Range(position, position)
    parts = [_hover_text(finding, checked.rules.rule(finding.rule)) for finding in overlapping(checked, lines, here)]
    if not parts:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts)))


def _hover_text(finding: Finding, rule: Rule | None) -> str:
    lines = [f"**{finding.rule}** ({finding.level}, {finding.category})", "", finding.message]
    if finding.suggestion:
        lines += ["", f"Suggestion: {finding.suggestion}"]
    if rule is not None:
        lines += ["", " ".join(rule.description.split())]
        for key, title in (("fail", "Reported"), ("pass", "Not reported")):
            examples = rule.examples.get(key, ())
            if examples:
                lines += ["", f"{title}:", *(f"- {' '.join(example.split())}" for example in examples)]
        if rule.link:
            lines += ["", f"More: {rule.link}"]
    return "\n".join(lines)


def reading_levels(checked: Checked) -> list[tuple[int, str, str]]:
    """(0-based line, label, details) for the draft's reading level and each section's."""
    reading = checked.report.readability if checked.report else None
    if reading is None or reading.document.grade is None:
        return []
    sections = [section for section in reading.sections if section.level.grade is not None]
    first = 0  # the draft's grade goes on the first line, beside its title's section grade if it has one
    target = f" (target {reading.target:g})"
    labels: dict[int, list[str]] = {first: [f"reading grade {reading.document.grade}{target}"]}
    details: dict[int, list[str]] = {first: [_details("The draft", reading.document)]}
    for section in sections:
        line = section.line - 1
        short = "" if section.level.judged else ", too short to judge"
        labels.setdefault(line, []).append(f"section grade {section.level.grade}{short}")
        details.setdefault(line, []).append(_details(f"The section '{section.heading}'", section.level))
    return [(line, " · ".join(labels[line]), "\n".join(details[line])) for line in sorted(labels)]


def _details(what: str, level: ProseLevel) -> str:
    metrics = ", ".join(f"{name} {value}" for name, value in level.metrics.items())
    return f"{what}: {level.words} words, {level.sentences} sentences; {metrics}"


def inlay_hints(checked: Checked, lines: Lines, wanted: types.Range) -> list[types.InlayHint]:
    """The reading levels as hints at the end of the heading lines (the draft's on its first line)."""
    return [
        types.InlayHint(types.Position(*lines.end_of_line(line)), label, padding_left=True, tooltip=tooltip)
        for line, label, tooltip in reading_levels(checked)
        if wanted.start.line <= line <= wanted.end.line
    ]


def reading_diagnostics(checked: Checked, lines: Lines) -> list[types.Diagnostic]:
    """The reading levels as Information diagnostics on the heading lines, for clients without inlay hints."""
    return [
        types.Diagnostic(
            _range((line, 0), lines.end_of_line(line)), label, severity=types.DiagnosticSeverity.Information,
            code="claimcheck.reading-level", source=SOURCE,
        )
        for line, label, _ in reading_levels(checked)
    ]
