"""`.claimcheck.yaml`: discovery, packs, rule settings, exclusions and errors."""

from __future__ import annotations

import json

from conftest import write

HYPE = "# Acupuncture\n\nAcupuncture cures MS. It is a miracle.\n"


def rules_found(result):
    return sorted({f["rule"] for file in json.loads(result.out)["files"] for f in file["findings"]})


def test_config_found_by_walking_up(tmp_path, cli, monkeypatch):
    write(tmp_path, ".claimcheck.yaml", "rules:\n  claims.miracle: off\n")
    write(tmp_path, "drafts/a.md", HYPE)
    monkeypatch.chdir(tmp_path / "drafts")
    result = cli("check", "--format", "json", "a.md")
    assert "claims.miracle" not in rules_found(result)
    assert "claims.cure" in rules_found(result)


def test_packs_select_rules(tmp_path, cli):
    write(tmp_path, ".claimcheck.yaml", "packs: [advice]\n")
    write(tmp_path, "a.md", HYPE)
    assert rules_found(cli("check", "--format", "json", "a.md")) == ["advice.doctor", "advice.practitioner"]


def test_level_change_and_fail_on(tmp_path, cli):
    write(tmp_path, "cfg.yaml", "packs: [claims]\nrules:\n  claims.cure: info\n  claims.miracle: info\n")
    write(tmp_path, "a.md", HYPE)
    assert cli("check", "--config", "cfg.yaml", "a.md").code == 0
    assert cli("check", "--config", "cfg.yaml", "--fail-on", "info", "a.md").code == 1


def test_rule_options_override(tmp_path, cli):
    write(tmp_path, ".claimcheck.yaml", "rules:\n  claims.miracle:\n    terms: [wonder]\n")
    write(tmp_path, "a.md", "It is a wonder. It is a miracle.\n")
    result = cli("check", "--format", "json", "a.md")
    matches = [f["match"] for f in json.loads(result.out)["files"][0]["findings"] if f["rule"] == "claims.miracle"]
    assert matches == ["wonder"]


def test_exclude_paths(tmp_path, cli):
    write(tmp_path, ".claimcheck.yaml", "exclude: ['archive/**']\npacks: [claims]\n")
    write(tmp_path, "archive/old.md", HYPE)
    write(tmp_path, "new.md", "Fine text.\n")
    result = cli("check", "--format", "json", ".")
    assert [f["path"] for f in json.loads(result.out)["files"]] == ["./new.md"]


def test_extends_merges(tmp_path, cli):
    write(tmp_path, "base.yaml", "packs: [claims]\nrules:\n  claims.cure: off\n")
    write(tmp_path, ".claimcheck.yaml", "extends: base.yaml\nrules:\n  claims.miracle: warning\n")
    write(tmp_path, "a.md", HYPE)
    result = cli("check", "--format", "json", "a.md")
    assert rules_found(result) == ["claims.miracle"]
    assert result.code == 0


def test_unknown_config_key(tmp_path, cli):
    path = write(tmp_path, ".claimcheck.yaml", "packs: [claims]\nrulez: {}\n")
    write(tmp_path, "a.md", HYPE)
    result = cli("check", "a.md")
    assert result.code == 2
    assert result.err.startswith(f"claimcheck: {path}:2: unknown key 'rulez' (known: ")


def test_unknown_rule_and_pack(tmp_path, cli):
    path = write(tmp_path, "c.yaml", "rules:\n  claims.nope: off\n")
    write(tmp_path, "a.md", HYPE)
    assert cli("check", "-c", "c.yaml", "a.md").err == f"claimcheck: {path}: 'rules' names an unknown rule 'claims.nope'\n"
    write(tmp_path, "d.yaml", "packs: [nope]\n")
    assert "unknown pack 'nope'" in cli("check", "-c", "d.yaml", "a.md").err


def test_missing_config_file(tmp_path, cli):
    result = cli("check", "--config", "missing.yaml", "a.md")
    assert result.code == 2
    assert result.err == f"claimcheck: {tmp_path / 'missing.yaml'}: config file not found\n"
