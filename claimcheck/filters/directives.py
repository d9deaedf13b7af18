"""Inline directives: HTML comments in a Markdown draft that switch rules off and on.

    <!-- claimcheck disable [RULE...] -->            until a matching enable
    <!-- claimcheck enable [RULE...] -->
    <!-- claimcheck disable-next-line [RULE...] -->  the line after the comment
    <!-- claimcheck disable-file [RULE...] -->       the whole file

With no rule named a directive applies to every rule. A rule is a full id (`claims.cure`) or a
pack (`claims`); text after ` -- ` is a reason for the reader. A directive that names an unknown
rule or cannot be read is itself reported, so it never silently disables nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from claimcheck.core.findings import Finding
from claimcheck.core.rule import Rule
from claimcheck.source.document import Comment, Document

ACTIONS = ("disable", "enable", "disable-next-line", "disable-file")
DIRECTIVE_RULE = Rule(
    id="claimcheck.directive",
    path="<built-in>",
    extends="directive",
    category="suppression",
    level="error",
    message="This claimcheck directive cannot be used.",
    description=(
        "An inline directive names a rule that does not exist or cannot be read. Such a directive would "
        "disable nothing while the editor believes a finding is waived, so it is reported instead. "
        "Directives are HTML comments: claimcheck disable, enable, disable-next-line or disable-file, "
        "followed by rule ids (claims.cure) or packs (claims), or by nothing for every rule."
    ),
    examples={
        "fail": ("<!-- claimcheck disable claims.cures -->", "<!-- claimcheck disabel claims.cure -->"),
        "pass": ("<!-- claimcheck disable claims.cure -- quoting a clinic's advert -->",),
    },
)
_SEPARATORS = re.compile(r"[\s,]+")


@dataclass(frozen=True)
class Directive:
    """One readable directive; `rules` None means every rule."""

    action: str
    rules: tuple[str, ...] | None
    line: int
    column: int
    end_line: int

    def covers(self, rule_id: str) -> bool:
        """Whether the directive names this rule, its pack, or every rule."""
        return self.rules is None or any(rule_id == name or rule_id.startswith(f"{name}.") for name in self.rules)


def apply_directives(document: Document, findings: Iterable[Finding], known: Iterable[str]) -> list[Finding]:
    """Drop the findings that directives waive; add a finding for each unusable directive."""
    directives, problems = read_directives(document, set(known))
    kept = list(_waive(findings, directives)) if directives else list(findings)
    return sorted(kept + problems, key=lambda f: (f.line, f.column, f.rule))


def read_directives(document: Document, known: set[str]) -> tuple[list[Directive], list[Finding]]:
    """The usable directives of a document, in source order, and findings for the unusable ones."""
    packs = {rule_id.split(".")[0] for rule_id in known}
    directives: list[Directive] = []
    problems: list[Finding] = []
    for comment in document.comments:
        words = _words(comment.text)
        if not words or not _is_directive(words[0]):
            continue
        start, end = _span(document, comment)
        action, rules, reason = _parse(words, known | packs)
        if reason:
            problems.append(_problem(document, comment, start, end, reason))
        if action and rules != ():
            directives.append(Directive(action, rules, comment.line, comment.column, document.position(end)[0]))
    directives.sort(key=lambda d: (d.line, d.column))
    return directives, problems


def _words(text: str) -> list[str]:
    words = [word for word in _SEPARATORS.split(text) if word]
    return words[: words.index("--")] if "--" in words else words


def _is_directive(word: str) -> bool:
    # "claimcheck-disable" or "claimcheck:" are meant as directives too, and are reported as malformed.
    return word == "claimcheck" or word.startswith(("claimcheck-", "claimcheck:"))


def _parse(words: list[str], known: set[str]) -> tuple[str | None, tuple[str, ...] | None, str]:
    """(action, rules, reason): rules None is every rule, () is none usable; reason says what is wrong."""
    if words[0] != "claimcheck" or len(words) < 2 or words[1] not in ACTIONS:
        given = " ".join(words[:2])
        return None, (), f"malformed claimcheck directive '{given}' (use: claimcheck {' | '.join(ACTIONS)} [RULE...])"
    names = words[2:]
    unknown = [name for name in names if name not in known]
    usable = tuple(name for name in names if name in known)
    reason = ""
    if unknown:
        listed = ", ".join(f"'{name}'" for name in unknown)
        reason = f"claimcheck {words[1]} names an unknown rule {listed} (see 'claimcheck rules')"
    return words[1], (usable if names else None), reason


def _span(document: Document, comment: Comment) -> tuple[int, int]:
    """Source offsets of the whole `<!-- … -->` comment."""
    start = document.line_starts[comment.line - 1] + comment.column - 1
    close = document.source.find("-->", start)
    return start, (close + 3 if close >= 0 else len(document.source))


def _problem(document: Document, comment: Comment, start: int, end: int, reason: str) -> Finding:
    end_line, end_column = document.position(end)
    rule = DIRECTIVE_RULE
    return Finding(
        rule.id, rule.category, rule.level, reason, comment.line, comment.column, end_line, end_column,
        document.source[start:end], None, "text", comment.text,
    )


def _waive(findings: Iterable[Finding], directives: list[Directive]) -> Iterator[Finding]:
    """The findings no directive waives, in one pass over both in source order."""
    whole_file = [d for d in directives if d.action == "disable-file"]
    named = [d for d in directives if d.action == "disable" and d.rules is not None]
    next_line: dict[int, list[Directive]] = {}
    for directive in directives:
        if directive.action == "disable-next-line":
            next_line.setdefault(directive.end_line + 1, []).append(directive)
    switches = [d for d in directives if d.action in ("disable", "enable")]
    state = _Switches()
    upcoming = 0
    for finding in sorted(findings, key=lambda f: (f.line, f.column)):
        while upcoming < len(switches) and (switches[upcoming].line, switches[upcoming].column) < (finding.line, finding.column):
            state.apply(switches[upcoming], upcoming)
            upcoming += 1
        if any(d.covers(finding.rule) for d in whole_file):
            continue
        if finding.scope == "document":
            # A document-level finding has no place in the text: only a directive that names
            # its rule (or pack) waives it, not a passing `disable` … `enable` of every rule.
            if not any(d.covers(finding.rule) for d in named):
                yield finding
            continue
        if any(d.covers(finding.rule) for d in next_line.get(finding.line, ())):
            continue
        if not state.disabled(finding.rule):
            yield finding


class _Switches:
    """disable/enable replayed so far: the latest one that covers a rule decides."""

    def __init__(self) -> None:
        # Name (None for every rule) -> (order of the directive, disabled?).
        self.latest: dict[str | None, tuple[int, bool]] = {}

    def apply(self, directive: Directive, order: int) -> None:
        """Record a disable or enable directive."""
        for name in directive.rules or (None,):
            self.latest[name] = (order, directive.action == "disable")

    def disabled(self, rule_id: str) -> bool:
        """Whether the latest directive covering `rule_id` disabled it."""
        parts = rule_id.split(".")
        names = [None, *(".".join(parts[:n]) for n in range(1, len(parts) + 1))]
        decisive = max((self.latest[n] for n in names if n in self.latest), default=(-1, False))
        return decisive[1]
