"""SARIF (validated against the official 2.1.0 schema) and GitHub workflow commands."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import ROOT, write

from claimcheck.output.formatters import escape_data, escape_property

# The official schema, kept in the repository (see tests/data/README.md) so that any clone can run this.
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
HYPE = "# Acupuncture\n\nAcupuncture cures MS. It is 100% safe.\n\nA miracle, and it cures MS.\n\nYou should try acupuncture.\n"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def sarif(cli, *paths):
    result = cli("check", "--format", "sarif", *paths)
    return result, json.loads(result.out)


def test_sarif_is_valid_against_the_official_schema(tmp_path, cli, validator):
    write(tmp_path, "posts/a b.md", HYPE)
    write(tmp_path, "clean.md", "# Walking\n\nTalk with your doctor before you start.\n")
    result, payload = sarif(cli, "posts", "clean.md", "missing.md")
    errors = sorted(validator.iter_errors(payload), key=str)
    assert errors == [], errors[0].message if errors else ""
    assert result.code == 2
    assert payload["version"] == "2.1.0"
    (notification,) = payload["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["message"]["text"] == "cannot check: no such file or folder"
    # The schema has teeth: a level SARIF does not know is refused.
    payload["runs"][0]["results"][0]["level"] = "info"
    assert any("'info' is not one of" in error.message for error in validator.iter_errors(payload))


def test_sarif_driver_describes_each_rule_with_its_examples(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    _, payload = sarif(cli, "a.md")
    driver = payload["runs"][0]["tool"]["driver"]
    assert driver["name"] == "claimcheck" and driver["version"]
    cure = next(rule for rule in driver["rules"] if rule["id"] == "claims.cure")
    assert cure["defaultConfiguration"] == {"level": "error"}
    assert cure["shortDescription"]["text"] and cure["fullDescription"]["text"]
    assert "Reported:\n- Acupuncture cures the fatigue" in cure["help"]["text"]
    assert "**Not reported:**" in cure["help"]["markdown"]
    assert "There is no cure for MS." in cure["help"]["text"]
    assert {rule["id"] for rule in driver["rules"]} >= {"claims.cure", "advice.doctor", "claimcheck.directive"}
    linked = [rule for rule in driver["rules"] if "helpUri" in rule]
    assert linked and all(rule["helpUri"].startswith("https://") for rule in linked)


def test_sarif_results_point_at_regions_with_mapped_levels(tmp_path, cli):
    write(tmp_path, "posts/a b.md", HYPE)
    (tmp_path / ".claimcheck.yaml").write_text("rules:\n  claims.miracle: info\n", encoding="utf-8")
    _, payload = sarif(cli, "posts")
    run = payload["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "posts/a%20b.md"
    cure = next(r for r in results if r["ruleId"] == "claims.cure")
    assert cure["level"] == "error"
    assert cure["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 13, "endLine": 3, "endColumn": 18,
    }
    assert next(r for r in results if r["ruleId"] == "claims.miracle")["level"] == "note"
    doctor = next(r for r in results if r["ruleId"] == "advice.doctor")
    assert (doctor["level"], doctor["locations"][0]["physicalLocation"]["region"]) == ("warning", {"startLine": 1})


def fingerprints_by_rule(payload):
    return sorted((r["ruleId"], r["partialFingerprints"]["claimcheck/v1"]) for r in payload["runs"][0]["results"])


def test_sarif_fingerprints_survive_lines_inserted_above_and_tell_twins_apart(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    _, before = sarif(cli, "a.md")
    write(tmp_path, "a.md", HYPE.replace("# Acupuncture\n", "# Acupuncture\n\nA new first paragraph.\n\nAnd a second.\n"))
    _, after = sarif(cli, "a.md")
    assert fingerprints_by_rule(before) == fingerprints_by_rule(after)
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after["runs"][0]["results"]]
    assert max(lines) == 9
    prints = [p for _, p in fingerprints_by_rule(before)]
    assert len(set(prints)) == len(prints)


def test_sarif_fingerprint_changes_when_the_sentence_changes(tmp_path, cli):
    write(tmp_path, "a.md", "Acupuncture cures MS.\n")
    _, before = sarif(cli, "a.md")
    write(tmp_path, "a.md", "Acupuncture cures MS fatigue.\n")
    _, after = sarif(cli, "a.md")
    cure = [dict(fingerprints_by_rule(p))["claims.cure"] for p in (before, after)]
    assert cure[0] != cure[1]


def test_github_workflow_commands(tmp_path, cli):
    write(tmp_path, "a.md", "# Acupuncture\n\nAcupuncture cures MS. It is 100% safe.\n\nYou should try acupuncture.\n")
    result = cli("check", "--format", "github", "a.md")
    lines = result.out.splitlines()
    assert result.code == 1
    assert lines[0] == (
        "::warning file=a.md,line=1,title=claimcheck advice.doctor (missing-doctor-advice)::"
        "The article invites readers to act ('You should try acupuncture.') but never tells them to check with "
        "a doctor, nurse or pharmacist first. Add a line such as 'Ask your doctor whether this is right for you.'"
    )
    assert lines[2].startswith("::error file=a.md,line=3,col=13,endColumn=17,title=claimcheck claims.cure (overclaim)::'cures'")
    assert lines[3].startswith(
        "::warning file=a.md,line=3,col=29,endColumn=37,title=claimcheck claims.absolute-safety (overclaim)::'100%25 safe'"
    )
    assert lines[-1] == "1 file checked: 1 error, 3 warnings, 0 info"


def test_github_levels_and_unreadable_files(tmp_path, cli):
    write(tmp_path, ".claimcheck.yaml", "rules:\n  claims.cure: info\n")
    write(tmp_path, "a.md", "Acupuncture cures MS. Talk with your doctor.\n")
    result = cli("check", "--format", "github", "a.md", "gone.md")
    assert result.code == 2
    lines = result.out.splitlines()
    assert (
        "::notice file=a.md,line=1,col=13,endColumn=17,title=claimcheck claims.cure (overclaim)::"
        "'cures' promises a cure. Unless the disease really is curable and the evidence shows it, "
        "say what the treatment helps with, for whom, and how much."
    ) in lines
    assert "::error file=gone.md,title=claimcheck::cannot check: no such file or folder" in lines


def test_github_is_the_default_inside_github_actions(tmp_path, cli, monkeypatch):
    write(tmp_path, "a.md", "Acupuncture cures MS.\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli("check", "a.md").out.startswith("::")
    assert cli("check", "--format", "text", "a.md").out.startswith("a.md:")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert cli("check", "a.md").out.startswith("a.md:")


def test_github_escaping():
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("dir,x/a:b%.md\n") == "dir%2Cx/a%3Ab%25.md%0A"


def test_github_escapes_paths_and_multiline_messages(tmp_path, cli):
    write(tmp_path, "a,b:c.md", "Acupuncture cures MS.\n")
    (tmp_path / ".claimcheck.yaml").write_text(
        "rules:\n  claims.cure:\n    message: \"'{match}' promises a cure,\\nsay what it helps with.\"\n", encoding="utf-8"
    )
    out = cli("check", "--format", "github", "a,b:c.md").out
    assert "::error file=a%2Cb%3Ac.md,line=1,col=13,endColumn=17," in out
    assert "::'cures' promises a cure,%0Asay what it helps with." in out
