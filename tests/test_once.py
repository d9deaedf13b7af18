"""`once: true` on substitution rules: a term reported once per draft with a count, every use still fixed."""

from __future__ import annotations

import json

from conftest import write

DRAFT = (
    "# Seeing a physician\n\n"
    "Your physician knows you. Ask your physician about acupuncture.\n\n"
    "A physician may also refer you. Talk with your doctor first.\n"
)
USES = 4
HOUSE_RULE = """extends: substitution
category: plain-language
level: warning
message: "Say '{suggestion}'. {reason}"
description: Plainer words.
{once}swap:
  utilize:
    use: use
    reason: Shorter.
examples:
  fail: [We utilize it.]
  pass: [We use it.]
"""


def test_the_plain_language_pack_reports_a_term_once_with_a_count(tmp_path, cli):
    write(tmp_path, "d.md", DRAFT)
    result = cli("check", "--format", "json", "d.md")
    findings = [f for f in json.loads(result.out)["files"][0]["findings"] if f["rule"] == "plain-language.medical"]
    assert [(f["line"], f["column"], f["match"]) for f in findings] == [(1, 12, "physician")]
    assert findings[0]["message"].endswith(f"(and {USES - 1} more uses)")
    text = cli("check", "d.md")
    assert text.out.count("[plain-language.medical]") == 1
    assert "'Doctor' is the everyday word. (and 3 more uses)  [plain-language.medical]" in text.out


def test_fix_still_fixes_every_use(tmp_path, cli):
    path = write(tmp_path, "d.md", DRAFT)
    result = cli("check", "--fix", "d.md")
    fixed = open(path, encoding="utf-8").read()
    assert "physician" not in fixed
    assert fixed.count("doctor") == USES + 1
    assert "fixed 4 findings" in result.err
    assert "plain-language" not in result.out


def test_a_use_waived_by_a_directive_is_neither_reported_nor_counted(tmp_path, cli):
    draft = "<!-- claimcheck disable-next-line plain-language.medical -->\n" + DRAFT
    write(tmp_path, "d.md", draft)
    findings = json.loads(cli("check", "--format", "json", "d.md").out)["files"][0]["findings"]
    medical = [f for f in findings if f["rule"] == "plain-language.medical"]
    assert [(f["line"], f["column"]) for f in medical] == [(4, 6)]
    assert medical[0]["message"].endswith("(and 2 more uses)")


def test_one_more_use_is_singular(tmp_path, cli):
    write(tmp_path, "d.md", "Your physician knows. Your physician helps. Talk with your doctor.\n")
    findings = json.loads(cli("check", "--format", "json", "d.md").out)["files"][0]["findings"]
    (medical,) = [f for f in findings if f["rule"] == "plain-language.medical"]
    assert medical["message"].endswith("(and 1 more use)")


def test_the_config_can_turn_once_off_to_report_every_use(tmp_path, cli):
    write(tmp_path, "d.md", DRAFT)
    write(tmp_path, ".claimcheck.yaml", "rules:\n  plain-language.medical:\n    once: false\n")
    findings = json.loads(cli("check", "--format", "json", "d.md").out)["files"][0]["findings"]
    medical = [f for f in findings if f["rule"] == "plain-language.medical"]
    assert len(medical) == USES
    assert not any("more use" in f["message"] for f in medical)


def test_once_is_off_by_default_for_a_users_substitution_rule(tmp_path, cli):
    write(tmp_path, "house/tone/plain.yml", HOUSE_RULE.replace("{once}", ""))
    write(tmp_path, ".claimcheck.yaml", "packs: [advice]\nrule-paths: [house]\n")
    write(tmp_path, "d.md", "We utilize it. They utilize it. Talk with your doctor.\n")
    findings = json.loads(cli("check", "--format", "json", "d.md").out)["files"][0]["findings"]
    assert [f["column"] for f in findings if f["rule"] == "tone.plain"] == [4, 21]
    write(tmp_path, "house/tone/plain.yml", HOUSE_RULE.replace("{once}", "once: true\n"))
    findings = json.loads(cli("check", "--format", "json", "d.md").out)["files"][0]["findings"]
    (plain,) = [f for f in findings if f["rule"] == "tone.plain"]
    assert plain["column"] == 4 and plain["message"] == "Say 'use'. Shorter. (and 1 more use)"


def test_once_must_be_true_or_false(tmp_path, cli):
    write(tmp_path, "house/tone/plain.yml", HOUSE_RULE.replace("{once}", "once: sometimes\n"))
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    write(tmp_path, "d.md", "We utilize it.\n")
    result = cli("check", "d.md")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("claimcheck: ") and result.err.count("\n") == 1
    assert "plain.yml:6: 'once': must be true or false" in result.err


def test_once_is_a_known_key_only_of_substitution_rules(tmp_path, cli):
    write(tmp_path, "house/tone/hype.yml", "extends: existence\ncategory: overclaim\nlevel: error\nmessage: hype\n"
          "description: Hype.\nonce: true\nterms: [amazing]\nexamples:\n  fail: [It is amazing.]\n  pass: [Fine.]\n")
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    write(tmp_path, "d.md", "It is amazing.\n")
    result = cli("check", "d.md")
    assert result.code == 2
    assert "hype.yml:6: 'once': unknown key for 'existence' rules" in result.err


def test_the_cache_keeps_the_fixes_of_the_other_uses(tmp_path, cli):
    path = write(tmp_path, "d.md", DRAFT)
    first = cli("check", "--cache", "--format", "json", "d.md")
    again = cli("check", "--cache", "--format", "json", "d.md")
    assert first.out == again.out
    from claimcheck.ruleset.config import Config
    from claimcheck.run.cache import _from_json, _to_json  # the round trip a cached report makes
    from claimcheck.run.lint import lint_text
    from claimcheck.run.load import load_ruleset

    report = lint_text(path, DRAFT, load_ruleset(Config()))
    (medical,) = [f for f in report.findings if f.rule == "plain-language.medical"]
    assert len(medical.more_fixes) == USES - 1
    back = _from_json(json.loads(json.dumps(_to_json(report))))
    (again,) = [f for f in back.findings if f.rule == "plain-language.medical"]
    assert again.more_fixes == medical.more_fixes
