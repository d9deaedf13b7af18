"""Bad rule files stop the run with exit status 2 and one line naming file, line and key."""

from __future__ import annotations

from conftest import GOOD_RULE, write


def rule_setup(tmp_path, text):
    write(tmp_path, "house/tone/hype.yml", text)
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    write(tmp_path, "draft.md", "It is amazing.\n")
    return str(tmp_path / "house" / "tone" / "hype.yml")


def test_user_rule_is_loaded_with_id_from_path(tmp_path, cli):
    rule_setup(tmp_path, GOOD_RULE)
    result = cli("check", "--format", "json", "draft.md")
    assert result.code == 1
    assert '"rule": "tone.hype"' in result.out


def test_unknown_key(tmp_path, cli):
    path = rule_setup(tmp_path, GOOD_RULE.replace("terms:", "termz:"))
    result = cli("check", "draft.md")
    assert result.code == 2
    assert result.err == (
        f"claimcheck: {path}:6: 'termz': unknown key for 'existence' rules "
        "(known: exceptions, exclude, patterns, strength, suggestion, terms)\n"
    )


def test_unknown_claim_strength(tmp_path, cli):
    path = rule_setup(tmp_path, GOOD_RULE + "strength: [direct, causal]\n")
    result = cli("check", "draft.md")
    assert result.code == 2
    assert result.err == (
        f"claimcheck: {path}:10: 'strength': unknown claim strength 'causal' "
        "(known: none, correlational, conditional, direct)\n"
    )


def test_claim_strength_must_be_a_list(tmp_path, cli):
    path = rule_setup(tmp_path, GOOD_RULE + "strength: direct\n")
    result = cli("check", "draft.md")
    assert result.code == 2
    assert result.err == (
        f"claimcheck: {path}:10: 'strength': must be a non-empty list of claim strengths "
        "(none, correlational, conditional, direct)\n"
    )


def test_unknown_kind(tmp_path, cli):
    path = rule_setup(tmp_path, GOOD_RULE.replace("extends: existence", "extends: existance"))
    result = cli("check", "draft.md")
    assert result.code == 2
    assert result.err == (
        f"claimcheck: {path}:1: 'extends': unknown kind 'existance'"
        " (use one of: citation, claim, existence, readability, reference, require, source, study-claim, substitution)\n"
    )


def test_bad_level(tmp_path, cli):
    path = rule_setup(tmp_path, GOOD_RULE.replace("level: error", "level: fatal"))
    result = cli("check", "draft.md")
    assert result.code == 2
    assert result.err == f"claimcheck: {path}:3: 'level': unknown level 'fatal' (use one of: info, warning, error)\n"


def test_bad_pattern(tmp_path, cli):
    path = rule_setup(tmp_path, GOOD_RULE.replace("terms: [amazing]", "patterns:\n  - [{LOWR: amazing}]"))
    result = cli("check", "draft.md")
    assert result.code == 2
    assert result.err.startswith(f"claimcheck: {path}:6: 'patterns': pattern 1 is not a valid spaCy token pattern")
    assert result.err.count("\n") == 1


def test_invalid_yaml(tmp_path, cli):
    path = rule_setup(tmp_path, GOOD_RULE + "terms: [unclosed\n")
    result = cli("check", "draft.md")
    assert result.code == 2
    assert result.err.startswith(f"claimcheck: {path}:")
    assert result.err.count("\n") == 1


def test_duplicate_key(tmp_path, cli):
    path = rule_setup(tmp_path, GOOD_RULE + "level: info\n")
    result = cli("check", "draft.md")
    assert result.err == f"claimcheck: {path}:10: duplicate key 'level'\n"


def test_yaml_cannot_construct_objects(tmp_path, cli):
    path = rule_setup(tmp_path, GOOD_RULE.replace("Flags hype.", "!!python/object/apply:os.system [echo hi]"))
    result = cli("check", "draft.md")
    assert result.code == 2
    assert result.err.startswith(f"claimcheck: {path}:5: invalid YAML")


def test_words_like_no_and_off_stay_words(tmp_path, cli):
    rule_setup(tmp_path, GOOD_RULE.replace("terms: [amazing]", "terms: [amazing, no, off]"))
    assert cli("check", "draft.md").code == 1


def test_a_rule_off_by_default_runs_once_a_config_names_it(tmp_path):
    from claimcheck.ruleset.config import Config
    from claimcheck.run.load import load_ruleset

    default = load_ruleset(Config(), compiled=False)
    named = load_ruleset(Config(rules={"evidence.unhedged": "error"}), compiled=False)
    assert "evidence.unhedged" not in default.ids() and "evidence.unhedged" in default.known
    assert named.get("evidence.unhedged") is not None and named.get("evidence.unhedged").level == "error"
    assert "evidence.can-claim" not in named.ids()


def test_enabled_must_be_true_or_false(tmp_path, cli):
    rules = tmp_path / "mine" / "house"
    rules.mkdir(parents=True)
    (rules / "odd.yml").write_text(
        "extends: existence\ncategory: overclaim\nlevel: error\nmessage: m\ndescription: d\nenabled: sometimes\n"
        "terms: [miracle]\n",
        encoding="utf-8",
    )
    (tmp_path / ".claimcheck.yaml").write_text("rule-paths: [mine]\n", encoding="utf-8")
    (tmp_path / "d.md").write_text("A miracle.\n", encoding="utf-8")
    result = cli("check", "d.md")
    assert result.code == 2 and "odd.yml:6: 'enabled': must be true or false" in result.err
