"""The HTML review page: one self-contained file an editor opens from disk.

The draft is rendered as it reads, and each finding is highlighted where its line and
column say it is: invisible marker characters are put into the source at the finding's
offsets before rendering, then turned into `<mark>` elements afterwards. Nothing is found
again by searching for the matched words.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from claimcheck.core.findings import FileReport, Finding, Report
from claimcheck.core.reading import ReadingLevel
from claimcheck.core.rule import Rule
from claimcheck.core.text import plural
from claimcheck.output.html_assets import CATEGORY_LABELS, SCRIPT, STYLE
from claimcheck.output.html_drafts import render_html_prose, render_paragraph_lines
from claimcheck.source.document import line_starts, split_front_matter
from claimcheck.source.formats import HTML, MARKDOWN, PLAIN, format_of

# Marker characters come from the supplementary private use planes: markdown-it passes them
# through untouched and a draft has no business containing them (any that do are replaced).
_START, _END = 0xF0000, 0x100000
_MARKERS = re.compile("[\U000f0000-\U0010ffff]")
_TAG = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PARAGRAPHS = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
_BLOCKING = ("error", "warning")


@dataclass(frozen=True)
class _Placed:
    """A text finding with its number on the page and its source offsets."""

    number: int
    finding: Finding
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"f{self.number}"


def render_html(report: Report) -> str:
    """The whole run as one self-contained HTML page (inline CSS and JS, no network assets)."""
    files = [_FilePage(index, file) for index, file in enumerate(report.files, start=1)]
    title = files[0].file.path if len(files) == 1 else plural(len(files), "draft")
    body = [_page_header(report, files), *(page.html() for page in files), _rules_appendix(report)]
    return _document(f"claimcheck review: {title}", "\n".join(part for part in body if part))


def _document(title: str, body: str) -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    # The policy forbids every network fetch and every script but our own, so even a
    # mistake in escaping could not run a draft's markup.
    policy = (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f'<body>\n<a class="skip" href="#main">Skip to the draft</a>\n<main id="main">\n{body}\n</main>\n'
        '<div id="tip" role="tooltip" hidden></div>\n'
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


# -- page header and file list ---------------------------------------------------------------


def _page_header(report: Report, files: Sequence[_FilePage]) -> str:
    summary = report.summary()
    levels = summary["by_level"]
    counts = ", ".join(f"{plural(levels[level], level)}" for level in ("error", "warning")) + f", {levels['info']} info"
    lines = [
        '<header class="page-head">',
        "<h1>claimcheck review</h1>",
        f'<p class="totals">{plural(summary["files"], "draft")} checked: {escape(counts)}</p>',
    ]
    if len(files) > 1:
        lines.append(_file_list(files))
    lines.append("</header>")
    return "\n".join(lines)


def _file_list(files: Sequence[_FilePage]) -> str:
    items = [
        f'<li><a href="#{page.anchor}">{escape(page.file.path)}</a> {page.verdict_badge()} '
        f'<span class="muted">{plural(len(page.file.findings), "finding")}</span></li>'
        for page in files
    ]
    return '<nav aria-label="Drafts"><h2>Drafts</h2><ol class="file-list">' + "".join(items) + "</ol></nav>"


# -- one draft -------------------------------------------------------------------------------


class _FilePage:
    """The section of the page that shows one draft."""

    def __init__(self, index: int, file: FileReport) -> None:
        self.file = file
        self.anchor = f"file-{index}"
        self.document_findings = [f for f in file.findings if f.scope == "document"]
        # What a finding's line counts: a Word draft's lines are its paragraphs.
        self.place = "paragraph" if format_of(file.path).paragraph_lines else "line"
        self.source = _clean_source(file.source or "")
        starts = line_starts(self.source)
        text = [f for f in file.findings if f.scope != "document"]
        self.placed = [
            _Placed(number, finding, *_offsets(finding, starts, len(self.source)))
            for number, finding in enumerate(text, start=1)
        ]

    def verdict(self) -> tuple[str, str]:
        """(css class, words) of the verdict: can this draft go out as it is?"""
        if self.file.error:
            return "verdict-error", "Could not be checked"
        blocking = any(f.level in _BLOCKING for f in self.file.findings)
        level = self.file.readability
        too_hard = level is not None and level.document.grade is not None and level.document.grade > level.target
        return ("verdict-work", "Needs work") if blocking or too_hard else ("verdict-ready", "Ready")

    def verdict_badge(self) -> str:
        """The verdict as a small coloured badge."""
        css, words = self.verdict()
        return f'<span class="verdict {css}">{words}</span>'

    def html(self) -> str:
        """The section: summary, then the marked-up draft beside the list of findings."""
        head = f'<section class="draft-file" id="{self.anchor}" aria-labelledby="{self.anchor}-title">'
        title = f'<h2 class="file-title" id="{self.anchor}-title">{escape(self.file.path)} {self.verdict_badge()}</h2>'
        if self.file.error:
            return f'{head}\n{title}\n<p class="error" role="alert">Cannot check this file: {escape(self.file.reason())}</p>\n</section>'
        draft, unplaced = self._draft()
        return "\n".join([
            head, title, self._summary(unplaced),
            '<div class="columns">',
            f'<article class="draft" aria-label="Draft text of {escape(self.file.path, quote=True)}">\n{draft}\n</article>',
            self._side_list(),
            "</div>", "</section>",
        ])

    def _id(self, placed: _Placed) -> str:
        return f"{self.anchor}-{placed.anchor}"

    def _draft(self) -> tuple[str, list[_Placed]]:
        if self.file.source is None:
            return '<p class="muted">The text of this draft was not kept with the report.</p>', list(self.placed)
        form = format_of(self.file.path)
        markdown = form is MARKDOWN
        marked = _insert_markers(self.source, self.placed, markdown)
        if markdown:
            rendered = _render_markdown(marked, self.anchor)
        elif form is PLAIN:
            rendered = _render_plain(marked)
        elif form is HTML:
            rendered = render_html_prose(marked, self.file.path)
        else:
            rendered = render_paragraph_lines(marked)
        body, opened = _place_marks(rendered, {p.number: self._mark_attrs(p) for p in self.placed})
        front = _front_matter(self.source) if markdown else ""
        return front + body, [p for p in self.placed if p.number not in opened]

    def _mark_attrs(self, placed: _Placed) -> tuple[str, str]:
        finding = placed.finding
        css = f"hl c-{_slug(finding.category)} lv-{_slug(finding.level)}"
        ident = self._id(placed)
        first = (
            f'<mark class="{css}" id="{ident}" data-f="{ident}" data-n="{placed.number}" tabindex="0" '
            f'aria-describedby="{ident}-d">'
        )
        return first, f'<mark class="{css} cont" data-f="{ident}">'

    def _summary(self, unplaced: list[_Placed]) -> str:
        parts = [f'<div class="summary" aria-label="Summary of {escape(self.file.path, quote=True)}">']
        parts.append(_category_counts(self.file.findings))
        parts.append(_readability(self.file.readability, self.place))
        if self.document_findings:
            items = "".join(
                f'<li class="doc-finding c-{_slug(f.category)}" id="{self.anchor}-doc{n}">{_finding_details(f)}</li>'
                for n, f in enumerate(self.document_findings, start=1)
            )
            parts.append(f'<h3>About the whole draft</h3><ul class="doc-findings">{items}</ul>')
        if unplaced:
            items = "".join(
                f'<li><a href="#{self._id(p)}-d">{p.number}</a> {_where(p.finding, self.place)}</li>' for p in unplaced
            )
            parts.append(f'<p class="muted">Not shown in place (inside markup the page does not display):</p><ul>{items}</ul>')
        parts.append("</div>")
        return "\n".join(parts)

    def _side_list(self) -> str:
        if not self.placed:
            return (
                '<aside class="findings" aria-label="Findings"><h3>Findings</h3>'
                '<p class="muted">Nothing to report in the text.</p></aside>'
            )
        items = []
        for placed in self.placed:
            ident = self._id(placed)
            finding = placed.finding
            items.append(
                f'<li class="c-{_slug(finding.category)}" id="{ident}-d">'
                f'<a class="jump" href="#{ident}" data-f="{ident}"><span class="num">{placed.number}</span> '
                f"{_where(finding, self.place)}</a>"
                f'<div class="detail">{_finding_details(finding)}</div></li>'
            )
        return (
            f'<aside class="findings" aria-label="Findings in {escape(self.file.path, quote=True)}">'
            f'<h3>Findings <span class="muted">({len(self.placed)})</span></h3><ol class="finding-list">{"".join(items)}</ol></aside>'
        )


def _clean_source(source: str) -> str:
    source = source.removeprefix("\ufeff")
    # Line breaks as in the document model (CRLF and CR end lines too), one character each,
    # so offsets computed from line starts stay valid.
    return _MARKERS.sub("\ufffd", source)


def _offsets(finding: Finding, starts: Sequence[int], length: int) -> tuple[int, int]:
    """Source offsets [start, end) of a finding's 1-based line/column range."""

    def offset(line: int, column: int) -> int:
        line = min(max(line, 1), len(starts))
        return min(starts[line - 1] + max(column, 1) - 1, length)

    start = offset(finding.line, finding.column)
    end = offset(finding.end_line, finding.end_column)
    return start, max(end, min(start + 1, length))


def _insert_markers(source: str, placed: Sequence[_Placed], markdown: bool) -> str:
    """The source with a start and an end marker character around every text finding."""
    if markdown:
        # Comments (inline directives) are not part of what a reader sees; blank them
        # in place so every offset stays put.
        source = _COMMENT.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group()), source)
    events: list[tuple[int, int, int, str]] = []
    for p in placed:
        events.append((p.start, 1, -p.end, chr(_START + p.number)))
        events.append((_end_after_markup(source, p.end), 0, -p.start, chr(_END + p.number)))
    pieces, cursor = [], 0
    for position, _, _, marker in sorted(events):
        pieces.append(source[cursor:position])
        pieces.append(marker)
        cursor = position
    pieces.append(source[cursor:])
    return "".join(pieces)


def _end_after_markup(source: str, end: int) -> int:
    """Move an end offset that falls inside an entity or escape to just after it."""
    before = source.rfind("&", max(end - 33, 0), end)
    if before >= 0:
        entity = _ENTITY.match(source, before)
        if entity and entity.start() < end < entity.end():
            return entity.end()
    if 0 < end < len(source) and source[end - 1] == "\\":
        return end + 1
    return end


def _front_matter(source: str) -> str:
    front, lines = split_front_matter(source)
    if not lines:
        return ""
    return f'<details class="front-matter"><summary>Front matter</summary><pre>{escape(front)}</pre></details>\n'


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # Raw HTML off: a draft's tags are shown as text, never passed through.
    md = MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)
    md.add_render_rule("image", _render_image)
    return md


def _render_image(self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
    """Images stay offline: show their description, never fetch them."""
    token = tokens[idx]
    alt = self.renderInline(token.children or [], options, env)
    return f'<span class="image">[image: {alt}]</span>'


def _render_markdown(marked: str, doc_id: str) -> str:
    source = marked
    front, lines = split_front_matter(marked)
    if lines:
        # Keep the lines (so the draft keeps its shape) but not the front matter itself.
        source = "\n" * lines + "\n".join(re.split(r"\r\n|\r|\n", marked)[lines:])
    # docId keeps footnote anchors apart when several drafts share the page.
    return _markdown().render(source, {"docId": doc_id})


def _render_plain(marked: str) -> str:
    text = re.sub(r"\r\n|\r", "\n", marked)
    return "\n".join(f'<p class="plain">{escape(m.group().strip(chr(10)), quote=False)}</p>' for m in _PARAGRAPHS.finditer(text))


def _place_marks(rendered: str, attrs: dict[int, tuple[str, str]]) -> tuple[str, set[int]]:
    """Turn marker characters into properly nested `<mark>` elements; returns the numbers placed.

    A finding may start inside one inline element and end inside another, so marks are
    closed before every tag and reopened (as continuations) before the next text.
    """
    out: list[str] = []
    active: list[int] = []
    emitted: list[int] = []
    opened: set[int] = set()

    def close_all() -> None:
        out.extend("</mark>" for _ in emitted)
        emitted.clear()

    def sync() -> None:
        keep = 0
        while keep < min(len(emitted), len(active)) and emitted[keep] == active[keep]:
            keep += 1
        out.extend("</mark>" for _ in emitted[keep:])
        del emitted[keep:]
        for number in active[keep:]:
            first, again = attrs[number]
            out.append(again if number in opened else first)
            opened.add(number)
            emitted.append(number)

    for piece in _TAG.split(rendered):
        if piece.startswith("<"):
            close_all()
            out.append(_MARKERS.sub("", piece))
            continue
        for char in piece:
            code = ord(char)
            if code >= _END:
                if code - _END in active:
                    active.remove(code - _END)
            elif code >= _START:
                active.append(code - _START)
            else:
                if active != emitted and not (char.isspace() and not emitted):
                    sync()
                out.append(char)
    close_all()
    return "".join(out), opened


# -- summary pieces ----------------------------------------------------------------------------


def _category_counts(findings: Iterable[Finding]) -> str:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.category] = counts.get(finding.category, 0) + 1
    if not counts:
        return '<p class="counts">No findings.</p>'
    chips = "".join(
        f'<li class="chip c-{_slug(category)}">{escape(_label(category))} <b>{count}</b></li>'
        for category, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )
    return f'<ul class="counts" aria-label="Findings by category">{chips}</ul>'


def _readability(level: ReadingLevel | None, place: str = "line") -> str:
    if level is None or level.document.grade is None:
        return ""
    grade, target = level.document.grade, level.target
    scale = max(16.0, grade + 2, target + 4)
    over = grade > target
    label = f"Reading grade {grade:.1f}, target {target:g}"
    marker = f'<span class="gauge-target" style="left:{100 * target / scale:.1f}%" title="target {target:g}"></span>'
    return (
        f'<div class="reading"><p><b>{escape(label)}</b> <span class="muted">({escape(level.formula)})</span>'
        f'{" — harder than the target" if over else ""}</p>'
        f'<div class="gauge" role="img" aria-label="{escape(label, quote=True)}">'
        f'<span class="gauge-fill{" over" if over else ""}" style="width:{100 * min(grade, scale) / scale:.1f}%"></span>'
        f"{marker}</div>{_hard_sections(level, place)}</div>"
    )


def _hard_sections(level: ReadingLevel, place: str = "line") -> str:
    hard = [s for s in level.sections if s.level.grade is not None and s.level.grade > level.target]
    if not hard:
        return ""
    items = "".join(
        f"<li>{escape(s.heading or '(start)')} <span class=\"muted\">{place} {s.line}, grade {s.level.grade:.1f}</span></li>"
        for s in hard
        if s.level.grade is not None
    )
    return f'<p class="muted">Sections above the target:</p><ul class="hard-sections">{items}</ul>'


def _finding_details(finding: Finding) -> str:
    suggestion = (
        f'<p class="suggestion"><b>Try:</b> {escape(finding.suggestion)}</p>' if finding.suggestion else ""
    )
    # The cited study's own words beside the sentence that cites it, so the editor can compare.
    source = (
        f'<blockquote class="source-conclusion"><b>The study ({escape(finding.source.key)}) concluded:</b> '
        f"{escape(finding.source.conclusion)}</blockquote>"
        if finding.source is not None
        else ""
    )
    return (
        f'<p class="message">{escape(finding.message)}</p>{suggestion}{source}'
        f'<p class="meta"><span class="chip c-{_slug(finding.category)}">{escape(_label(finding.category))}</span> '
        f'<span class="level lv-{_slug(finding.level)}">{escape(finding.level)}</span> '
        f'<a href="#rule-{escape(finding.rule, quote=True)}">{escape(finding.rule)}</a></p>'
    )


def _where(finding: Finding, place: str = "line") -> str:
    match = " ".join(finding.match.split())
    if len(match) > 60:
        match = match[:57] + "…"
    return f'<span class="where">{place} {finding.line}</span> <q>{escape(match)}</q>'


# -- rules appendix ----------------------------------------------------------------------------


def _rules_appendix(report: Report) -> str:
    used = {finding.rule for finding in report.findings()}
    rules = [rule for rule in report.rules if rule.id in used]
    known = {rule.id for rule in rules}
    entries = [_rule_entry(rule) for rule in rules]
    entries += [f'<section class="rule" id="rule-{escape(r, quote=True)}"><h3>{escape(r)}</h3></section>' for r in sorted(used - known)]
    if not entries:
        return ""
    heading = '<section class="appendix" aria-labelledby="rules-title"><h2 id="rules-title">The rules behind these findings</h2>\n'
    return heading + "\n".join(entries) + "</section>"


def _rule_entry(rule: Rule) -> str:
    link = ""
    if re.match(r"https?://", rule.link):
        link = f'<p><a href="{escape(rule.link, quote=True)}" rel="noopener noreferrer">More about this rule</a></p>'
    examples = ""
    for key, title, items in rule.example_groups():
        examples += f'<h4>{title}</h4><ul class="ex-{key}">' + "".join(f"<li>{escape(_example(item))}</li>" for item in items) + "</ul>"
    return (
        f'<section class="rule" id="rule-{escape(rule.id, quote=True)}"><h3>{escape(rule.id)} '
        f'<span class="chip c-{_slug(rule.category)}">{escape(_label(rule.category))}</span> '
        f'<span class="level lv-{_slug(rule.level)}">{escape(rule.level)}</span></h3>'
        f"<p>{escape(rule.description)}</p>{link}{examples}</section>"
    )


def _example(text: str) -> str:
    """An example as a few lines (its line breaks kept, blank lines dropped)."""
    return re.sub(r"\n\s*\n", "\n", text.strip())


def _label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category.replace("-", " "))


def _slug(word: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", word.lower())


