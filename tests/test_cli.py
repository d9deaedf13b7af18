"""The command line as users and CI see it: output, JSON contract, exit status, stdin, walking, rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, write
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.output.formatters import dumps_indented

HYPE = "# Acupuncture\n\nAcupuncture cures MS.\n\nIf you have MS, you could try acupuncture.\n"
CLEAN = "# Walking\n\nWalking is good exercise. Talk with your doctor before you start.\n"
FINDING_KEYS = {
    "rule", "category", "level", "message", "line", "column",
    "end_line", "end_column", "match", "suggestion", "scope",
}


def test_text_output_names_file_line_column_level_category_rule_and_match(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    result = cli("check", "a.md")
    assert result.code == 1
    assert 'a.md:3:13  error    overclaim  "cures"' in result.out
    assert "[claims.cure]" in result.out
    assert result.out.rstrip().splitlines()[-1] == "1 file checked: 1 error, 2 warnings, 0 info"


def test_check_is_the_default_command(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    assert cli("a.md").out == cli("check", "a.md").out


def test_json_contract(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    payload = json.loads(cli("check", "--format", "json", "a.md").out)
    assert payload["version"] == 1
    [file] = payload["files"]
    assert file["path"] == "a.md"
    assert "readability" in file
    for finding in file["findings"]:
        # Only a finding about a claim carries the strength of its sentence.
        claim = finding["category"] in ("overclaim", "unhedged-claim")
        assert set(finding) == (FINDING_KEYS | {"strength"} if claim else FINDING_KEYS)
        assert finding["scope"] in ("text", "document")
    cure = next(f for f in file["findings"] if f["rule"] == "claims.cure")
    assert (cure["line"], cure["column"], cure["end_column"], cure["match"]) == (3, 13, 18, "cures")
    assert cure["strength"] == "direct"
    assert payload["summary"]["findings"] == len(file["findings"])


@pytest.mark.parametrize(
    "fail_on, code", [("error", 1), ("warning", 1), ("info", 1), ("none", 0)]
)
def test_fail_on(tmp_path, cli, fail_on, code):
    write(tmp_path, "a.md", HYPE)
    assert cli("check", "--fail-on", fail_on, "a.md").code == code


def test_warnings_only_pass_by_default(tmp_path, cli):
    write(tmp_path, "a.md", "# Acupuncture\n\nSome people try acupuncture. If you have pain, you could try acupuncture.\n")
    assert cli("check", "a.md").code == 0
    assert cli("check", "--fail-on", "warning", "a.md").code == 1


def test_clean_draft_exits_zero(tmp_path, cli):
    write(tmp_path, "a.md", CLEAN)
    result = cli("check", "a.md")
    assert result.code == 0
    # 12 words, 18 syllables, 3 sentences (the heading is one): 0.39*4 + 11.8*1.5 - 15.59 = 3.67
    assert result.out == (
        "a.md: reading level grade 3.7 (flesch-kincaid), target 8: at or below target\n\n"
        "1 file checked: 0 errors, 0 warnings, 0 info\n"
    )


def test_stdin(cli):
    result = cli("check", "--format", "json", "-", stdin=HYPE)
    payload = json.loads(result.out)
    assert payload["files"][0]["path"] == "<stdin>"
    assert result.code == 1


def test_directories_are_walked_in_order(tmp_path, cli):
    write(tmp_path, "d/b.md", CLEAN)
    write(tmp_path, "d/a.txt", CLEAN)
    write(tmp_path, "d/sub/c.markdown", CLEAN)
    write(tmp_path, "d/notes.rst", HYPE)
    write(tmp_path, "d/.hidden/x.md", HYPE)
    payload = json.loads(cli("check", "--format", "json", "d").out)
    assert [f["path"] for f in payload["files"]] == ["d/a.txt", "d/b.md", "d/sub/c.markdown"]


def test_missing_path_is_an_input_error(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    result = cli("check", "nope.md", "a.md")
    assert result.code == 2
    assert "nope.md: cannot check: no such file or folder" in result.out.splitlines()
    assert "a.md:3:13" in result.out


def test_json_output_is_laid_out_as_json_dumps_with_indent_two(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    write(tmp_path, "empty.md", "")
    write(tmp_path, "caf\u00e9.md", "# \u00c9t\u00e9\n\n\u201cIt cures MS,\u201d they say.\n")
    out = cli("check", "--format", "json", "a.md", "empty.md", "caf\u00e9.md", "missing.md").out
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"


def test_json_output_of_no_files_is_laid_out_the_same_way():
    from claimcheck.core.findings import Report
    from claimcheck.output.formatters import render_json

    out = render_json(Report(()))
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner) | st.tuples(inner, inner) | st.dictionaries(st.text() | st.integers() | st.booleans(), inner),
    max_leaves=20,
)


@given(JSON_VALUES, st.integers(0, 4))
def test_the_json_layout_is_that_of_the_standard_library(value, depth):
    expected = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)
    assert dumps_indented(value, depth) == expected


def test_the_command_line_loads_no_output_format_it_was_not_asked_for():
    probe = (
        "import sys, claimcheck.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'spacy', 'markdown_it', 'multiprocessing') "
        "or m in ('claimcheck.output.html', 'claimcheck.output.sarif', 'claimcheck.filters.baseline', 'claimcheck.run.cache')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout == "[]\n"


def command(*args: str, cwd) -> subprocess.Popen[str]:
    """`python -m claimcheck ARGS` from this checkout, as a process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.Popen(
        [sys.executable, "-m", "claimcheck", *args], cwd=cwd, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def test_the_command_flushes_all_its_output_before_it_exits(tmp_path):
    write(tmp_path, "a.md", HYPE)
    out, err = command("check", "--format", "json", "a.md", cwd=tmp_path).communicate(timeout=300)
    assert json.loads(out)["summary"]["findings"] == 3
    assert err == ""


def test_a_reader_that_stops_early_is_no_error(tmp_path):
    write(tmp_path, "a.md", "# Acupuncture\n\n" + "Acupuncture cures MS.\n\n" * 2000)
    process = command("check", "a.md", cwd=tmp_path)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith("a.md:")
    process.stdout.close()
    assert process.wait(timeout=300) == 1
    assert process.stderr.read() == ""


def test_usage_error_is_one_line(cli):
    result = cli("check", "--format", "yaml", "a.md")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert result.err.startswith("claimcheck: argument --format/-f: invalid choice: 'yaml'")


def test_rules_lists_every_rule(cli):
    result = cli("rules")
    assert result.code == 0
    lines = result.out.splitlines()
    assert any(line.startswith("claims.cure ") and "overclaim" in line for line in lines)
    assert any(line.startswith("advice.practitioner ") for line in lines)


def test_rules_explains_one_rule_with_examples(cli):
    result = cli("rules", "claims.cure")
    assert result.code == 0
    assert "Reported:" in result.out and "Not reported:" in result.out
    assert "Acupuncture cures the fatigue that comes with MS." in result.out


def test_rules_unknown_id(cli):
    result = cli("rules", "xyz.qqq")
    assert result.code == 2
    assert result.err == "claimcheck: no active rule or pack 'xyz.qqq' (see 'claimcheck rules')\n"
