"""`--fix` and `--diff`: apply the findings' fixes at their source offsets, and write atomically.

A fix replaces exactly the span its finding points at; the text is never searched again.
Everything else in the file stays byte for byte as it was: line endings, a BOM, front matter.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimcheck.core.atomic import write_atomically
from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import Finding, Fix
from claimcheck.ruleset.config import Config
from claimcheck.run.lint import lint_text
from claimcheck.run.load import RuleSet
from claimcheck.source.files import STDIN, collect, read_draft
from claimcheck.source.formats import format_of

BOM = "\ufeff"


@dataclass(frozen=True)
class FileFix:
    """A draft before and after its fixes, or why it could not be fixed."""

    path: str
    before: str = ""
    after: str = ""
    applied: int = 0
    error: str | None = None

    @property
    def changed(self) -> bool:
        """Whether the fixes change the file."""
        return self.before != self.after


def apply_fixes(source: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """`source` with the fixes applied, in order; a fix overlapping an earlier one is skipped."""
    pieces: list[str] = []
    cursor = applied = 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if fix.start < cursor or not 0 <= fix.start <= fix.end <= len(source):
            continue
        pieces += [source[cursor : fix.start], fix.text]
        cursor = fix.end
        applied += 1
    pieces.append(source[cursor:])
    return "".join(pieces), applied


def fixes_of(findings: Iterable[Finding]) -> list[Fix]:
    """The fixes that findings carry, those of the uses a finding stands for (`once`) included."""
    fixes: list[Fix] = []
    for finding in findings:
        if finding.fix is not None:
            fixes.append(finding.fix)
        fixes.extend(finding.more_fixes)
    return fixes


def fix_text(path: str, text: str, ruleset: RuleSet) -> FileFix:
    """Lint `text` and apply its fixes (the offsets count from after a BOM, as the document does)."""
    bom = BOM if text.startswith(BOM) else ""
    report = lint_text(path, text, ruleset)
    body, applied = apply_fixes(text[len(bom) :], fixes_of(report.findings))
    return FileFix(path, text, bom + body, applied)


def fix_file(path: str, ruleset: RuleSet) -> FileFix:
    """Read, lint and fix one draft in memory; nothing is written."""
    try:
        return fix_text(path, read_draft(path), ruleset)
    except ClaimcheckError as error:
        return FileFix(path, error=error.render())


def refusal(path: str) -> str | None:
    """Why `--fix` must not rewrite the draft at `path`, or None when it may."""
    # A link can lead out of the tree being fixed (into a shared or system file): its
    # target is rewritten only when named itself.
    if os.path.islink(path):
        return "is a symbolic link; not rewritten (fix the file it points to)"
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return f"cannot write fixes: {(error.strerror or str(error)).lower()}"
    # The mode bits, not a failed write: root may write a file whose owner made it read-only.
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "is read-only; not rewritten"
    return None


def write_fixed(fixed: FileFix) -> None:
    """Write a fixed draft in place, atomically: a temporary file beside it, synced, then renamed.

    Raises ClaimcheckError naming the draft when it may not or cannot be written; the draft
    is then left exactly as it was.
    """
    reason = refusal(fixed.path)
    if reason is not None:
        raise ClaimcheckError(reason, fixed.path)
    try:
        with open(fixed.path, "rb") as handle:
            if handle.read() != fixed.before.encode("utf-8"):
                raise ClaimcheckError("changed while it was being fixed; left as it is", fixed.path)
        mode = stat.S_IMODE(os.stat(fixed.path).st_mode)
        write_atomically(fixed.path, fixed.after.encode("utf-8"), mode=mode, durable=True)
    except OSError as error:
        raise ClaimcheckError(f"cannot write fixes: {(error.strerror or str(error)).lower()}", fixed.path) from None


def unified_diff(fixed: FileFix) -> str:
    """The fixes as a unified diff (`a/PATH` → `b/PATH`)."""
    lines = difflib.unified_diff(
        fixed.before.splitlines(keepends=True),
        fixed.after.splitlines(keepends=True),
        fromfile=f"a/{fixed.path}",
        tofile=f"b/{fixed.path}",
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def refuse_unfixable(path: str) -> None:
    """Raise for a draft whose format `--fix` cannot rewrite (HTML, Word): nothing is written then."""
    form = format_of(path)
    if not form.fixable:
        raise ClaimcheckError(
            f"--fix and --diff rewrite only Markdown and plain-text drafts, not {form.name}; "
            "make the changes where the draft is edited",
            path,
        )


def fix_drafts(paths: Iterable[str], ruleset: RuleSet, config: Config, stdin: str | None = None) -> list[FileFix]:
    """Fix every draft under `paths` in memory, as `check` would walk them."""
    return fix_collected([(path, error, ruleset) for path, error in collect(paths, config)], stdin)


def fix_collected(drafts: Sequence[tuple[str, ClaimcheckError | None, RuleSet]], stdin: str | None = None) -> list[FileFix]:
    """Fix drafts already collected, each with the error that stops it (if any) and the rule set that governs it."""
    for path, error, _ in drafts:
        if error is None and path != STDIN:
            refuse_unfixable(path)
    results = []
    seen: set[str] = set()
    for path, error, ruleset in drafts:
        if path != STDIN and error is None:
            # The same draft named twice (or through two paths) is fixed once.
            real = os.path.realpath(path)
            if real in seen:
                continue
            seen.add(real)
        if error is not None:
            results.append(FileFix(path, error=error.render()))
        elif path == STDIN:
            results.append(fix_text("<stdin>", stdin or "", ruleset))
        else:
            results.append(fix_file(path, ruleset))
    return results
