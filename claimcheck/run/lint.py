"""The API: build a RuleSet from a Config, lint text or files, get Reports back."""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from claimcheck.checks import Analysis, Hit, compile_rule
from claimcheck.ruleset.config import Config
from claimcheck.filters.directives import DIRECTIVE_RULE, apply_directives
from claimcheck.source.document import Block, Document, TooDeep, parse
from claimcheck.core.errors import ClaimcheckError
from claimcheck.nlp.pipeline import analyze, sentences
from claimcheck.nlp.readability import Settings, as_json, measure, settings_from
from claimcheck.core.findings import FileReport, Finding, Fix, Report
from claimcheck.ruleset.rule import (
    Rule,
    RuleSet,
    builtin_rules_dir,
    discover,
    load_yaml,
    parse_rule,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimcheck.run.cache import Cache

STDIN = "-"
_SENTENCE_CHARS = "claimcheck.sentence_chars"


def load_ruleset(config: Config, *, compiled: bool = True) -> RuleSet:
    """Every active rule: built-in packs (as selected), then the user's folders, with config applied.

    With `compiled=False` the rules are read and checked as YAML but not compiled (no spaCy):
    enough to fingerprint a cache, and `compile_ruleset` finishes the job when a draft needs it.
    """
    builtin = dict(discover(builtin_rules_dir()))
    sources = dict(_builtin_sources(builtin, config))
    for folder in config.rule_paths:
        if not folder.is_dir():
            raise ClaimcheckError("rule folder not found (from 'rule-paths')", str(folder))
        sources.update(discover(folder))
    unknown = sorted(set(config.rules) - set(sources))
    if unknown:
        where = config.rule_origins.get(unknown[0], (config.path, None))
        if unknown[0] in builtin:
            pack = unknown[0].split(".")[0]
            raise ClaimcheckError(f"'rules' sets '{unknown[0]}', but its pack '{pack}' is not in 'packs'", *where)
        raise ClaimcheckError(f"'rules' names an unknown rule '{unknown[0]}'", *where)
    rules = []
    for rule_id, path in sorted(sources.items()):
        setting = config.rules.get(rule_id)
        if setting == "off":
            continue
        overrides = {"level": setting} if isinstance(setting, str) else setting
        rules.append(parse_rule(rule_id, path, load_yaml(path), overrides, config.rule_origins.get(rule_id)))
    known = frozenset(sources) | frozenset(builtin)
    ruleset = RuleSet(tuple(rules), {}, known, settings_from(config.readability, config.path))
    return compile_ruleset(ruleset) if compiled else ruleset


def compile_ruleset(ruleset: RuleSet) -> RuleSet:
    """The rule set with every rule compiled; a rule that cannot compile is a load error."""
    if len(ruleset.compiled) == len(ruleset.rules):
        return ruleset
    return replace(ruleset, compiled={rule.id: compile_rule(rule) for rule in ruleset.rules})


def _builtin_sources(builtin: dict[str, Path], config: Config) -> Iterator[tuple[str, Path]]:
    """The built-in rules (id -> file) of the packs the config selects."""
    packs = {rule_id.split(".")[0] for rule_id in builtin}
    for pack in config.packs or ():
        if pack not in packs:
            raise ClaimcheckError(f"'packs' names an unknown pack '{pack}' (known: {', '.join(sorted(packs))})", config.path)
    for rule_id, path in builtin.items():
        if config.packs is None or rule_id.split(".")[0] in config.packs:
            yield rule_id, path


def analyse(document: Document) -> Analysis:
    """Run the NLP pipeline over a document's prose blocks."""
    return Analysis(document, tuple(analyze(block.text for block in document.blocks)))


def lint_text(path: str, source: str, ruleset: RuleSet) -> FileReport:
    """Lint one draft given as text."""
    if not source.lstrip("\ufeff").strip():
        # Nothing written yet: nothing to report, not even missing advice.
        return FileReport(path, source=source)
    analysis = analyse(parse(path, source))
    analysis = replace(analysis, readability=measure(analysis, ruleset.readability or Settings()))
    findings = [
        _finding(rule, hit, analysis)
        for rule in ruleset.rules
        for hit in ruleset.compiled[rule.id].run(analysis)
    ]
    kept = apply_directives(analysis.document, _without_echoes(findings), ruleset.known or ruleset.ids())
    assert analysis.readability is not None
    return FileReport(path, tuple(kept), as_json(analysis.readability, analysis), source=source)


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
    )


def _sentence_text(doc: Doc, text: str, start: int) -> str:
    """The sentence of a block (whose Doc is `doc`) that holds character `start`; "" if none does."""
    chars = doc.user_data.get(_SENTENCE_CHARS)
    if chars is None:
        chars = [(s.start_char, s.end_char) for s in sentences(doc)]
        doc.user_data[_SENTENCE_CHARS] = chars
    return next((text[first:last] for first, last in chars if first <= start < last), "")


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


def read_draft(path: str) -> str:
    """The text of a draft file; unreadable, binary or non-UTF-8 files raise a one-line error."""
    return decode_draft(read_bytes(path), path)


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file; anything else (folder, FIFO, device, link loop) is a one-line error."""
    # O_NONBLOCK: opening a FIFO named like a draft must not hang the run waiting for a writer.
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise ClaimcheckError("is a directory", path) from None
    except OSError as error:
        raise ClaimcheckError(f"cannot read: {_reason(error)}", path) from None
    _require_regular(handle, path)
    with os.fdopen(handle, "rb") as file:
        try:
            return file.read()
        except OSError as error:
            raise ClaimcheckError(f"cannot read: {_reason(error)}", path) from None


def _require_regular(handle: int, path: str) -> None:
    """Return for a regular file; otherwise close `handle` and raise the reason."""
    mode = os.fstat(handle).st_mode
    if stat.S_ISREG(mode):
        return
    os.close(handle)
    raise ClaimcheckError("is a directory" if stat.S_ISDIR(mode) else "not a regular file", path)


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    return (error.strerror or str(error)).lower()


def decode_draft(data: bytes, path: str) -> str:
    """Decode a draft's bytes as UTF-8 (a BOM is allowed), refusing binary files."""
    if b"\x00" in data[:8192]:
        raise ClaimcheckError("binary file, not a text draft", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ClaimcheckError(f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})", path) from None


def collect(paths: Iterable[str], config: Config) -> Iterator[tuple[str, ClaimcheckError | None]]:
    """Expand directories into drafts, in a stable order; a path that cannot be used comes with its error."""
    for path in paths:
        if path == STDIN or os.path.isfile(path):
            yield path, None
        elif os.path.isdir(path):
            drafts = sorted(_walk(path, config))
            if not drafts:
                yield path, ClaimcheckError(f"no drafts ({', '.join(config.extensions)}) in this folder", path)
            for draft in drafts:
                yield draft, None
        elif os.path.lexists(path):
            yield path, ClaimcheckError(_stat_reason(path), path)
        else:
            yield path, ClaimcheckError("no such file or folder", path)


def _stat_reason(path: str) -> str:
    try:
        os.stat(path)
    except OSError as error:
        if error.errno != errno.ENOENT:
            return _reason(error)
        return "broken symbolic link"
    return "not a regular file or folder"


def _walk(root: str, config: Config) -> Iterator[str]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and not _excluded(os.path.join(folder, d), config))
        for name in files:
            path = os.path.join(folder, name)
            if name.lower().endswith(config.extensions) and not _excluded(path, config):
                yield path


def _excluded(path: str, config: Config) -> bool:
    posix = Path(path).as_posix().removeprefix("./")
    return any(fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(posix, f"{pattern.rstrip('/')}/*") for pattern in config.exclude)


def lint_paths(
    paths: Iterable[str],
    ruleset: RuleSet,
    config: Config,
    stdin: str | None = None,
    *,
    jobs: int = 1,
    cache: Cache | None = None,
) -> Report:
    """Lint every draft under `paths`, in a stable order; a file that cannot be read is reported, not fatal."""
    return Report(tuple(lint_reports(paths, ruleset, config, stdin, jobs=jobs, cache=cache)), report_rules(ruleset))


def report_rules(ruleset: RuleSet) -> tuple[Rule, ...]:
    """The rules a report can name: the rule set's and the one that reports bad directives."""
    return (*ruleset.rules, DIRECTIVE_RULE)


def lint_reports(
    paths: Iterable[str],
    ruleset: RuleSet,
    config: Config,
    stdin: str | None = None,
    *,
    jobs: int = 1,
    cache: Cache | None = None,
) -> Iterator[FileReport]:
    """`lint_paths`' reports one by one, in the same order, each as soon as it is ready.

    What can fail for the whole run (compiling the rules) happens before this returns, so
    that nothing has been written when it does.
    """
    from claimcheck.run.parallel import lint_files

    reports: dict[int, FileReport] = {}
    drafts: list[tuple[int, str]] = []
    count = 0
    for index, (path, error) in enumerate(collect(paths, config)):
        count += 1
        if error is not None:
            reports[index] = FileReport(path, error=error.render())
        elif path == STDIN:
            ruleset = compile_ruleset(ruleset)
            reports[index] = _guarded("<stdin>", lambda: lint_text("<stdin>", stdin or "", ruleset))
        else:
            cached = _cached(path, cache) if cache else None
            if cached is not None:
                reports[index] = cached
            else:
                drafts.append((index, path))
    # Rules are compiled (and spaCy loaded) only when some draft has no cached report.
    if drafts:
        ruleset = compile_ruleset(ruleset)
    linted = lint_files([path for _, path in drafts], ruleset, jobs, cache)
    # The drafts come back in the order of their indexes, between the reports already made.
    return (reports[index] if index in reports else next(linted) for index in range(count))


def lint_file(path: str, ruleset: RuleSet, cache: Cache | None = None) -> FileReport:
    """Lint one draft file, keeping its report in the cache when given; a file that cannot be read is reported.

    The cache is not asked for the draft here: lint_reports asked before handing it on.
    """
    try:
        data = read_bytes(path)
        key = cache.key(path, data) if cache else ""
        source = decode_draft(data, path)
    except ClaimcheckError as failure:
        return FileReport(path, error=failure.render())
    report = _guarded(path, lambda: lint_text(path, source, ruleset))
    if cache and report.error is None:
        cache.put(key, report)
    return report


def _cached(path: str, cache: Cache) -> FileReport | None:
    """The cached report of an unchanged draft; None when it must be linted (or cannot be read)."""
    try:
        return cache.get(cache.key(path, read_bytes(path)))
    except ClaimcheckError:
        return None  # linting reports why


def _guarded(path: str, lint: Callable[[], FileReport]) -> FileReport:
    # A bug met on one odd draft must not stop a run over a whole archive: that draft is
    # reported as not checked (exit status 2) and the others still are.
    try:
        return lint()
    except TooDeep as error:
        return FileReport(path, error=f"{path}: {error}")
    except RecursionError:
        return FileReport(path, error=f"{path}: too deeply nested to check")
    except Exception as error:  # noqa: BLE001 - reported, never swallowed
        return FileReport(path, error=f"{path}: internal error ({type(error).__name__}: {_one_line(error)}); please report it")


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]
