"""Drafts as editors have them: HTML pages and Word .docx files read like Markdown, other formats refused."""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, write

from claimcheck.run.lint import lint_file, lint_text
from claimcheck.source.docx import read_docx
from claimcheck.source.formats import known_formats
from claimcheck.source.html import read_html

FIXTURES = ROOT / "tests" / "fixtures" / "formats"
KNOWN = "Markdown (.md, .markdown, .mdown, .mkd), plain text (.txt), HTML (.html, .htm, .xhtml) and Word (.docx)"


def _tool():
    spec = importlib.util.spec_from_file_location("make_format_fixtures", ROOT / "tools" / "make_format_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _words(text: str) -> str:
    return " ".join(text.split())


def _same(findings):
    return sorted((f.rule, f.category, f.scope, _words(f.match)) for f in findings)


# -- the corpus drafts as a CMS page and as a Google Docs export ---------------------------------


def test_fixtures_are_what_the_tool_makes():
    made = _tool().fixtures()
    assert sorted(made) == sorted(p.name for p in FIXTURES.iterdir())
    for name, data in made.items():
        assert (FIXTURES / name).read_bytes() == data, f"{name} is out of date: run tools/make_format_fixtures.py"


@pytest.mark.parametrize("name", ["clinic-hype", "well-sourced"])
def test_html_page_reports_what_the_markdown_does_where_the_html_says_it(ruleset, name):
    markdown = lint_file(str(CORPUS / f"{name}.md"), ruleset)
    page = lint_file(str(FIXTURES / f"{name}.html"), ruleset)
    assert page.error is None
    assert _same(page.findings) == _same(markdown.findings)
    lines = (FIXTURES / f"{name}.html").read_text(encoding="utf-8").splitlines()
    for finding in page.findings:
        if finding.scope == "text":
            # The line and column point at the matched words in the HTML file itself.
            first_word = finding.match.split()[0]
            assert lines[finding.line - 1][finding.column - 1 :].startswith(first_word), finding
            assert "<article" in "\n".join(lines[: finding.line])
    assert page.readability.document.grade == markdown.readability.document.grade
    assert [s.heading for s in page.readability.sections] == [s.heading for s in markdown.readability.sections]


@pytest.mark.parametrize("name", ["clinic-hype", "well-sourced"])
def test_docx_reports_what_the_markdown_does_at_its_paragraph(ruleset, name):
    markdown = lint_file(str(CORPUS / f"{name}.md"), ruleset)
    word = lint_file(str(FIXTURES / f"{name}.docx"), ruleset)
    assert word.error is None
    assert _same(word.findings) == _same(markdown.findings)
    paragraphs = _paragraph_texts(FIXTURES / f"{name}.docx")
    for finding in word.findings:
        if finding.scope == "text":
            paragraph = paragraphs[finding.line - 1]
            assert paragraph[finding.column - 1 :].startswith(finding.match), finding
    assert word.readability.document.grade == markdown.readability.document.grade
    # Heading styles made sections, as the Markdown's headings do.
    assert [s.heading for s in word.readability.sections] == [s.heading for s in markdown.readability.sections]


def _paragraph_texts(path: Path) -> list[str]:
    """Every w:p's text, read here independently of the reader: the test's own notion of 'paragraph N'."""
    from xml.etree import ElementTree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p")]


def test_clinic_hype_in_every_format_gates_the_same(cli):
    markdown = json.loads(cli("check", "--format", "json", str(ROOT / "corpus" / "clinic-hype.md")).out)
    assert markdown["summary"]["by_level"]["error"] > 0
    for name in ("clinic-hype.html", "clinic-hype.docx"):
        result = cli("check", "--format", "json", str(FIXTURES / name))
        assert result.code == 1, result.err
        data = json.loads(result.out)
        assert data["summary"]["by_level"] == markdown["summary"]["by_level"]


# -- HTML ---------------------------------------------------------------------------------------


def test_a_paragraph_of_html_is_checked(tmp_path, cli):
    # It used to be read as Markdown, whose HTML blocks are skipped: exit 0, nothing said.
    write(tmp_path, "page.html", "<p>Acupuncture cures MS fatigue.</p>\n")
    result = cli("check", "--format", "json", "page.html")
    assert result.code == 1
    findings = json.loads(result.out)["files"][0]["findings"]
    cure = [f for f in findings if f["rule"] == "claims.cure"]
    assert [(f["line"], f["column"], f["match"]) for f in cure] == [(1, 16, "cures")]


def test_html_leaves_out_what_a_reader_does_not_see(ruleset):
    page = """<html><head><title>Cures</title><style>.x{content:"miracle"}</style>
<script>var claim = "cures MS";</script></head><body>
<header><p>Header miracle</p></header><nav><a href="/">Miracle cures</a></nav>
<aside>Sidebar miracle</aside>
<main><article><header><h1>The article</h1></header>
<p>Seen text.</p>
<div hidden>Hidden miracle</div><p aria-hidden="true">Aria miracle</p>
<p style="color: red; display: none">Styled miracle</p>
<form><label>Form miracle</label><button>Button miracle</button></form>
<template><p>Template miracle</p></template>
<!-- a comment miracle -->
<noscript>Noscript miracle</noscript>
<pre><code>code miracle</code></pre>
<aside class="callout"><p>Callout in the article.</p></aside>
<footer><p>Article footer.</p></footer>
</article><div role="navigation">Role miracle</div></main>
<footer>Site footer miracle</footer></body></html>"""
    document = read_html("page.html", page)
    assert [b.text for b in document.blocks] == ["The article", "Seen text.", "Callout in the article.", "Article footer."]
    assert document.blocks[0].kind == "heading" and document.blocks[0].heading_level == 1


def test_html_kinds_groups_and_numbers():
    page = (
        "<h2>Before you try it</h2><p>One<p>Two\n<ul><li>Bullet<li>Item <p>with a paragraph</ul>"
        '<ol start="3"><li>Third<li value="7">Seventh<li>Eighth</ol>'
        "<table><tr><th>Head a<th>Head b<tr><td>Cell</table><blockquote><p>Quoted.</blockquote>"
    )
    blocks = read_html("p.html", page).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Before you try it"), ("paragraph", "One"), ("paragraph", "Two"),
        ("list_item", "Bullet"), ("list_item", "Item"), ("list_item", "with a paragraph"),
        ("list_item", "Third"), ("list_item", "Seventh"), ("list_item", "Eighth"),
        ("table_cell", "Head a"), ("table_cell", "Head b"), ("table_cell", "Cell"), ("paragraph", "Quoted."),
    ]
    assert [b.ordinal for b in blocks[3:9]] == [0, 0, 0, 3, 7, 8]
    # A list item is one group with its paragraphs; a row's cells share one.
    assert blocks[4].group == blocks[5].group != blocks[3].group
    assert blocks[9].group == blocks[10].group != blocks[11].group
    assert [b.quoted for b in blocks][-2:] == [False, True]
    assert all(b.section == "Before you try it" for b in blocks)


def test_html_entities_white_space_and_line_breaks_keep_their_places():
    page = "<p>Caf&eacute; &amp; tea\r\n   cure&nbsp;it<br>now &#8212; Acupuncture   cures.</p>"
    block = read_html("p.html", page).blocks[0]
    assert block.text == "Café & tea cure\xa0it now \u2014 Acupuncture cures."
    cures = block.text.index("cures")
    at = block.source_offset(cures)
    assert page[at : at + 5] == "cures"
    assert page[block.source_offset(block.text.index("é")) :].startswith("&eacute;")
    assert page[block.source_offset(block.text.index("\u2014")) :].startswith("&#8212;")


def test_html_positions_across_crlf_lines(ruleset):
    page = "<html>\r\n<body>\r\n<p>Our tea is\r\nsafe. Acupuncture cures MS.</p>\r\n</body></html>\r\n"
    report = lint_text("page.html", page, ruleset)
    cure = next(f for f in report.findings if f.rule == "claims.cure")
    assert (cure.line, cure.column, cure.match) == (4, 19, "cures")


def test_html_citations_links_and_markers_count(ruleset):
    cited = '<p>A 2021 trial found less fatigue.<sup><a href="#ref-1">1</a></sup></p>'
    uncited = "<p>A 2021 trial found less fatigue.</p>"
    assert not [f for f in lint_text("a.html", cited, ruleset).findings if f.category == "uncited-study"]
    assert [f.rule for f in lint_text("b.html", uncited, ruleset).findings if f.category == "uncited-study"]
    block = read_html("a.html", cited).blocks[0]
    assert block.text == "A 2021 trial found less fatigue."  # the marker is not a word of the sentence
    assert block.links == ("#ref-1",)


def test_html_sources_list_numbers_satisfy_markers(ruleset):
    page = "<p>A 2019 trial found less fatigue [2].</p><h2>Sources</h2><ol><li>Lee H.</li><li>Kim S.</li></ol>"
    assert not [f for f in lint_text("a.html", page, ruleset).findings if f.rule == "evidence.unresolved-reference"]
    short = page.replace("<li>Kim S.</li>", "")
    assert [f.match for f in lint_text("b.html", short, ruleset).findings if f.category == "uncited-study"] == ["[2]"]


def test_html_directives_work(ruleset):
    page = "<!-- claimcheck disable-next-line claims.cure -->\n<p>Acupuncture cures MS.</p>\n<p>It cures MS.</p>"
    cures = [f.line for f in lint_text("a.html", page, ruleset).findings if f.rule == "claims.cure"]
    assert cures == [3]


def test_html_review_and_text_output(tmp_path, cli):
    write(tmp_path, "page.html", "<nav>Menu</nav>\n<article><h1>Tea</h1>\n<p>Acupuncture cures MS &amp; fatigue.</p></article>\n")
    text = cli("check", "--color", "never", "page.html")
    assert "page.html:3:16" in text.out
    assert "    <p>Acupuncture cures MS &amp; fatigue.</p></article>" in text.out
    review = cli("check", "--format", "html", "page.html")
    assert review.code == 1
    assert "<h1>Tea</h1>" in review.out and "Menu" not in review.out.split('<article class="draft"')[1].split("</article>")[0]
    assert ">cures</mark> MS &amp; fatigue.</p>" in review.out


# -- Word ---------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _docx(body: str, *, styles: str = "", numbering: str = "", rels: str = "") -> bytes:
    tool = _tool()
    parts = {
        "[Content_Types].xml": tool.CONTENT_TYPES,
        "_rels/.rels": tool.PACKAGE_RELS,
        "word/document.xml": f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>',
    }
    if styles:
        parts["word/styles.xml"] = f'<w:styles xmlns:w="{W}">{styles}</w:styles>'
    if numbering:
        parts["word/numbering.xml"] = f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'
    if rels:
        parts["word/_rels/document.xml.rels"] = (
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
        )
    return tool.zip_parts(parts)


def _p(text: str, properties: str = "", run: str = "") -> str:
    return f'<w:p><w:pPr>{properties}</w:pPr><w:r><w:rPr>{run}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_docx_paragraphs_are_lines_and_styles_make_kinds():
    styles = (
        '<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="Chapter"/><w:basedOn w:val="berschrift2"/></w:style>'
    )
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = (
        _p("Localised heading", '<w:pStyle w:val="berschrift2"/>')
        + "<w:p/>"
        + _p("Based on a heading", '<w:pStyle w:val="Custom"/>')
        + _p("Outline heading", '<w:outlineLvl w:val="2"/>')
        + _p("First", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
        + _p("Second", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
        + _p("Bullet", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>')
        + "<w:tbl><w:tr><w:tc>" + _p("Cell a") + "</w:tc><w:tc>" + _p("Cell b") + "</w:tc></w:tr></w:tbl>"
        + _p("After the table")
    )
    document = read_docx("d.docx", _docx(body, styles=styles, numbering=numbering))
    assert document.source.split("\n") == [
        "Localised heading", "", "Based on a heading", "Outline heading", "First", "Second", "Bullet",
        "Cell a", "Cell b", "After the table",
    ]
    kinds = [(b.kind, b.heading_level, b.ordinal) for b in document.blocks]
    assert kinds == [
        ("heading", 2, 0), ("heading", 2, 0), ("heading", 3, 0), ("list_item", 0, 1), ("list_item", 0, 2),
        ("list_item", 0, 0), ("table_cell", 0, 0), ("table_cell", 0, 0), ("paragraph", 0, 0),
    ]
    assert document.blocks[6].group == document.blocks[7].group
    # Paragraph 10 is line 10: an empty paragraph counts.
    assert document.position(document.blocks[-1].source_offset(0)) == (10, 1)


def test_docx_reads_what_word_shows():
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Kept </w:t></w:r>'
        '<w:del><w:r><w:delText>deleted miracle </w:delText></w:r></w:del>'
        '<w:ins><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden miracle</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://example.org/a" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>field text</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:tab/><w:t>after a tab</w:t><w:br/><w:t>after a break</w:t></w:r>'
        '<w:hyperlink r:id="rId9"><w:r><w:t xml:space="preserve"> link</w:t></w:r></w:hyperlink>'
        '<w:r><w:t>.</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r>'
        '<w:r><w:footnoteReference w:id="3"/></w:r></w:p>'
    )
    rels = f'<Relationship Id="rId9" Type="{R}/hyperlink" Target="https://doi.org/10.1/x" TargetMode="External"/>'
    document = read_docx("d.docx", _docx(body, rels=rels))
    assert document.source == "Kept inserted field text\tafter a tab after a break link.2"
    block = document.blocks[0]
    assert block.text == "Kept inserted field text\tafter a tab after a break link."
    assert block.links == ("https://example.org/a", "https://doi.org/10.1/x")
    assert block.footnotes == ("2", "3")


def test_docx_text_output_quotes_the_paragraph(tmp_path, cli):
    (tmp_path / "d.docx").write_bytes(_docx(_p("Title", '<w:outlineLvl w:val="0"/>') + _p("Our tea is fine. Acupuncture cures MS.")))
    result = cli("check", "--color", "never", "d.docx")
    assert result.code == 1
    assert "d.docx:2:30  error    overclaim  \"cures\"\n    Our tea is fine. Acupuncture cures MS.\n" in result.out
    review = cli("check", "--format", "html", "d.docx")
    assert '<span class="where">paragraph 2</span> <q>cures</q>' in review.out
    hype = cli("check", "--format", "html", str(FIXTURES / "clinic-hype.docx"))
    assert 'Acupuncture! <span class="muted">paragraph 1, grade 9.0</span>' in hype.out  # a section above the target


def test_empty_docx_has_nothing_to_report(tmp_path, cli):
    (tmp_path / "d.docx").write_bytes(_docx("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>"))
    result = cli("check", "--format", "json", "d.docx")
    assert result.code == 0
    assert json.loads(result.out)["files"][0]["findings"] == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"just text, no zip", "not a Word .docx file (not a zip archive)"),
        (_docx("").replace(b"word/document.xml", b"word/other000.xml"), "not a Word .docx file (no word/document.xml in it)"),
    ],
)
def test_a_docx_that_is_not_one(tmp_path, cli, data, reason):
    (tmp_path / "d.docx").write_bytes(data)
    result = cli("check", "d.docx")
    assert result.code == 2
    assert result.err == f"claimcheck: d.docx: {reason}\n"


def test_broken_docx_xml_is_one_line(tmp_path, cli):
    parts = {"word/document.xml": "<w:document><w:body>"}
    (tmp_path / "d.docx").write_bytes(_tool().zip_parts(parts))
    result = cli("check", "d.docx")
    assert result.code == 2
    assert result.err.startswith("claimcheck: d.docx: not a readable .docx (word/document.xml: ")
    assert result.err.count("\n") == 1


# -- formats that are not read, --fix, walking ------------------------------------------------------


def test_known_formats_are_named():
    assert known_formats() == KNOWN


@pytest.mark.parametrize("name", ["notes.pdf", "draft.odt", "draft.RTF", "old.doc"])
def test_a_foreign_format_is_refused(tmp_path, cli, name):
    (tmp_path / name).write_bytes(b"{\\rtf1 Acupuncture cures MS.}")
    result = cli("check", name, "--format", "json")
    assert result.code == 2
    suffix = name[name.rindex(".") :].lower()
    assert result.err == f"claimcheck: {name}: '{suffix}' is not a format claimcheck reads; it reads {KNOWN}\n"


@pytest.mark.parametrize("data", [b"%PDF-1.7 Acupuncture cures MS.", b"PK\x03\x04odt", b"data\x00\x01\x02"])
def test_binary_data_under_no_known_suffix_is_refused(tmp_path, cli, data):
    (tmp_path / "draft").write_bytes(data)
    result = cli("check", "draft")
    assert result.code == 2
    assert result.err == f"claimcheck: draft: binary data in no format claimcheck reads; it reads {KNOWN}\n"


def test_text_under_an_unknown_suffix_is_still_markdown(tmp_path, cli):
    write(tmp_path, "draft.text", "Acupuncture cures MS.\n")
    result = cli("check", "draft.text", "--format", "json")
    assert result.code == 1
    assert "claims.cure" in result.out


@pytest.mark.parametrize(("name", "form"), [("page.html", "HTML"), ("d.docx", "Word")])
@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_fix_refuses_html_and_word(tmp_path, cli, name, form, option):
    data = _docx(_p("Patients utilize it.")) if name.endswith(".docx") else b"<p>Patients utilize it.</p>\n"
    (tmp_path / name).write_bytes(data)
    write(tmp_path, "a.md", "Patients utilize it.\n")
    result = cli("check", option, "a.md", name)
    assert result.code == 2
    assert result.err == (
        f"claimcheck: {name}: --fix and --diff rewrite only Markdown and plain-text drafts, not {form}; "
        "make the changes where the draft is edited\n"
    )
    assert result.out == ""
    assert (tmp_path / name).read_bytes() == data
    assert (tmp_path / "a.md").read_text() == "Patients utilize it.\n"  # nothing is fixed when one draft is refused


def test_walking_reads_html_and_word_only_when_configured(tmp_path, cli):
    write(tmp_path, "drafts/a.md", "Acupuncture cures MS.\n")
    write(tmp_path, "drafts/page.html", "<p>Acupuncture cures MS.</p>\n")
    (tmp_path / "drafts" / "d.docx").write_bytes(_docx(_p("Acupuncture cures MS.")))
    (tmp_path / "drafts" / "~$d.docx").write_bytes(b"\x00lock")
    default = json.loads(cli("check", "--format", "json", "drafts").out)
    assert [f["path"] for f in default["files"]] == ["drafts/a.md"]
    write(tmp_path, ".claimcheck.yaml", "extensions: [.md, .html, .docx]\n")
    configured = cli("check", "--format", "json", "drafts")
    assert configured.code == 1, configured.err
    files = json.loads(configured.out)["files"]
    assert [f["path"] for f in files] == ["drafts/a.md", "drafts/d.docx", "drafts/page.html"]
    assert all(any(x["rule"] == "claims.cure" for x in f["findings"]) for f in files)


def test_docx_reports_are_cached(tmp_path, cli):
    shutil_source = FIXTURES / "clinic-hype.docx"
    (tmp_path / "d.docx").write_bytes(shutil_source.read_bytes())
    first = cli("check", "--cache", "--color", "never", "d.docx")
    again = cli("check", "--cache", "--color", "never", "d.docx")
    assert first.code == again.code == 1
    assert first.out == again.out
    assert "Acupuncture cures the fatigue" in again.out
