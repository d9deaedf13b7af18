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


INVITING = "# Acupuncture\n\nAcupuncture cures MS. If you have MS, you should try acupuncture.\n"


def messages_found(result):
    return {f["rule"]: f["message"] for file in json.loads(result.out)["files"] for f in file["findings"]}


def test_packs_select_rules(tmp_path, cli):
    write(tmp_path, ".claimcheck.yaml", "packs: [advice]\n")
    write(tmp_path, "a.md", INVITING)
    assert rules_found(cli("check", "--format", "json", "a.md")) == ["advice.doctor", "advice.practitioner"]


def test_domain_pack_is_off_by_default_and_speaks_of_health_in_general(tmp_path, cli):
    write(tmp_path, "a.md", INVITING)
    messages = messages_found(cli("check", "--format", "json", "a.md"))
    assert not any(rule.startswith("ms-acupuncture.") for rule in messages)
    assert "MS care team" not in messages["advice.doctor"] and "neurologist" not in messages["advice.doctor"]
    assert "you should try acupuncture." in messages["advice.doctor"]
    assert "discusses acupuncture" in messages["advice.practitioner"]


def test_a_config_chooses_the_domain_pack(tmp_path, cli):
    write(tmp_path, ".claimcheck.yaml", "packs: [ms-acupuncture]\n")
    write(tmp_path, "a.md", INVITING)
    messages = messages_found(cli("check", "--format", "json", "a.md"))
    assert sorted(messages) == ["ms-acupuncture.doctor", "ms-acupuncture.practitioner"]
    assert "MS care team" in messages["ms-acupuncture.doctor"]
    assert "licensed acupuncturist" in messages["ms-acupuncture.practitioner"]


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
    assert cli("check", "-c", "c.yaml", "a.md").err == f"claimcheck: {path}:2: 'rules' names an unknown rule 'claims.nope'\n"
    # A real rule of a pack the config leaves out is not "unknown".
    path = write(tmp_path, "e.yaml", "packs: [claims]\nrules:\n  advice.doctor: error\n")
    assert cli("check", "-c", "e.yaml", "a.md").err == (
        f"claimcheck: {path}:3: 'rules' sets 'advice.doctor', but its pack 'advice' is not in 'packs'\n"
    )
    write(tmp_path, "d.yaml", "packs: [nope]\n")
    assert "unknown pack 'nope'" in cli("check", "-c", "d.yaml", "a.md").err


def test_missing_config_file(tmp_path, cli):
    result = cli("check", "--config", "missing.yaml", "a.md")
    assert result.code == 2
    assert result.err == f"claimcheck: {tmp_path / 'missing.yaml'}: config file not found\n"


def test_a_bad_rule_setting_is_reported_in_the_config_file(tmp_path, cli):
    # The user wrote the mistake in their config: the error must not send them to a rule
    # file inside the installed package.
    path = write(tmp_path, "c.yaml", "packs: [claims]\nrules:\n  claims.miracle: off\n  claims.cure:\n    level: fatal\n")
    write(tmp_path, "a.md", HYPE)
    result = cli("check", "-c", "c.yaml", "a.md")
    assert result.code == 2
    assert result.err == (
        f"claimcheck: {path}:5: rule 'claims.cure': 'level': unknown level 'fatal' (use one of: info, warning, error)\n"
    )


def test_bad_rule_options_in_the_config_name_its_lines(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    cases = {
        "terms": ("rules:\n  claims.miracle:\n    message: Hype.\n    terms: ['']\n", 4, "'terms': every term must be non-empty text"),
        "patterns": (
            "rules:\n  claims.miracle:\n    patterns: [[{LOWR: x}]]\n",
            3,
            "'patterns': pattern 1 is not a valid spaCy token pattern",
        ),
        "unknown key": ("rules:\n  claims.miracle:\n    colour: red\n", 3, "'colour': unknown key for 'existence' rules"),
        "flow style": ("rules:\n  claims.miracle: {message: 3}\n", 2, "'message': must be text"),
        "plain value": ("rules:\n\n  claims.miracle: fatal\n", 3, "use off, a level (info, warning, error)"),
    }
    for name, (config, line, reason) in cases.items():
        path = write(tmp_path, f"{name}.yaml", config)
        result = cli("check", "-c", path, "a.md")
        assert result.code == 2, name
        assert result.err.startswith(f"claimcheck: {path}:{line}: rule 'claims.miracle': {reason}"), (name, result.err)


def test_a_bad_setting_in_an_extended_config_names_that_file(tmp_path, cli):
    base = write(tmp_path, "base.yaml", "rules:\n  claims.cure:\n    level: loud\n")
    write(tmp_path, ".claimcheck.yaml", "extends: base.yaml\nrules:\n  claims.miracle: info\n")
    write(tmp_path, "a.md", HYPE)
    assert cli("check", "a.md").err.startswith(f"claimcheck: {base}:3: rule 'claims.cure': 'level': unknown level 'loud'")


def test_a_rule_file_error_still_names_the_rule_file(tmp_path, cli):
    # A setting the config leaves alone is the rule file's business, even when the config sets others.
    rule = write(tmp_path, "house/tone/hype.yml", "extends: existence\ncategory: overclaim\nlevel: error\nmessage: Hype.\n"
                 "description: Hype.\nterms: ['']\n")
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\nrules:\n  tone.hype: warning\n")
    write(tmp_path, "a.md", HYPE)
    assert cli("check", "a.md").err == f"claimcheck: {rule}:6: 'terms': every term must be non-empty text\n"
