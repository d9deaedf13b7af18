"""Parallel runs, the report cache, safe rule files and `claimcheck rules --check`."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, GOOD_RULE, write

from claimcheck.cli import main
from claimcheck.core.findings import FileReport
from claimcheck.match.regex import unsafe_reason
from claimcheck.output.formatters import render_json, render_text
from claimcheck.ruleset.config import Config
from claimcheck.run import lint as linter
from claimcheck.run import parallel
from claimcheck.run.cache import Cache, open_cache
from claimcheck.run.load import load_ruleset
from claimcheck.run.reports import lint_paths

HYPE = "# Acupuncture\n\nAcupuncture cures MS.\n"


def corpus_copies(folder: Path, copies: int) -> None:
    for number in range(copies):
        for path in sorted(CORPUS.glob("*.md")) + sorted(CORPUS.glob("*.txt")):
            shutil.copy(path, folder / f"{number:02d}-{path.name}")


# -- --jobs -----------------------------------------------------------------------------------


def test_jobs_output_is_identical_and_in_order(tmp_path, cli):
    corpus_copies(tmp_path, 3)
    one = cli("check", "--format", "json", "--jobs", "1", ".")
    two = cli("check", "--format", "json", "--jobs", "2", ".")
    assert one.code == two.code == 1
    assert one.out == two.out
    paths = [entry["path"] for entry in json.loads(two.out)["files"]]
    assert paths == sorted(paths)


def test_jobs_uses_a_pool_for_many_files(tmp_path, ruleset, monkeypatch):
    corpus_copies(tmp_path, 2)
    pools = []
    real = parallel._pooled

    def spy(paths, *args):
        pools.append(len(paths))
        return real(paths, *args)

    monkeypatch.setattr(parallel, "_pooled", spy)
    drafts = 2 * len(list(CORPUS.glob("*.md")) + list(CORPUS.glob("*.txt")))
    report = lint_paths([str(tmp_path)], ruleset, Config(), jobs=2)
    assert pools == [drafts]
    assert len(report.files) == drafts and not any(file.error for file in report.files)


def test_a_run_of_more_chunks_than_the_queue_takes_is_cut_into_bigger_chunks(tmp_path, ruleset, monkeypatch):
    corpus_copies(tmp_path, 3)
    monkeypatch.setattr(parallel, "MAX_CHUNKS", 3)
    paths = sorted(str(path) for path in tmp_path.iterdir())
    assert len(paths) > 3 * parallel.CHUNK_SIZE + 1
    reports = list(parallel.lint_files(paths, ruleset, 2, None))
    assert [report.path for report in reports] == paths
    assert reports == list(parallel.lint_files(paths, ruleset, 1, None))


def test_a_worker_that_dies_leaves_its_drafts_to_the_parent(tmp_path, ruleset, monkeypatch):
    corpus_copies(tmp_path, 2)
    parent = os.getpid()
    real = linter.lint_file

    def dying(path, *args):
        if os.getpid() != parent and path.endswith("01-clinic-hype.md"):
            os._exit(3)  # a worker killed mid-chunk, as by the kernel's OOM killer
        return real(path, *args)

    monkeypatch.setattr(linter, "lint_file", dying)
    two = lint_paths([str(tmp_path)], ruleset, Config(), jobs=2)
    one = lint_paths([str(tmp_path)], ruleset, Config(), jobs=1)
    assert two == one and not any(file.error for file in two.files)
    assert "01-clinic-hype.md" in " ".join(file.path for file in two.files)


def test_when_no_worker_can_start_the_parent_lints_everything(tmp_path, ruleset, monkeypatch):
    corpus_copies(tmp_path, 2)

    def no_fork():
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert lint_paths([str(tmp_path)], ruleset, Config(), jobs=2) == lint_paths([str(tmp_path)], ruleset, Config(), jobs=1)


def test_a_reader_that_stops_early_leaves_no_worker_behind(tmp_path, ruleset):
    corpus_copies(tmp_path, 2)
    paths = sorted(str(path) for path in tmp_path.iterdir())
    reports = parallel.lint_files(paths, ruleset, 2, None)
    assert next(reports).path == paths[0]
    assert next(reports).path == paths[1]
    reports.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_few_files_do_not_pay_for_a_pool(tmp_path, ruleset, monkeypatch):
    write(tmp_path, "a.md", HYPE)
    monkeypatch.setattr(parallel, "_pooled", lambda *args: pytest.fail("a pool for one file"))
    report = lint_paths([str(tmp_path / "a.md")], ruleset, Config(), jobs=8)
    assert [f.rule for f in report.files[0].findings if f.scope == "text"] == ["claims.cure"]


def test_bad_jobs_value(cli):
    result = cli("check", "--jobs", "0", "a.md")
    assert result.code == 2
    assert result.err == "claimcheck: argument --jobs/-j: must be a whole number of at least 1, not '0' (see 'claimcheck check --help')\n"


# -- --cache ----------------------------------------------------------------------------------


def cache_entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.json"))


def test_cache_reuses_reports_of_unchanged_drafts(tmp_path, cli, monkeypatch):
    write(tmp_path, "a.md", HYPE)
    first = cli("check", "--cache", "--format", "json", "a.md")
    assert len(cache_entries(tmp_path / ".claimcheck-cache")) == 1
    # A cached draft is not linted again.
    monkeypatch.setattr("claimcheck.run.lint.lint_text", lambda *a: pytest.fail("linted a cached draft"))
    second = cli("check", "--cache", "--format", "json", "a.md")
    assert second.out == first.out and second.code == first.code == 1


def test_rules_are_compiled_only_when_a_draft_is_not_cached(tmp_path, cli, monkeypatch):
    write(tmp_path, "a.md", HYPE)
    write(tmp_path, "b.md", HYPE.replace("cures", "helps"))
    first = cli("check", "--cache", "--format", "json", "a.md", "b.md")
    # An unchanged archive is served from the cache without compiling a rule (or loading spaCy).
    monkeypatch.setattr("claimcheck.run.load.compile_rule", lambda rule: pytest.fail("compiled a rule"))
    assert cli("check", "--cache", "--format", "json", "a.md", "b.md").out == first.out
    write(tmp_path, "b.md", HYPE)
    with pytest.raises(pytest.fail.Exception, match="compiled a rule"):
        cli("check", "--cache", "a.md", "b.md")


def test_a_broken_rule_is_reported_even_with_a_warm_cache(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [mine]\n")
    write(tmp_path, "mine/house/hype.yml", GOOD_RULE)
    assert cli("check", "--cache", "a.md").code == 1
    # The rule changes (so the cache cannot serve the draft) and can no longer compile.
    write(tmp_path, "mine/house/hype.yml", GOOD_RULE.replace("terms: [amazing]", "terms: []"))
    result = cli("check", "--cache", "a.md")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"claimcheck: {tmp_path / 'mine/house/hype.yml'}:") and result.err.count("\n") == 1


def test_cache_misses_when_the_draft_changes(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    cli("check", "--cache", "a.md")
    write(tmp_path, "a.md", HYPE.replace("cures", "helps"))
    result = cli("check", "--cache", "--format", "json", "a.md")
    assert not any(f["rule"] == "claims.cure" for f in json.loads(result.out)["files"][0]["findings"])
    assert len(cache_entries(tmp_path / ".claimcheck-cache")) == 2


def test_cache_is_invalidated_by_config_rules_and_version(tmp_path, ruleset, monkeypatch):
    base = open_cache(tmp_path, ruleset, Config()).fingerprint
    assert open_cache(tmp_path, ruleset, Config()).fingerprint == base
    assert open_cache(tmp_path, ruleset, Config(fail_on="warning")).fingerprint != base
    fewer = type(ruleset)(ruleset.rules[1:], ruleset.compiled)
    assert open_cache(tmp_path, fewer, Config()).fingerprint != base
    changed = type(ruleset)((ruleset.rules[0].__class__(**{**ruleset.rules[0].__dict__, "level": "info"}), *ruleset.rules[1:]))
    assert open_cache(tmp_path, changed, Config()).fingerprint != base
    monkeypatch.setattr("claimcheck.run.cache.__version__", "999")
    assert open_cache(tmp_path, ruleset, Config()).fingerprint != base


def test_a_config_change_relints(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    cli("check", "--cache", "a.md")
    write(tmp_path, ".claimcheck.yaml", "rules:\n  claims.cure: off\n")
    result = cli("check", "--cache", "--format", "json", "a.md")
    assert not any(f["rule"] == "claims.cure" for f in json.loads(result.out)["files"][0]["findings"])


@pytest.mark.parametrize("corruption", [b"", b"{not json", b"[]", b'{"path": 3}', b'{"findings": [{"x": 1}]}', b"\xff\xfe"])
def test_a_corrupt_cache_entry_is_ignored_and_replaced(tmp_path, cli, corruption):
    write(tmp_path, "a.md", HYPE)
    clean = cli("check", "--cache-dir", "cc", "a.md")
    [entry] = cache_entries(tmp_path / "cc")
    entry.write_bytes(corruption)
    again = cli("check", "--cache-dir", "cc", "a.md")
    assert (again.code, again.out, again.err) == (clean.code, clean.out, clean.err)
    assert json.loads(json.loads(entry.read_bytes())["report"])["path"] == "a.md"


def test_cache_write_is_atomic(tmp_path, monkeypatch):
    cache = Cache(tmp_path, "f")
    key = cache.key("a.md", b"text")
    cache.put(key, FileReport("a.md"))
    before = cache._entry(key).read_bytes()

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("claimcheck.run.cache.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.put(key, FileReport("a.md", error="a different report"))
    assert cache._entry(key).read_bytes() == before
    assert [p.name for p in (tmp_path / key[:2]).iterdir()] == [f"{key}.json"]


def test_unwritable_cache_is_not_fatal(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    write(tmp_path, "cc", "a file where the cache folder should be")
    result = cli("check", "--cache-dir", "cc", "a.md")
    assert result.code == 1 and result.err == ""


# -- rule files -------------------------------------------------------------------------------

RULE = """extends: existence
category: overclaim
level: error
message: "'{match}' is hype."
description: Flags hype.
patterns:
  - [{LOWER: {REGEX: "%s"}}]
examples:
  fail: [It is amazing.]
  pass: [It is fine.]
"""


def rule_setup(tmp_path: Path, text: str) -> str:
    write(tmp_path, "house/tone/hype.yml", text)
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\npacks: [claims]\n")
    write(tmp_path, "draft.md", "It is amazing.\n")
    return str(tmp_path / "house" / "tone" / "hype.yml")


@pytest.mark.parametrize("regex", ["^(a+)+$", "(\\\\w*)*x", "^(a|aa)+$", "(x)\\\\1"])
def test_regex_that_can_backtrack_catastrophically_is_refused(tmp_path, cli, regex):
    path = rule_setup(tmp_path, RULE % regex)
    result = cli("check", "draft.md")
    assert result.code == 2
    assert result.err.startswith(f"claimcheck: {path}:6: 'patterns': pattern 1: REGEX ")
    assert "exponential time" in result.err and result.err.count("\n") == 1


def test_safe_regex_is_accepted(tmp_path, cli):
    rule_setup(tmp_path, RULE % "^amaz(e|ing|ingly)$")
    result = cli("check", "--format", "json", "draft.md")
    assert [f["match"] for f in json.loads(result.out)["files"][0]["findings"] if f["rule"] == "tone.hype"] == ["amazing"]


@pytest.mark.parametrize(
    "regex, safe",
    [("cur(e|es|ed)", True), ("[a-z]+ing", True), ("(ab|cd)+", True), ("\\d{1,3}%", True),
     ("(a+)+", False), ("((ab)*c)+", False), ("(a{1,5})+", False), ("(\\w+|\\d)+x", False), ("x" * 600, False)],
)
def test_regex_safety_check(regex, safe):
    assert (unsafe_reason(regex) is None) is safe


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['touch pwned']", "!!python/object:claimcheck.ruleset.config.Config {}",
                                 "!!python/name:os.system"])
def test_rule_yaml_cannot_construct_objects_or_run_code(tmp_path, cli, tag):
    write(tmp_path, "house/tone/hype.yml", f"extends: {tag}\n")
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    result = cli("check", "draft.md")
    assert result.code == 2
    hype = tmp_path / "house" / "tone" / "hype.yml"
    assert result.err.startswith(f"claimcheck: {hype}:1: invalid YAML: could not determine a constructor")
    assert not (tmp_path / "pwned").exists()


def test_config_yaml_cannot_construct_objects(tmp_path, cli):
    write(tmp_path, ".claimcheck.yaml", "fail-on: !!python/object/apply:os.system ['touch pwned']\n")
    result = cli("check", "draft.md")
    assert result.code == 2 and "could not determine a constructor" in result.err
    assert not (tmp_path / "pwned").exists()


# -- claimcheck rules --check -----------------------------------------------------------------

GOOD = GOOD_RULE


def test_rules_check_passes_the_built_in_rules(cli):
    result = cli("rules", "--check")
    assert result.code == 0
    assert result.out.endswith(" rules checked: 0 problems\n")


def test_rules_check_reports_rules_that_cannot_work(tmp_path, cli):
    write(tmp_path, "house/tone/good.yml", GOOD)
    write(tmp_path, "house/tone/self.yml", GOOD.replace("pass: [It is fine.]", "pass: [It is fine., Truly amazing.]"))
    write(tmp_path, "house/tone/deaf.yml", GOOD.replace("fail: [It is amazing.]", "fail: [It is amazing., It is great.]"))
    write(tmp_path, "house/tone/bare.yml", GOOD.split("examples:")[0])
    write(tmp_path, "house/advice/never.yml", """extends: require
category: missing-doctor-advice
level: warning
scope: document
message: Say to see a doctor.
description: Advice.
when: {terms: []}
require: {terms: [doctor]}
examples:
  fail: [Acupuncture helps.]
  pass: [Ask your doctor.]
""")
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\npacks: []\n")
    result = cli("rules", "--check")
    house = tmp_path / "house"
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{house / 'advice' / 'never.yml'}: advice.never: 'when.terms' is an empty list, so it can never match",
        f"{house / 'advice' / 'never.yml'}:9: advice.never: fail example 1 is not reported: 'Acupuncture helps.'",
        f"{house / 'tone' / 'bare.yml'}: tone.bare: has no fail examples",
        f"{house / 'tone' / 'bare.yml'}: tone.bare: has no pass examples",
        f"{house / 'tone' / 'deaf.yml'}:7: tone.deaf: fail example 2 is not reported: 'It is great.'",
        f"{house / 'tone' / 'self.yml'}:7: tone.self: pass example 2 is reported ('amazing'): 'Truly amazing.'",
        "5 rules checked: 6 problems",
    ]


def test_rules_check_one_rule(cli):
    result = cli("rules", "--check", "claims.cure")
    assert (result.code, result.out) == (0, "1 rule checked: 0 problems\n")


def test_rules_check_a_rule_with_an_empty_term_list_cannot_load(tmp_path, cli):
    write(tmp_path, "house/tone/empty.yml", GOOD.replace("terms: [amazing]", "terms: []"))
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    result = cli("rules", "--check")
    assert result.code == 2
    assert result.err == f"claimcheck: {tmp_path / 'house' / 'tone' / 'empty.yml'}: an existence rule needs 'terms' or 'patterns'\n"


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_output_is_written_as_each_draft_is_linted(tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.md", HYPE)
    write(tmp_path, "b.md", HYPE)
    out, lint_text = io.StringIO(), linter.lint_text

    def second_draft_after_the_first_is_out(path, source, ruleset):
        if path == "b.md":
            assert "a.md" in out.getvalue(), "the first draft's findings were held back"
        return lint_text(path, source, ruleset)

    monkeypatch.setattr("claimcheck.run.lint.lint_text", second_draft_after_the_first_is_out)
    code = main(["check", "--jobs", "1", "--format", fmt, "a.md", "b.md"], stdout=out, stderr=io.StringIO(), stdin=io.StringIO())
    assert code == 1 and out.getvalue().count("b.md") >= 1
    whole = lint_paths(["a.md", "b.md"], load_ruleset(Config()), Config())
    assert out.getvalue() == (render_json(whole) if fmt == "json" else render_text(whole))


def test_a_cached_report_comes_back_whole_fixes_included(tmp_path, ruleset):
    write(tmp_path, "a.md", "# Acupuncture\n\nPractitioners utilize fine needles. Acupuncture cures MS.\n")
    report = lint_paths([str(tmp_path / "a.md")], ruleset, Config()).files[0]
    assert any(finding.fix is not None for finding in report.findings)
    cache = open_cache(tmp_path / "cache", ruleset, Config())
    cache.put("k", report)
    back = cache.get("k")
    assert back == report
    assert [finding.fix for finding in back.findings] == [finding.fix for finding in report.findings]
