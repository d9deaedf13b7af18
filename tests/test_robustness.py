"""Property tests: on any text claimcheck never crashes, and every finding points at its match.

Lines end at CR, LF or CRLF (as in the document model and SARIF); columns count characters;
a leading BOM is not part of the text that positions count in.
"""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from claimcheck.core.findings import FileReport, Report
from claimcheck.output.formatters import render_json
from claimcheck.run.lint import lint_text
from claimcheck.source.document import MAX_NESTING, _markdown

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Words that rules report, so that findings (and their positions) are exercised.
CLAIMS = [
    "Acupuncture cures MS.", "It is 100% safe.", "a miracle cure", "guaranteed results",
    "Stop taking your medication.", "proven to work", "Talk with your doctor.",
    "See a licensed acupuncturist.", "It is natural, so it is safe.", "curing", "cures",
]
WORDS = st.sampled_from(CLAIMS + ["MS", "fatigue", "sessions", "é", "naïve", "日本語", "🙂", "\u200b", "&amp;", "\\*"])


@st.composite
def inline(draw: st.DrawFn) -> str:
    """A line of prose with inline markup, entities and claims."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        word = draw(WORDS)
        wrap = draw(st.sampled_from(["{}", "*{}*", "**{}**", "_{}_", "`{}`", "[{}](https://x.org/a_(b))",
                                     "[{}][1]", "{}[^1]", "<span>{}</span>", "~~{}~~", "<{}>", "{}  ", "{}\t"]))
        parts.append(wrap.format(word))
    return " ".join(parts)


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> list[str]:
    """One Markdown block, possibly nested, as lines."""
    kind = draw(st.sampled_from(["para", "heading", "list", "quote", "table", "code", "html", "footnote", "setext"]))
    text = draw(inline())
    if kind == "heading":
        return [f"{'#' * draw(st.integers(1, 7))} {text}"]
    if kind == "setext":
        return [text, draw(st.sampled_from(["===", "---"]))]
    if kind in ("list", "quote") and depth < 12:
        marker = draw(st.sampled_from(["- ", "* ", "1. ", "2) ", "> ", ">", "\t- "]))
        inner = draw(block(depth + 1))
        indent = " " * len(marker) if marker[0] != ">" else marker
        return [marker + inner[0], *(indent + line for line in inner[1:])]
    if kind == "table":
        return ["| a | b |", "|---|:-:|", f"| {text} | {draw(inline())} |", f"{draw(inline())} | x"]
    if kind == "code":
        return ["```", text, draw(st.sampled_from(["```", ""]))]
    if kind == "html":
        return [f"<!-- claimcheck disable-next-line claims.cure --> {text}", "<div>", text, "</div>"]
    if kind == "footnote":
        return [f"[^1]: {text}", f"    {draw(inline())}"]
    return [text, draw(inline())] if draw(st.booleans()) else [text]


@st.composite
def markdown(draw: st.DrawFn) -> str:
    """A draft: optional BOM and front matter, blocks, mixed line endings, maybe a very long line."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["---", "title: Acupuncture cures MS", "---"]
    for _ in range(draw(st.integers(0, 8))):
        lines += draw(block())
        lines.append("")
    if draw(st.booleans()):
        lines.append(draw(inline()) * draw(st.integers(50, 400)))
    breaks = st.sampled_from(["\n", "\r\n", "\r"])
    text = "".join(line + draw(breaks) for line in lines)
    return ("\ufeff" if draw(st.booleans()) else "") + text


def check_positions(source: str, report: FileReport) -> None:
    """Every text finding lies inside the file and the source at its range equals its match."""
    text = source.removeprefix("\ufeff")
    starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]
    ends = [m.start() for m in LINE_BREAK.finditer(text)] + [len(text)]

    def offset(line: int, column: int) -> int:
        assert 1 <= line <= len(starts), f"line {line} outside the file ({len(starts)} lines)"
        at = starts[line - 1] + column - 1
        assert starts[line - 1] <= at <= ends[line - 1], f"column {column} outside line {line}"
        return at

    for finding in report.findings:
        if finding.scope == "document":
            assert (finding.line, finding.column, finding.match) == (1, 1, "")
            continue
        start, end = offset(finding.line, finding.column), offset(finding.end_line, finding.end_column)
        assert start < end
        assert text[start:end] == finding.match, finding


def check(ruleset, path: str, source: str) -> None:
    report = lint_text(path, source, ruleset)
    check_positions(source, report)
    payload = json.loads(render_json(Report((report,))))
    assert len(payload["files"][0]["findings"]) == len(report.findings)


@SETTINGS
@given(st.text())
def test_any_unicode_text(ruleset, text):
    check(ruleset, "draft.md", text)
    check(ruleset, "draft.txt", text)


# Prose without inline markup, which the parser tokenizes itself rather than by markdown-it's
# inline rules: punctuation, hard and soft breaks, indentation, trailing spaces and tabs.
PLAIN_PIECES = st.sampled_from(["Acupuncture", "cures", "MS", " ", "  ", "\t", "\n", "  \n", " \n  ", "\n\n", "!", "^", "#",
                                "-", "1.", "~", "|", "é", "日本語", "x:", "$5", "50%", "(see)", "> ", "http", "www."])
REFERENCE_PARSER = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table").use(footnote_plugin)


def token_stream(tokens) -> list[tuple]:
    """Everything markdown-it says of each token, children included."""
    return [
        (t.type, t.tag, t.nesting, t.map, t.level, t.content, t.markup, t.info, t.meta, t.block, t.hidden,
         sorted(t.attrs.items()), token_stream(t.children or []))
        for t in tokens
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(markdown(), st.lists(PLAIN_PIECES, max_size=40).map("".join)))
def test_the_tuned_parser_gives_markdown_its_own_tokens(text):
    # claimcheck's parser skips markdown-it's inline rules on plain prose and its block rules
    # on lines that cannot start their blocks; what it makes must not differ in any way.
    assert token_stream(_markdown().parse(text)) == token_stream(REFERENCE_PARSER.parse(text))


@SETTINGS
@given(markdown())
def test_random_markdown(ruleset, text):
    check(ruleset, "draft.md", text)


@SETTINGS
@given(markdown())
def test_random_markdown_read_as_plain_text(ruleset, text):
    check(ruleset, "draft.txt", text)


@SETTINGS
@given(st.lists(st.sampled_from(CLAIMS + ["\t", "\r", "\n", "\r\n", " ", "> ", "- ", "#", "|", "*", "\ufeff"]), max_size=40))
def test_claims_among_line_breaks_tabs_and_markup(ruleset, pieces):
    check(ruleset, "draft.md", "".join(pieces))


def test_deep_nesting_is_checked(ruleset):
    quotes = "".join("> " * depth + "Acupuncture cures MS.\n\n" for depth in range(0, 100, 9))
    lists = "".join("  " * depth + "- Acupuncture cures MS.\n" for depth in range(60))
    for source in (quotes, lists, "\n\n".join([quotes, lists])):
        report = lint_text("deep.md", source, ruleset)
        check_positions(source, report)
        expected = source.count("cures")
        assert [f.match for f in report.findings if f.rule == "claims.cure"] == ["cures"] * expected


def test_crlf_bom_and_tabs_keep_exact_positions(ruleset):
    source = "\ufeff# Title\r\n\r\nAcupuncture\tcures MS.\r- It is 100% safe.\n\n# End\n\n\tIndented code cures nothing.\n"
    report = lint_text("a.md", source, ruleset)
    check_positions(source, report)
    assert {(f.line, f.column, f.match) for f in report.findings if f.scope == "text"} == {
        (3, 13, "cures"), (4, 9, "100% safe"),
    }


SENTENCE_TEXT = st.lists(
    st.sampled_from(list(".!?。…\"')(:;-— \t\nabcXY12") + ["Dr.", "e.g.", "U.S.", "...", " It ", "?!"]), max_size=40
).map("".join)


@SETTINGS
@given(st.one_of(SENTENCE_TEXT, st.text(max_size=40)))
def test_sentence_splitting_is_spacy_sentencizer(text):
    from spacy.pipeline import Sentencizer

    from claimcheck.nlp.pipeline import analyze_one, pipeline

    reference = pipeline().make_doc(text)
    Sentencizer()(reference)
    ours = analyze_one(text)
    assert [s.start for s in ours.sents] == [s.start for s in reference.sents] if len(reference) else not len(ours)
