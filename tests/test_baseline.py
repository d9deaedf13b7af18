"""Baselines: record today's findings, then report and fail only on new ones."""

from __future__ import annotations

import json

import pytest
from conftest import write

ADVICE = "Talk with your neurologist and use a licensed practitioner.\n\n"
OLD = ADVICE + "Acupuncture cures MS.\n\nIt is a miracle.\n"
NOT_A_BASELINE = "claimcheck: baseline.json: not a claimcheck baseline (expected the JSON that 'claimcheck baseline' writes, version 1)\n"


def record(tmp_path, cli, *paths):
    result = cli("baseline", *paths)
    assert (result.code, result.err) == (0, "")
    (tmp_path / "baseline.json").write_text(result.out, encoding="utf-8")
    return json.loads(result.out)


def test_baseline_records_each_finding_by_path_rule_and_fingerprint(tmp_path, cli):
    write(tmp_path, "posts/a.md", OLD)
    payload = record(tmp_path, cli, "posts")
    assert payload["version"] == 1
    assert [(e["path"], e["rule"], e["line"], e["match"]) for e in payload["findings"]] == [
        ("posts/a.md", "claims.cure", 3, "cures"),
        ("posts/a.md", "claims.miracle", 5, "miracle"),
    ]
    assert all(len(e["fingerprint"]) == 32 for e in payload["findings"])


def test_a_baselined_draft_passes_even_after_edits_elsewhere(tmp_path, cli):
    write(tmp_path, "a.md", OLD)
    record(tmp_path, cli, "a.md")
    assert cli("check", "a.md").code == 1
    write(tmp_path, "a.md", "# A new title\n\nA new first paragraph.\n\n" + OLD.replace("\n\nIt is", "\n\n\nIt  is"))
    result = cli("check", "--baseline", "baseline.json", "a.md")
    assert result.code == 0, result.out
    assert result.out.endswith("\n1 file checked: 0 errors, 0 warnings, 0 info; 2 findings already in the baseline not shown\n")
    assert "a.md:" not in result.out.replace("a.md: reading level", "")


def test_only_new_findings_are_reported_and_fail(tmp_path, cli):
    write(tmp_path, "a.md", OLD)
    record(tmp_path, cli, "a.md")
    write(tmp_path, "a.md", OLD + "\nThis tea is a miracle cure.\n")
    result = cli("check", "--baseline", "baseline.json", "--format", "json", "a.md")
    assert result.code == 1
    assert [f["rule"] for f in json.loads(result.out)["files"][0]["findings"]] == ["claims.miracle"]


def test_a_changed_sentence_is_a_new_finding(tmp_path, cli):
    write(tmp_path, "a.md", OLD)
    record(tmp_path, cli, "a.md")
    write(tmp_path, "a.md", OLD.replace("cures MS.", "cures MS in weeks."))
    result = cli("check", "--baseline", "baseline.json", "--format", "json", "a.md")
    assert [f["rule"] for f in json.loads(result.out)["files"][0]["findings"]] == ["claims.cure"]


def test_identical_findings_are_counted(tmp_path, cli):
    write(tmp_path, "a.md", OLD)
    record(tmp_path, cli, "a.md")
    write(tmp_path, "a.md", OLD + "\nAcupuncture cures MS.\n")
    result = cli("check", "--baseline", "baseline.json", "--format", "json", "a.md")
    assert [(f["rule"], f["line"]) for f in json.loads(result.out)["files"][0]["findings"]] == [("claims.cure", 7)]


def test_findings_are_matched_per_file(tmp_path, cli):
    write(tmp_path, "a.md", OLD)
    record(tmp_path, cli, "a.md")
    write(tmp_path, "b.md", OLD)
    assert cli("check", "--baseline", "baseline.json", "./a.md").code == 0
    assert cli("check", "--baseline", "baseline.json", "b.md").code == 1


def test_baseline_can_be_written_to_a_file(tmp_path, cli):
    write(tmp_path, "a.md", OLD)
    result = cli("baseline", "--output", "known.json", "a.md")
    assert (result.code, result.out) == (0, "")
    assert cli("check", "--baseline", "known.json", "a.md").code == 0


def test_baseline_refuses_unreadable_drafts_and_writes_nothing(tmp_path, cli):
    write(tmp_path, "a.md", OLD)
    result = cli("baseline", "--output", "known.json", "a.md", "gone.md")
    assert (result.code, result.out) == (2, "")
    assert result.err == "claimcheck: cannot record a baseline: gone.md: no such file or folder\n"
    assert not (tmp_path / "known.json").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "claimcheck: baseline.json: baseline file not found\n"),
        (
            "{\n  nope",
            "claimcheck: baseline.json:2: not a claimcheck baseline: invalid JSON (Expecting property name enclosed in double quotes)\n",
        ),
        ("[]", NOT_A_BASELINE),
        ('{"version": 2, "findings": []}', NOT_A_BASELINE),
        (
            '{"version": 1, "findings": [{"path": "a.md", "rule": "claims.cure"}]}',
            "claimcheck: baseline.json: baseline entry 1 needs text 'path', 'rule' and 'fingerprint'\n",
        ),
    ],
)
def test_a_bad_baseline_is_a_one_line_error(tmp_path, cli, content, message):
    write(tmp_path, "a.md", OLD)
    if content is not None:
        write(tmp_path, "baseline.json", content)
    result = cli("check", "--baseline", "baseline.json", "a.md")
    assert (result.code, result.out, result.err) == (2, "", message)
