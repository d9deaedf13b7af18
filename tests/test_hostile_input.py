"""Hostile or odd input ends in a one-line error (exit 2), never a traceback or a hang."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

DRAFT = "# T\n\nThen you utilize it.\n"


def _one_line_error(result, *expected: str) -> None:
    assert result.code == 2, result
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    assert result.err.count("\n") == 1, result.err
    for text in expected:
        assert text in result.err, result.err


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_deeply_nested_baseline(tmp_path, cli, draft):
    (tmp_path / "b.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    _one_line_error(cli("check", "--baseline", "b.json", "a.md"), "b.json: not a claimcheck baseline: nested too deeply")


def test_a_version_number_of_5000_digits(tmp_path, cli, draft):
    (tmp_path / "b.json").write_text('{"version": ' + "9" * 5000 + ', "findings": []}', encoding="utf-8")
    _one_line_error(cli("check", "--baseline", "b.json", "a.md"), "b.json: not a claimcheck baseline")


def test_deeply_nested_config(tmp_path, cli, draft):
    (tmp_path / ".claimcheck.yaml").write_text("readability: " + "[" * 900 + "]" * 900 + "\n", encoding="utf-8")
    _one_line_error(cli("check", "a.md"), ".claimcheck.yaml: invalid YAML: nested more than")


def test_deeply_nested_rule(tmp_path, cli, draft):
    (tmp_path / "r" / "pk").mkdir(parents=True)
    (tmp_path / "r" / "pk" / "x.yml").write_text("extends: existence\nterms: " + "[" * 900 + "]" * 900 + "\n", encoding="utf-8")
    (tmp_path / ".claimcheck.yaml").write_text("rule-paths: [r]\n", encoding="utf-8")
    _one_line_error(cli("check", "a.md"), "x.yml: invalid YAML: nested more than")


def test_billion_laughs_in_a_rule_is_refused_before_the_cache_key(tmp_path, cli, draft):
    lines = ["extends: existence", "category: overclaim", "level: error", "message: m", "description: d"]
    lines.append("a0: &a0 [" + ",".join(["x"] * 10) + "]")
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 7)]
    lines.append("terms: *a6")  # 10^7 values once expanded
    (tmp_path / "r" / "pk").mkdir(parents=True)
    (tmp_path / "r" / "pk" / "laughs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / ".claimcheck.yaml").write_text("rule-paths: [r]\n", encoding="utf-8")
    start = time.perf_counter()
    result = cli("check", "--cache", "a.md")
    assert time.perf_counter() - start < 30
    _one_line_error(result, "laughs.yml: invalid YAML: unfolds into more than")


def test_invalid_utf8_on_stdin(cli):
    # What Python's stdin hands over under a C locale: the bad byte as a lone surrogate.
    _one_line_error(cli("check", "-", stdin="ab\udcff\n"), "<stdin>: not UTF-8 text (byte 0xff at offset 2)")


def test_invalid_utf8_on_stdin_as_bytes(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "claimcheck", "check", "-"], input=b"ab\xff\n", capture_output=True, cwd=tmp_path, timeout=120
    )
    assert result.returncode == 2
    assert result.stderr.decode() == "claimcheck: <stdin>: not UTF-8 text (byte 0xff at offset 2)\n"


def test_diff_of_stdin_with_the_options_first(cli):
    result = cli("--diff", "-", stdin=DRAFT)
    assert result.code == 0, result.err
    assert "-Then you utilize it.\n+Then you use it.\n" in result.out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_the_baseline_does_not_hang(tmp_path, draft):
    os.mkfifo(tmp_path / "b.json")
    result = subprocess.run(
        [sys.executable, "-m", "claimcheck", "check", "--baseline", "b.json", "a.md"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr == "claimcheck: b.json: cannot read baseline: not a regular file\n"


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_with_a_bom_is_named_not_called_binary(tmp_path, cli, encoding, name):
    data = DRAFT.encode(encoding)
    if not encoding.endswith(("16", "32")):
        data = "\ufeff".encode(encoding) + data
    (tmp_path / "u.md").write_bytes(data)
    result = cli("check", "u.md")
    assert result.code == 2
    assert f"u.md: {name} text; claimcheck reads UTF-8" in result.err
    assert "binary" not in result.err
