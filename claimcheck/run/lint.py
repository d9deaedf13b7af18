"""Linting one draft: parse it, analyse its language, run the compiled rules, keep what the directives allow."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from claimcheck.analysis.draft import Analysis, sentence_chars
from claimcheck.analysis.reading_level import measure, summarise
from claimcheck.checks import Hit
from claimcheck.checks.strengths import strength_at
from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import CLAIM_CATEGORIES, FileReport, Finding, Fix
from claimcheck.core.rule import Rule
from claimcheck.filters.directives import apply_directives
from claimcheck.filters.once import report_once
from claimcheck.nlp.pipeline import analyze
from claimcheck.ruleset.reading import Settings
from claimcheck.run.load import RuleSet
from claimcheck.source.document import Block, Document, TooDeep
from claimcheck.source.files import decode_draft, read_bytes
from claimcheck.source.formats import format_of, parse_text, read_document
from claimcheck.source.references import Reference, load_sources, merged, sidecars

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimcheck.run.cache import Cache



def analyse(document: Document) -> Analysis:
    """Run the NLP pipeline over a document's prose blocks."""
    return Analysis(document, tuple(analyze(block.text for block in document.blocks)))


def lint_text(path: str, source: str, ruleset: RuleSet) -> FileReport:
    """Lint one draft given as text (Markdown, plain text or HTML, by its path)."""
    if not source.lstrip("\ufeff").strip():
        # Nothing written yet: nothing to report, not even missing advice.
        return FileReport(path, source=source)
    return lint_document(parse_text(path, source), ruleset, source)


def lint_document(document: Document, ruleset: RuleSet, source: str | None = None) -> FileReport:
    """Lint a parsed draft; `source` is the text the report keeps for quoting (the document's own by default)."""
    path = document.path
    if source is None:
        source = document.source
        if not source.strip():
            return FileReport(path, source=source)
    analysis = analyse(document)
    references = draft_sources(path, ruleset.references)
    analysis = replace(analysis, readability=measure(analysis, ruleset.readability or Settings()), references=references)
    findings: list[Finding] = []
    once: dict[int, str] = {}  # id of a finding -> its `once` key (the findings stay alive here)
    for rule in ruleset.rules:
        for hit in ruleset.compiled[rule.id].run(analysis):
            findings.append(_finding(rule, hit, analysis))
            if hit.once is not None:
                once[id(findings[-1])] = hit.once
    kept = apply_directives(analysis.document, _without_echoes(findings), ruleset.known or ruleset.ids())
    if once:
        # After the directives: a use they waive is neither reported nor counted.
        kept = report_once(kept, once)
    assert analysis.readability is not None
    return FileReport(path, tuple(kept), summarise(analysis.readability, analysis), source=source)


def draft_sources(path: str, given: tuple[Reference, ...]) -> tuple[Reference, ...]:
    """The sources of one draft: its sidecar's (see claimcheck.source.references) and those given to the run."""
    own = [reference for sidecar in sidecars(path) for reference in load_sources(sidecar)]
    return merged([*own, *given]) if own else given


def _without_echoes(findings: list[Finding]) -> list[Finding]:
    """Drop an unhedged-claim finding on words an overclaim finding already covers.

    "can heal nerve damage" is one problem for the writer: the overclaim says it, and an
    extra "state it with a hedge" on the same words would only be noise.
    """
    overclaims: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.category == "overclaim":
            for line in range(finding.line, finding.end_line + 1):
                overclaims.setdefault(line, []).append(finding)
    return [f for f in findings if f.category != "unhedged-claim" or not any(_overlap(f, o) for o in overclaims.get(f.line, ()))]


def _overlap(a: Finding, b: Finding) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (a.end_line, a.end_column)


def _finding(rule: Rule, hit: Hit, analysis: Analysis) -> Finding:
    document = analysis.document
    if hit.block is None:
        message = hit.message or rule.format_message("")
        return Finding(rule.id, rule.category, rule.level, message, 1, 1, 1, 1, "", hit.suggestion, "document")
    block = document.blocks[hit.block]
    start = block.source_offset(hit.start)
    end = block.source_offset(hit.end - 1) + 1
    line, column = document.position(start)
    end_line, end_column = document.position(end)
    text = block.text[hit.start : hit.end]
    sentence = _sentence_text(analysis.docs[hit.block], block.text, hit.start)
    message = hit.message or rule.format_message(text)
    return Finding(
        rule.id, rule.category, rule.level, message, line, column, end_line, end_column,
        document.source[start:end], hit.suggestion, "text", sentence, _source_fix(hit, block, document.source),
        source=hit.source,
        strength=_claim_strength(rule, hit, analysis.docs[hit.block]),
    )


def _claim_strength(rule: Rule, hit: Hit, doc: Doc) -> str | None:
    """The strength a claim finding carries: its check's, else its sentence's; None on other findings."""
    if rule.category not in CLAIM_CATEGORIES or not len(doc):
        return None
    strength = hit.strength if hit.strength is not None else strength_at(doc, hit.start)
    return strength.value


def _sentence_text(doc: Doc, text: str, start: int) -> str:
    """The sentence of a block (whose Doc is `doc`) that holds character `start`; "" if none does."""
    chars = sentence_chars(doc)
    # By bisection: a paragraph with thousands of findings has thousands of sentences too.
    at = bisect_right(chars, (start, len(text) + 1)) - 1
    if at >= 0 and chars[at][0] <= start < chars[at][1]:
        return text[chars[at][0] : chars[at][1]]
    return ""


def _source_fix(hit: Hit, block: Block, source: str) -> Fix | None:
    """The hit's fix at source offsets, only where the source spells the span exactly as read."""
    if hit.fix is None or hit.fix.end <= hit.fix.start:
        return None
    start = block.source_offset(hit.fix.start)
    end = block.source_offset(hit.fix.end - 1) + 1
    # Markup, an escape, an entity or a line break inside the span: leave it to the writer.
    if source[start:end] != block.text[hit.fix.start : hit.fix.end]:
        return None
    return Fix(start, end, hit.fix.text)


def lint_file(path: str, ruleset: RuleSet, cache: Cache | None = None) -> FileReport:
    """Lint one draft file, keeping its report in the cache when given; a file that cannot be read is reported.

    The cache is not asked for the draft here: lint_reports asked before handing it on.
    """
    try:
        data = read_bytes(path)
        key = cache.key(path, data) if cache else ""
    except ClaimcheckError as failure:
        return FileReport(path, error=failure.render())
    report = guarded(path, lambda: _lint_data(path, data, ruleset))
    if cache and report.error is None:
        cache.put(key, report)
    return report


def _lint_data(path: str, data: bytes, ruleset: RuleSet) -> FileReport:
    """Lint a draft file's bytes with the reader its format calls for."""
    if format_of(path).text:
        return lint_text(path, decode_draft(data, path), ruleset)
    return lint_document(read_document(path, data), ruleset)


def guarded(path: str, lint: Callable[[], FileReport]) -> FileReport:
    # A bug met on one odd draft must not stop a run over a whole archive: that draft is
    # reported as not checked (exit status 2) and the others still are.
    try:
        return lint()
    except ClaimcheckError as error:  # a file that cannot be read as its format
        return FileReport(path, error=error.render())
    except TooDeep as error:
        return FileReport(path, error=f"{path}: {error}")
    except RecursionError:
        return FileReport(path, error=f"{path}: too deeply nested to check")
    except Exception as error:  # noqa: BLE001 - reported, never swallowed
        return FileReport(path, error=f"{path}: internal error ({type(error).__name__}: {_one_line(error)}); please report it")


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]
