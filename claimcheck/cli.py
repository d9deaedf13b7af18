"""The command line: parse arguments, run the linter, print, and compute the exit status once."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    NoReturn,
    TextIO,
)

from claimcheck import __version__
from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import LEVELS, FileReport, Report, level_rank
from claimcheck.core.printable import printable
from claimcheck.output.explain import explain
from claimcheck.output.formatters import FORMATS, STREAMED, render_parts, stream_parts
from claimcheck.ruleset.config import (
    DEFAULT_CACHE_FOLDER,
    FAIL_LEVELS,
    Config,
    find_config,
    load_config,
)

# Only what every command needs is imported up front: --help and a one-draft check should
# not pay for the HTML and SARIF writers, baselines or the cache.
if TYPE_CHECKING:
    from claimcheck.core.rule import Rule
    from claimcheck.filters.baseline import Baseline
    from claimcheck.run.cache import Cache
    from claimcheck.run.configs import Configs, Draft
    from claimcheck.run.load import RuleSet

COMMANDS = ("check", "rules", "baseline", "lsp")
_TOP_LEVEL_OPTIONS = ("-h", "--help", "--version")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line with exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ClaimcheckError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with `check` and `rules` sub-commands."""
    parser = _Parser(
        prog="claimcheck",
        description="Lint health articles for overclaiming, missing hedges and citations, "
        "missing advice, reading level and jargon.",
        epilog="'check' is the default command: 'claimcheck draft.md' is 'claimcheck check draft.md'. "
        "Exit status: 0 nothing at or above the fail level, 1 findings at or above it, 2 usage, config or input error.",
    )
    # Printed by main, not argparse's action, so that it goes to the stream main was given.
    parser.add_argument("--version", action="store_true", help="print claimcheck's version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = commands.add_parser("check", help="lint drafts (the default command)", description="Lint drafts.")
    check.add_argument("paths", nargs="+", metavar="PATH", help="draft files or folders to walk; '-' reads standard input")
    check.add_argument(
        "--format", "-f", choices=FORMATS,
        help="output format (default: text, or github when GITHUB_ACTIONS=true)",
    )
    check.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto",
        help="colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never",
    )
    check.add_argument("--fail-on", choices=FAIL_LEVELS, help="lowest level that makes the exit status 1 (default: error)")
    check.add_argument(
        "--min-level", choices=LEVELS,
        help="show only findings at or above this level (default: info, all); the exit status still follows --fail-on",
    )
    check.add_argument(
        "--sources", action="append", metavar="FILE_OR_FOLDER",
        help="CSL-JSON or BibTeX file, or folder of abstracts, of the studies the drafts cite (repeatable)",
    )
    check.add_argument("--baseline", metavar="FILE", help="report and fail only on findings this baseline does not know")
    rewrite = check.add_mutually_exclusive_group()
    rewrite.add_argument("--fix", action="store_true", help="rewrite fixable findings in place, then report what is left")
    rewrite.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    _speed_options(check)
    _config_options(check)
    baseline = commands.add_parser(
        "baseline", help="record the current findings as a baseline (JSON)", description="Record a baseline."
    )
    baseline.add_argument("paths", nargs="+", metavar="PATH", help="draft files or folders to walk")
    baseline.add_argument("--output", "-o", metavar="FILE", help="write the baseline here (default: standard output)")
    _config_options(baseline)
    rules = commands.add_parser("rules", help="list the active rules, or explain one", description="List or explain rules.")
    rules.add_argument("rule", nargs="?", metavar="ID", help="a rule id, such as claims.cure")
    rules.add_argument("--check", action="store_true", help="run every rule on its own examples and report rules that cannot work")
    _config_options(rules)
    lsp = commands.add_parser(
        "lsp", help="serve findings to an editor (Language Server Protocol over stdio; needs claimcheck[lsp])",
        description="Serve findings to an editor over stdio. Each draft uses the nearest .claimcheck.yaml.",
    )
    lsp.add_argument("--stdio", action="store_true", help="accepted for editors that pass it: stdio is the only transport")
    return parser


def _speed_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=_positive, metavar="N", help="processes to lint with (default: the number of CPUs)")
    parser.add_argument("--cache", action="store_true", help=f"reuse reports of unchanged drafts, kept in {DEFAULT_CACHE_FOLDER}/")
    parser.add_argument(
        "--cache-dir", metavar="DIR", help=f"where --cache keeps its reports (default: {DEFAULT_CACHE_FOLDER}; implies --cache)"
    )


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not '{value}'")
    return int(value)


def _config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", "-c", metavar="FILE", help="config file (default: the nearest .claimcheck.yaml)")


def main(
    argv: Sequence[str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run claimcheck; returns the exit status."""
    stdout, stderr, stdin = stdout or sys.stdout, stderr or sys.stderr, stdin or sys.stdin
    args_in = list(sys.argv[1:] if argv is None else argv)
    # 'check' is the default command, with its options first too ('claimcheck --diff -').
    if args_in and args_in[0] not in (*COMMANDS, *_TOP_LEVEL_OPTIONS):
        args_in.insert(0, "check")
    try:
        args = build_parser().parse_args(args_in)
        if args.version:
            stdout.write(f"claimcheck {__version__}\n")
            return EXIT_OK
        if args.command is None:
            build_parser().print_help(stdout)
            return EXIT_ERROR
        if args.command == "lsp":
            from claimcheck.lsp import main as serve_lsp

            return serve_lsp(stderr)
        if args.command == "rules":
            return _rules(args, _config(args), stdout)
        configs = _configs(args)
        if args.command == "baseline":
            return _baseline(args, configs, stdout)
        if args.fix or args.diff:
            return _fix(args, configs, stdout, stderr, stdin)
        return _check(args, configs, stdout, stderr, stdin)
    except ClaimcheckError as error:
        say(stderr, f"claimcheck: {error}")
        return EXIT_ERROR
    except Terminated:
        say(stderr, "claimcheck: terminated; the draft being written was left as it was")
        return 143
    except KeyboardInterrupt:
        say(stderr, "claimcheck: interrupted")
        return 130


def say(stderr: TextIO, line: str) -> None:
    """Write one line to stderr, its control characters escaped.

    It may hold a file name, a config key or a draft's words: a line break in one would
    start a line that GitHub's runner reads as a workflow command, an ESC would restyle
    the terminal.
    """
    stderr.write(printable(line) + "\n")


def run() -> NoReturn:
    """The `claimcheck` command: run `main`, then exit without tearing the interpreter down."""
    status = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a reader that left early (`claimcheck … | head`) or a closed stream
    # Freeing spaCy's and the report's objects one by one takes half a second or more, and
    # nothing depends on it: the output is flushed, every file written is closed, the pool
    # of workers is gone.
    os._exit(status)


def _config(args: argparse.Namespace) -> Config:
    path = Path(args.config) if args.config else find_config(Path.cwd())
    return load_config(path)


def _configs(args: argparse.Namespace) -> Configs:
    """Each draft's config: the nearest to the draft, or --config for all."""
    from claimcheck.run.configs import Configs

    # With a cache, rules are compiled only if some draft is not cached (lint_reports sees to it).
    compiled = not (getattr(args, "cache", False) or getattr(args, "cache_dir", None)) or bool(getattr(args, "fix", False))
    sources = tuple(Path(path) for path in getattr(args, "sources", None) or ())
    for path in sources:
        if not path.exists():
            raise ClaimcheckError("sources file or folder not found (from --sources)", str(path))
    return Configs(Path.cwd(), Path(args.config) if args.config else None, compiled, sources)


def _ruleset(config: Config, compiled: bool = True) -> RuleSet:
    from claimcheck.run.load import load_ruleset

    return load_ruleset(config, compiled=compiled)


def _check(args: argparse.Namespace, configs: Configs, stdout: TextIO, stderr: TextIO, stdin: TextIO) -> int:
    from claimcheck.run.configs import drafts, lint_grouped
    from claimcheck.run.parallel import default_jobs
    from claimcheck.source.files import STDIN, read_stdin

    baseline = _load_baseline(args.baseline) if args.baseline else None
    found = drafts(args.paths, configs)
    text = read_stdin(stdin) if STDIN in args.paths else None
    files = lint_grouped(found, text, jobs=args.jobs or default_jobs(), cache=lambda setup: _cache(args, setup.ruleset, setup.config))
    chosen = args.format or default_format(os.environ)
    color = chosen == "text" and use_color(args.color, stdout, os.environ)
    rules = _report_rules(found)
    if baseline is None and chosen in STREAMED:
        # The exit status is worked out on every finding, shown or not (--min-level).
        every: list[FileReport] = []
        _stream(chosen, _shown(files, args.min_level, every), rules, stdout, stderr, color)
        report = Report(tuple(every), rules)
    else:
        report = Report(tuple(_told(files, stderr)), rules)
        if baseline is not None:
            from claimcheck.filters.baseline import apply_baseline

            report = apply_baseline(report, baseline)
        shown = Report(tuple(_shown(report.files, args.min_level, [])), rules)
        write_parts(stdout, render_parts(chosen, shown, color))
        if chosen == "github":
            _write_step_summary(shown, os.environ)
    if args.fail_on:
        return exit_status(report, args.fail_on)
    # Each draft fails at the level its own config sets.
    fail_on = {("<stdin>" if draft.path == STDIN else draft.path): draft.setup.config.fail_on for draft in found}
    return exit_status(report, fail_on)


def _report_rules(found: Iterable[Draft]) -> tuple[Rule, ...]:
    """The rules a report can name: those of every config's rule set, each id once (the first config's)."""
    from claimcheck.run.reports import report_rules

    rules: dict[str, Rule] = {}
    for setup in {id(draft.setup): draft.setup for draft in found}.values():
        for rule in report_rules(setup.ruleset):
            rules.setdefault(rule.id, rule)
    return tuple(rules.values())


def _shown(files: Iterable[FileReport], min_level: str | None, every: list[FileReport]) -> Iterator[FileReport]:
    """The reports as shown (findings below `min_level` left out and counted); `every` collects them as they were."""
    from claimcheck.filters.levels import hide_below

    for file in files:
        every.append(file)
        yield hide_below(file, min_level) if min_level else file


def _write_step_summary(report: Report, environ: Mapping[str, str]) -> None:
    """Append every finding to GitHub's step summary, when the job has one: annotations stop at about ten a level."""
    path = environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    from claimcheck.output.step_summary import render_step_summary

    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(render_step_summary(report))
    except OSError as error:
        raise ClaimcheckError(f"cannot write the step summary: {(error.strerror or str(error)).lower()}", path) from None


def _stream(chosen: str, files: Iterator[FileReport], rules: tuple[Rule, ...], stdout: TextIO, stderr: TextIO, color: bool) -> Report:
    """Write each file's output as its report arrives (from the workers, with --jobs), then the summary."""
    seen: list[FileReport] = []

    def arriving() -> Iterator[FileReport]:
        for file in _told(files, stderr):
            seen.append(file)
            yield file

    def whole() -> Report:
        return Report(tuple(seen), rules)

    incoming = arriving()
    write_parts(stdout, stream_parts(chosen, incoming, whole, color))
    # A reader that stopped early (`| head`) still gets the exit status of every draft.
    for _ in incoming:
        pass
    return whole()


def _told(files: Iterable[FileReport], stderr: TextIO) -> Iterator[FileReport]:
    """The reports, with a line on stderr for each file that could not be checked."""
    for file in files:
        if file.error:
            say(stderr, f"claimcheck: {file.error}")
        yield file


# A long part is written in slices, so that it is never held encoded all at once as well.
_SLICE = 1 << 20


def write_parts(stream: TextIO, parts: Iterable[str]) -> None:
    """Write rendered output piece by piece."""
    try:
        for part in parts:
            stream.writelines(part[start : start + _SLICE] for start in range(0, len(part), _SLICE))
    except BrokenPipeError:
        pass  # the reader has what it wanted (`claimcheck … | head`); the exit status still counts


def _load_baseline(path: str) -> Baseline:
    from claimcheck.filters.baseline import load_baseline

    return load_baseline(path)


def _baseline(args: argparse.Namespace, configs: Configs, stdout: TextIO) -> int:
    from claimcheck.filters.baseline import render_baseline
    from claimcheck.run.configs import drafts, lint_grouped

    found = drafts(args.paths, configs)
    report = Report(tuple(lint_grouped(found)), _report_rules(found))
    unreadable = next((file for file in report.files if file.error), None)
    if unreadable is not None:
        # A baseline that silently lacks a file would let that file's findings through later.
        raise ClaimcheckError(f"cannot record a baseline: {unreadable.error}")
    text = render_baseline(report)
    if args.output:
        _write_baseline(Path(args.output), text)
    else:
        stdout.write(text)
    return EXIT_OK


def _write_baseline(path: Path, text: str) -> None:
    from claimcheck.core.atomic import write_atomically

    try:
        write_atomically(str(path), text.encode("utf-8"))
    except OSError as error:
        raise ClaimcheckError(f"cannot write baseline: {error.strerror or error}", str(path)) from None


def default_format(environ: Mapping[str, str]) -> str:
    """github inside GitHub Actions (its annotations show on the pull request), text elsewhere."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def use_color(choice: str, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Colour for `--color CHOICE`: auto means a terminal that is not dumb, and no NO_COLOR."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _fix(args: argparse.Namespace, configs: Configs, stdout: TextIO, stderr: TextIO, stdin: TextIO) -> int:
    from claimcheck.fix.fixes import fix_collected, unified_diff, write_fixed
    from claimcheck.run.configs import drafts

    if args.fix and "-" in args.paths:
        raise ClaimcheckError("--fix cannot rewrite standard input (use --diff)")
    from claimcheck.source.files import read_stdin

    text = read_stdin(stdin) if "-" in args.paths else None
    # Each draft is fixed with the rules of its own config, as `check` lints it.
    fixed = fix_collected([(draft.path, draft.error, draft.setup.ruleset) for draft in drafts(args.paths, configs)], text)
    failed = False
    with _terminate_as_interrupt():
        for draft in fixed:
            if draft.error:
                if args.diff:  # with --fix, the check that follows reports it
                    say(stderr, f"claimcheck: {draft.error}")
            elif args.diff:
                stdout.write(unified_diff(draft))
            elif draft.changed:
                try:
                    write_fixed(draft)
                except ClaimcheckError as error:
                    # One draft that cannot be written must not keep the others unfixed.
                    say(stderr, f"claimcheck: {error}")
                    failed = True
                    continue
                say(stderr, f"claimcheck: {draft.path}: fixed {draft.applied} {'finding' if draft.applied == 1 else 'findings'}")
    if args.diff:
        return EXIT_ERROR if any(draft.error for draft in fixed) else EXIT_OK
    status = _check(args, configs, stdout, stderr, stdin)
    return EXIT_ERROR if failed else status


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While drafts are written, SIGTERM unwinds like Ctrl-C, so a half-written temporary file is removed."""
    try:
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> NoReturn:
    raise Terminated


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised so that what is being written is cleaned up."""


def _cache(args: argparse.Namespace, ruleset: RuleSet, config: Config) -> Cache | None:
    if not (args.cache or args.cache_dir):
        return None
    from claimcheck.run.cache import open_cache

    return open_cache(Path(args.cache_dir or DEFAULT_CACHE_FOLDER), ruleset, config)


def exit_status(report: Report, fail_on: str | Mapping[str, str]) -> int:
    """2 if a file could not be checked, else 1 if any finding is at or above the fail level, else 0.

    `fail_on` is one level for every file, or each file's level by path (from its config).
    """
    if any(file.error for file in report.files):
        return EXIT_ERROR
    for file in report.files:
        level = fail_on if isinstance(fail_on, str) else fail_on.get(file.path, "error")
        if level != "none" and any(level_rank(f.level) >= level_rank(level) for f in file.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _rules(args: argparse.Namespace, config: Config, stdout: TextIO) -> int:
    ruleset = _ruleset(config)
    if args.check:
        return _check_rules(ruleset, args.rule, stdout)
    if args.rule is None:
        _list_rules(ruleset.rules, stdout)
        return EXIT_OK
    chosen = ruleset.get(args.rule)
    if chosen is not None:
        stdout.write(explain(chosen))
        return EXIT_OK
    pack = tuple(rule for rule in ruleset.rules if rule.id.split(".")[0] == args.rule)
    if pack:
        _list_rules(pack, stdout)
        return EXIT_OK
    raise ClaimcheckError(f"no active rule or pack '{args.rule}'{_did_you_mean(args.rule, ruleset.ids())} (see 'claimcheck rules')")


def _list_rules(rules: Iterable[Rule], stdout: TextIO) -> None:
    listed = tuple(rules)
    width = max((len(rule.id) for rule in listed), default=0)
    for rule in listed:
        stdout.write(f"{rule.id:<{width}}  {rule.level:<7}  {rule.category:<27}  {rule.summary}\n")


def did_you_mean(name: str, ids: Iterable[str]) -> str | None:
    """The rule id closest to a mistyped `name`: by the whole id, else by the name after the pack."""
    import difflib

    known = sorted(ids)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return close[0]
    # "cure" for "claims.cure": match the rule's own name, without its pack.
    by_name: dict[str, str] = {}
    for rule_id in known:
        by_name.setdefault(rule_id.rsplit(".", 1)[-1], rule_id)
    close = difflib.get_close_matches(name.rsplit(".", 1)[-1], list(by_name), n=1, cutoff=0.6)
    return by_name[close[0]] if close else None


def _did_you_mean(name: str, ids: Iterable[str]) -> str:
    suggestion = did_you_mean(name, ids)
    return f"; did you mean '{suggestion}'?" if suggestion else ""


def _check_rules(ruleset: RuleSet, rule_id: str | None, stdout: TextIO) -> int:
    from claimcheck.run.validate import validate

    rules = ruleset.rules if rule_id is None else tuple(rule for rule in ruleset.rules if rule.id == rule_id)
    if rule_id is not None and not rules:
        raise ClaimcheckError(f"no active rule '{rule_id}'{_did_you_mean(rule_id, ruleset.ids())} (see 'claimcheck rules')")
    problems = list(validate(ruleset, rules))
    for problem in problems:
        stdout.write(f"{problem}\n")
    checked = f"{len(rules)} rule{'s' if len(rules) != 1 else ''} checked"
    stdout.write(f"{checked}: {len(problems)} problem{'s' if len(problems) != 1 else ''}\n")
    return EXIT_FINDINGS if problems else EXIT_OK


