"""Read an HTML review page back: its tags, its highlights and the words inside them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from claimcheck.core.findings import Finding

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


@dataclass
class Page:
    """What a page holds: every start tag with its attributes, highlight texts, nesting errors, text."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    highlights: dict[str, str] = field(default_factory=dict)
    first_marks: dict[str, dict[str, str]] = field(default_factory=dict)
    nesting_errors: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    root: dict[str, str] = field(default_factory=dict)
    tip_text: str = ""

    def ids(self) -> list[str]:
        """Every id attribute, in order."""
        return [attrs["id"] for _, attrs in self.tags if "id" in attrs]


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.page.tags.append((tag, values))
        if tag == "html":
            self.page.root = values
        if tag == "mark" and "data-f" in values:
            finding = values["data-f"]
            self.page.highlights.setdefault(finding, "")
            if "tabindex" in values:
                self.page.first_marks[finding] = values
        if tag not in VOID:
            self.stack.append((tag, "#tip" if values.get("id") == "tip" else values.get("data-f")))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.page.nesting_errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            while self.stack and self.stack[-1][0] != tag:
                self.stack.pop()
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.page.text.append(data)
        if any(tag == "div" and f == "#tip" for tag, f in self.stack):
            self.page.tip_text += data
        for finding in {f for tag, f in self.stack if tag == "mark" and f}:
            self.page.highlights[finding] += data


def read_page(html: str) -> Page:
    """Parse a page (as written by render_html or as dumped by a browser)."""
    page = Page()
    reader = _Reader(page)
    reader.feed(html)
    reader.close()
    return page


def as_read(match: str) -> str:
    """The words of a finding's source match as a reader sees them: no Markdown emphasis, no spacing."""
    return re.sub(r"[\s*_`\\]", "", match)


def highlighted_words(page: Page, file_index: int, number: int) -> str:
    """The words highlighted for finding `number` of file `file_index`, spacing removed."""
    return re.sub(r"\s", "", page.highlights.get(f"file-{file_index}-f{number}", "<missing>"))


def text_findings(findings: tuple[Finding, ...]) -> list[Finding]:
    """The findings that point at words the page shows, in page order.

    Left out: document-level findings, and findings on HTML comments (directives), which the
    page does not display and lists under "Not shown in place" instead.
    """
    return [f for f in findings if f.scope != "document" and not f.match.startswith("<!--")]
