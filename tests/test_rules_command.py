"""`claimcheck rules NAME`: a pack lists its rules, a mistyped id gets the closest one suggested."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, write


def test_a_rule_named_without_its_pack_gets_the_full_id_suggested(cli):
    result = cli("rules", "cure")
    assert result.code == 2
    assert result.out == ""
    assert result.err == "claimcheck: no active rule or pack 'cure'; did you mean 'claims.cure'? (see 'claimcheck rules')\n"


def test_a_misspelt_id_gets_the_closest_id_suggested(cli):
    result = cli("rules", "plain-language.medicl")
    assert result.code == 2
    assert "did you mean 'plain-language.medical'?" in result.err


def test_rules_check_suggests_too(cli):
    result = cli("rules", "--check", "claim.cure")
    assert result.code == 2
    assert "did you mean 'claims.cure'?" in result.err


def test_a_pack_lists_its_rules_and_only_them(cli):
    listed = cli("rules", "claims")
    every = cli("rules")
    assert listed.code == 0 and listed.err == ""
    ids = [line.split()[0] for line in listed.out.splitlines()]
    assert ids and all(rule_id.startswith("claims.") for rule_id in ids)
    assert "claims.cure" in ids
    assert ids == [line.split()[0] for line in every.out.splitlines() if line.startswith("claims.")]


def test_a_pack_of_the_users_own_rules_is_listed(tmp_path, cli):
    write(tmp_path, "house/tone/hype.yml", "extends: existence\ncategory: overclaim\nlevel: error\nmessage: hype\n"
          "description: Flags hype.\nterms: [amazing]\nexamples:\n  fail: [It is amazing.]\n  pass: [It is fine.]\n")
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    result = cli("rules", "tone")
    assert result.code == 0
    assert [line.split()[0] for line in result.out.splitlines()] == ["tone.hype"]


def test_the_installed_command_suggests_an_id():
    result = subprocess.run([sys.executable, "-m", "claimcheck", "rules", "miracle"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == "claimcheck: no active rule or pack 'miracle'; did you mean 'claims.miracle'? (see 'claimcheck rules')\n"
