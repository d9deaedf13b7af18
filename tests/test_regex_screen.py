"""Every regular expression a rule can carry is screened for catastrophic backtracking:
token patterns' `REGEX` values and the `cited-by`, `markers` and `entries` lists."""

from __future__ import annotations

import pytest

from claimcheck.match.regex import unsafe_reason


@pytest.mark.parametrize(
    "regex, reason",
    [
        ("\\w*\\w*\\w*\\w*\\w*!", "side by side"),
        ("\\d+ ?\\d+x", "side by side"),
        ("[a-z]*\\w+=", "side by side"),
        ("(a+)+$", "nests"),
        ("(x\\w*)*", "nests"),
        ("(?:\\s*\\d)+", "nests"),
    ],
)
def test_slow_regexes_are_refused(regex, reason):
    assert reason in (unsafe_reason(regex) or "")


@pytest.mark.parametrize(
    "regex",
    [
        "\\[(\\d+(?:\\s*[,\\u2013-]\\s*\\d+)*)\\]",
        "(?:\\s+[A-Z][\\w'-]+){0,3}",
        "\\b10\\.\\d{4,9}/\\S+",
        "a{0,3}a{0,3}",
        "[a-z]+ing",
        "\\d+-\\d+",
    ],
)
def test_regexes_with_marked_off_repeats_are_accepted(regex):
    assert unsafe_reason(regex) is None


CITED_BY = """extends: citation
category: uncited-study
level: warning
message: "Cite it."
description: Cite studies.
mentions:
  patterns:
    - [{LOWER: study}]
cited-by:
  - '%s'
examples:
  fail:
    - A study found it.
  pass:
    - A study found it [1].
"""


@pytest.mark.parametrize("regex", ["(a+)+$", "\\w*\\w*\\w*\\w*\\w*!"])
def test_a_slow_cited_by_expression_is_refused_at_load(tmp_path, cli, regex):
    (tmp_path / "house" / "ev").mkdir(parents=True)
    (tmp_path / "house" / "ev" / "cite.yml").write_text(CITED_BY % regex, encoding="utf-8")
    (tmp_path / ".claimcheck.yaml").write_text("rule-paths: [house]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("A study found it.\n", encoding="utf-8")
    result = cli("check", "a.md")
    assert result.code == 2, result
    assert "'cited-by': expression 1" in result.err and "time" in result.err
    assert result.err.count("\n") == 1
