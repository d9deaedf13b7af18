"""The HTML review page, read back as HTML: highlights at the right words, escaping, summary."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CORPUS, write
from helpers.pagecheck import Page, as_read, highlighted_words, read_page, text_findings

from claimcheck.core.findings import FileReport, Finding, Report
from claimcheck.core.reading import ProseLevel, ReadingLevel, SectionLevel
from claimcheck.output.formatters import render_json
from claimcheck.output.html import render_html
from claimcheck.run.lint import lint_text
from claimcheck.run.load import RuleSet

DRAFTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))
HOSTILE = (
    "# Cures <script>alert(1)</script>\n\n"
    'Acupuncture cures MS. "><img src=x onerror=alert(2)> and <u onclick="alert(3)">under</u>.\n\n'
    "- It is 100% safe <iframe src=\"https://example.com\"></iframe>\n"
    "- See [the clinic](javascript:alert(4)) and ![a photo](https://example.com/x.png)\n\n"
    "`<script>alert(5)</script>` &lt;script&gt;\n"
)


def page_for(ruleset: RuleSet, *drafts: tuple[str, str]) -> tuple[Report, Page, str]:
    files = tuple(lint_text(path, text, ruleset) for path, text in drafts)
    report = Report(files, ruleset.rules)
    html = render_html(report)
    return report, read_page(html), html


def assert_highlights_match(report: Report, page: Page) -> None:
    """Every text finding is highlighted exactly once as a focusable mark, around its own words."""
    for index, file in enumerate(report.files, start=1):
        findings = text_findings(file.findings)
        for number, finding in enumerate(findings, start=1):
            assert highlighted_words(page, index, number) == as_read(finding.match), (file.path, finding)
        marks = [key for key in page.first_marks if key.startswith(f"file-{index}-")]
        assert len(marks) == len(findings)
    assert not page.nesting_errors


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_corpus_drafts_are_highlighted_at_their_words(ruleset: RuleSet, draft: Path) -> None:
    report, page, html = page_for(ruleset, (str(draft), draft.read_text(encoding="utf-8")))
    assert_highlights_match(report, page)
    on_comments = [f for f in report.files[0].findings if f.match.startswith("<!--")]
    assert ("Not shown in place" in html) == bool(on_comments)


def test_the_hype_draft_marks_each_claim_with_its_category_and_rule(claims_ruleset: RuleSet) -> None:
    draft = CORPUS / "clinic-hype.md"
    report, page, html = page_for(claims_ruleset, (str(draft), draft.read_text(encoding="utf-8")))
    first = page.first_marks["file-1-f1"]
    assert page.highlights["file-1-f1"] == "cures"
    assert "c-overclaim" in first["class"] and "lv-error" in first["class"]
    assert first["aria-describedby"] == "file-1-f1-d"
    assert 'href="#rule-claims.cure"' in html and 'id="rule-claims.cure"' in html
    assert "Needs work" in html
    # Document-level findings sit in the summary, not in the text.
    assert "never tells them to check with a doctor" in html
    assert len(set(page.ids())) == len(page.ids())


def test_highlights_cross_emphasis_lists_tables_and_links(ruleset: RuleSet) -> None:
    text = (
        "# Acupuncture\n\n"
        "It is 100% **safe** for you, and it cures MS.\n\n"
        "- A list item: it cures fatigue.\n"
        "- [A miracle](https://example.org) for sure.\n\n"
        "| Claim | Truth |\n|---|---|\n| It cures MS | no |\n\n"
        "> A quote: relief is guaranteed.\n"
    )
    report, page, _ = page_for(ruleset, ("a.md", text))
    assert len(text_findings(report.files[0].findings)) >= 5
    assert_highlights_match(report, page)
    words = [page.highlights[key] for key in page.first_marks]
    assert "100% safe" in words and "miracle" in [w.strip() for w in words]


def test_positions_hold_with_bom_front_matter_and_crlf(claims_ruleset: RuleSet) -> None:
    text = "\ufeff---\r\ntitle: Cures\r\n---\r\n# Title\r\n\r\nWe think\r\nacupuncture cures MS.\r\n"
    report, page, html = page_for(claims_ruleset, ("a.md", text))
    assert_highlights_match(report, page)
    assert page.highlights["file-1-f1"] == "cures"
    assert "Front matter" in html and "title: Cures" in html


def test_plain_text_drafts_keep_their_paragraphs(ruleset: RuleSet) -> None:
    text = "First paragraph.\nIt cures MS.\n\n# not a heading\n\nThird, 100% safe.\n"
    report, page, _ = page_for(ruleset, ("a.txt", text))
    assert_highlights_match(report, page)
    paragraphs = [attrs for tag, attrs in page.tags if tag == "p" and attrs.get("class") == "plain"]
    assert len(paragraphs) == 3
    assert "# not a heading" in "".join(page.text)


def test_hostile_markup_is_shown_as_text_and_runs_nothing(ruleset: RuleSet) -> None:
    report, page, html = page_for(ruleset, ("<b>x</b>.md", HOSTILE))
    tags = [tag for tag, _ in page.tags]
    assert tags.count("script") == 1  # the page's own script
    assert not {"img", "iframe", "u", "object", "embed", "link"} & set(tags)
    for tag, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not attrs.get("href", "").lower().startswith("javascript"), (tag, attrs)
        assert "src" not in attrs, (tag, attrs)
    text = "".join(page.text)
    for shown in ("<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "<iframe", "<b>x</b>.md", "<script>alert(5)</script>"):
        assert shown in text
    assert "[image: a photo]" in text
    assert_highlights_match(report, page)


def test_the_page_is_self_contained(ruleset: RuleSet) -> None:
    _, page, html = page_for(ruleset, ("a.md", HOSTILE + "\nSee https://example.com/study for more.\n"))
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not [attrs for tag, attrs in page.tags if tag in ("link", "img", "iframe") or "src" in attrs]
    assert "@import" not in html and "url(" not in html


def test_draft_text_cannot_forge_highlight_markers(ruleset: RuleSet) -> None:
    report, page, _ = page_for(ruleset, ("a.md", "It cures MS \U000f0001 and \U00100001 here.\n"))
    assert_highlights_match(report, page)
    assert "\U000f0001" not in "".join(page.text)


def test_reading_grade_gauge_and_verdict() -> None:
    def page(readability: ReadingLevel | None) -> str:
        return render_html(Report((FileReport("a.md", (), readability, source="Talk with your doctor.\n"),)))

    def prose(grade: float | None) -> ProseLevel:
        return ProseLevel(grade, grade is not None and grade > 8, True, 120, 6, {}, ())

    hard = ReadingLevel(8, "flesch-kincaid", prose(11.25), (SectionLevel("Intro <i>", 1, prose(12.0)),), ())
    html = page(hard)
    assert "Reading grade 11.2, target 8" in html and "(flesch-kincaid)" in html and "harder than the target" in html
    assert "gauge-fill over" in html and "Intro &lt;i&gt;" in html
    assert "Needs work" in html
    easy = page(replace(hard, document=prose(6.0), sections=()))
    assert "Ready" in easy and "gauge-fill over" not in easy and "Sections above the target" not in easy
    none = page(None)
    assert 'class="gauge' not in none and "Ready" in none
    assert "Reading grade" not in page(replace(hard, document=prose(None)))


def test_several_drafts_make_one_page_with_a_file_list(ruleset: RuleSet) -> None:
    note = "A study found it cures MS.[^1]\n\n[^1]: A footnote.\n"
    report, page, html = page_for(ruleset, ("a.md", note), ("b.md", "It cures MS too, 100% safe.[^1]\n\n[^1]: Another.\n"))
    assert html.count("<!DOCTYPE html>") == 1
    nav = [attrs for tag, attrs in page.tags if tag == "a" and re.fullmatch(r"#file-\d+", attrs.get("href", ""))]
    assert [a["href"] for a in nav] == ["#file-1", "#file-2"]
    assert len(set(page.ids())) == len(page.ids())
    assert_highlights_match(report, page)


def test_unreadable_file_is_shown_not_fatal() -> None:
    report = Report((FileReport("gone.md", error="gone.md: no such file or folder"),))
    html = render_html(report)
    assert "Could not be checked" in html
    assert "Cannot check this file: no such file or folder</p>" in html


def finding(category: str, line: int, column: int, end_line: int, end_column: int, match: str, **extra: str) -> Finding:
    return Finding(f"demo.{category}", category, extra.pop("level", "warning"), f"About '{match}'.", line, column,
                   end_line, end_column, match, extra.pop("suggestion", None))


def test_positions_alone_decide_the_highlights() -> None:
    # Overlapping findings, one crossing into emphasis, one repeated word: only positions count.
    source = "# Care\n\nWe utilize **care**, and we utilize care plans.\n"
    findings = (
        finding("plain-language", 3, 29, 3, 36, "utilize", suggestion="use"),
        finding("readability", 3, 29, 3, 41, "utilize care", level="info"),
        finding("unhedged-claim", 3, 4, 3, 17, "utilize **car"),
    )
    report = Report((FileReport("a.md", findings, source=source),))
    page = read_page(render_html(report))
    assert not page.nesting_errors
    assert [page.highlights[f"file-1-f{n}"] for n in (1, 2, 3)] == ["utilize", "utilize care", "utilize car"]
    assert "c-plain-language" in page.first_marks["file-1-f1"]["class"]
    assert "lv-info" in page.first_marks["file-1-f2"]["class"]
    text = "".join(page.text)
    assert "Try: use" in text and "About 'utilize care'." in text


def test_a_report_without_source_text_or_files_still_renders(ruleset: RuleSet) -> None:
    file = lint_text("a.md", "It cures MS.\n", ruleset)
    html = render_html(Report((FileReport(file.path, file.findings),), ruleset.rules))
    assert "was not kept with the report" in html and "Not shown in place" in html
    assert "0 drafts checked" in render_html(Report(()))


def test_json_output_does_not_carry_the_source(ruleset: RuleSet) -> None:
    report = Report((lint_text("a.md", "It cures MS.\n", ruleset),), ruleset.rules)
    payload = json.loads(render_json(report))
    assert set(payload["files"][0]) == {"path", "findings", "readability"}


def test_cli_writes_the_page(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, "a.md", "It cures MS.\n")
    result = cli("check", "--format", "html", "a.md")
    assert result.code == 1
    assert result.out.startswith("<!DOCTYPE html>") and 'data-f="file-1-f1"' in result.out


def test_every_category_has_a_label_and_a_colour() -> None:
    # The category list has one owner (core.findings); the page must name and colour each one.
    from claimcheck.core.findings import CATEGORIES
    from claimcheck.output.html_assets import _COLOURS, CATEGORY_LABELS, STYLE

    assert list(CATEGORY_LABELS) == list(CATEGORIES) == list(_COLOURS)
    assert all(f".c-{category}{{" in STYLE for category in CATEGORIES)
    assert "category colours" not in STYLE  # the marker in review.css was filled in


def test_a_finding_against_its_source_shows_the_study_conclusion_beside_the_sentence(ruleset: RuleSet) -> None:
    from claimcheck.source.references import Reference

    study = Reference(
        "smith2020", authors=("Smith", "Okafor", "Lind"), year=2020,
        abstract=(
            "METHODS: 12 000 adults <b>followed</b>. "
            "CONCLUSIONS: Drinking coffee was associated with less liver disease & fewer deaths."
        ),
    )
    sourced = replace(ruleset, references=(study,))
    report, page, html = page_for(sourced, ("coffee.md", "# Coffee\n\nCoffee prevents liver disease (Smith et al., 2020).\n"))
    assert_highlights_match(report, page)

    class Quotes(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.depth = 0
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "blockquote" and ("class", "source-conclusion") in attrs:
                self.depth = 1
                self.found.append("")
            elif self.depth:
                self.depth += 1

        def handle_endtag(self, tag: str) -> None:
            if self.depth:
                self.depth -= 1

        def handle_data(self, data: str) -> None:
            if self.depth:
                self.found[-1] += data

    reader = Quotes()
    reader.feed(html)
    expected = "The study (smith2020) concluded: Drinking coffee was associated with less liver disease & fewer deaths."
    # With the finding that cites the study, and with no other finding.
    assert reader.found and set(reader.found) == {expected}
    assert len(reader.found) == html.count('class="source-conclusion"')
