"""Inline directives: what each one waives, what it leaves alone, and how a bad one is reported."""

from __future__ import annotations

import pytest
from conftest import ROOT, write

ADVICE = "Talk with your neurologist and use a licensed practitioner."


def rules_at(findings):
    return [(f.rule, f.line) for f in findings if f.rule != "advice.doctor" and f.rule != "advice.practitioner"]


def test_disable_and_enable_a_rule_for_a_passage(lint):
    text = (
        "Acupuncture cures MS.\n\n"
        "<!-- claimcheck disable claims.cure -->\n\n"
        "The clinic says acupuncture cures MS. It is a miracle.\n\n"
        "<!-- claimcheck enable claims.cure -->\n\n"
        "Acupuncture cures MS.\n"
    )
    assert rules_at(lint(text)) == [("claims.cure", 1), ("claims.miracle", 5), ("claims.cure", 9)]


def test_disable_without_rules_covers_every_rule_until_enable(lint):
    text = "<!-- claimcheck disable -->\n\nA miracle that cures MS.\n\n<!-- claimcheck enable -->\n\nA miracle.\n"
    assert rules_at(lint(text)) == [("claims.miracle", 7)]


def test_a_pack_name_covers_its_rules(lint):
    text = "<!-- claimcheck disable claims -->\nA miracle that cures MS.\n"
    assert rules_at(lint(text)) == []


def test_enable_of_one_rule_after_disable_of_all(lint):
    text = "<!-- claimcheck disable -->\n<!-- claimcheck enable claims.cure -->\nA miracle that cures MS.\n"
    assert rules_at(lint(text)) == [("claims.cure", 3)]


def test_disable_next_line_covers_only_the_next_line(lint):
    text = (
        "Some text.\n<!-- claimcheck disable-next-line claims.cure -->\n"
        "Acupuncture cures MS, a miracle.\nAcupuncture cures MS.\n"
    )
    assert rules_at(lint(text)) == [("claims.miracle", 3), ("claims.cure", 4)]


def test_a_directive_inside_a_paragraph_counts_from_where_it_stands(lint):
    text = "Acupuncture cures MS. <!-- claimcheck disable claims.cure --> Acupuncture cures MS.\n"
    assert [(f.rule, f.column) for f in lint(text, rule="claims.cure")] == [("claims.cure", 13)]


def test_disable_file_covers_everything_even_before_it(lint):
    text = "# A miracle cure\n\nAcupuncture cures MS.\n\n<!-- claimcheck disable-file -->\n"
    assert lint(text) == []


def test_a_required_advice_finding_can_be_waived_per_file(lint):
    text = "# Acupuncture\n\nSome people try acupuncture. If you have pain, you could try acupuncture.\n"
    assert {f.rule for f in lint(text)} == {"advice.doctor", "advice.practitioner"}
    waived = text + "\n<!-- claimcheck disable advice.doctor -- a news brief, not advice -->\n"
    assert {f.rule for f in lint(waived)} == {"advice.practitioner"}
    assert lint(text + "<!-- claimcheck disable-file advice -->\n") == []


def test_a_passing_disable_of_every_rule_does_not_waive_document_findings(lint):
    text = (
        "# Acupuncture\n\n<!-- claimcheck disable -->\n\nIt is a miracle. You should try acupuncture.\n\n"
        "<!-- claimcheck enable -->\n"
    )
    assert {f.rule for f in lint(text)} == {"advice.doctor", "advice.practitioner"}


def test_an_unknown_rule_is_reported_where_the_directive_stands_and_disables_nothing(lint):
    text = f"{ADVICE}\n\nIntro.  <!-- claimcheck disable claims.cures -->\n\nAcupuncture cures MS.\n"
    findings = lint(text)
    assert [(f.rule, f.category, f.level, f.line, f.column) for f in findings] == [
        ("claimcheck.directive", "suppression", "error", 3, 9),
        ("claims.cure", "overclaim", "error", 5, 13),
    ]
    problem = findings[0]
    assert problem.message == "claimcheck disable names an unknown rule 'claims.cures' (see 'claimcheck rules')"
    assert problem.match == "<!-- claimcheck disable claims.cures -->"
    assert (problem.end_line, problem.end_column) == (3, 9 + len(problem.match))


def test_known_rules_in_a_directive_still_apply_beside_an_unknown_one(lint):
    text = f"{ADVICE}\n\n<!-- claimcheck disable claims.cure, nope -->\n\nAcupuncture cures MS.\n"
    assert [f.rule for f in lint(text)] == ["claimcheck.directive"]


@pytest.mark.parametrize(
    "comment, given",
    [
        ("claimcheck", "claimcheck"),
        ("claimcheck disabel claims.cure", "claimcheck disabel"),
        ("claimcheck-disable claims.cure", "claimcheck-disable claims.cure"),
        ("claimcheck: disable", "claimcheck: disable"),
    ],
)
def test_a_malformed_directive_is_reported_and_waives_nothing(lint, comment, given):
    findings = lint(f"{ADVICE}\n\n<!-- {comment} -->\n\nAcupuncture cures MS.\n")
    assert [f.rule for f in findings] == ["claimcheck.directive", "claims.cure"]
    assert findings[0].message == (
        f"malformed claimcheck directive '{given}' "
        "(use: claimcheck disable | enable | disable-next-line | disable-file [RULE...])"
    )


def test_other_comments_and_code_are_not_directives(lint):
    text = (
        f"{ADVICE}\n\n<!-- editor: check claimcheck output -->\n\n"
        "```\n<!-- claimcheck disable -->\n```\n\nAcupuncture cures MS.\n"
    )
    assert [f.rule for f in lint(text)] == ["claims.cure"]


def test_a_rule_turned_off_in_config_may_still_be_named(tmp_path, cli):
    write(tmp_path, ".claimcheck.yaml", "rules:\n  claims.cure: off\n")
    write(tmp_path, "a.md", f"{ADVICE}\n\n<!-- claimcheck disable claims.cure -->\nAcupuncture cures MS.\n")
    result = cli("check", "a.md")
    assert (result.code, "claimcheck.directive" in result.out) == (0, False)


def test_directive_findings_reach_the_json_and_fail_the_run(tmp_path, cli):
    write(tmp_path, "a.md", f"{ADVICE}\n\n<!-- claimcheck disable claims.cur -->\n")
    result = cli("check", "--format", "json", "a.md")
    assert result.code == 1
    assert '"category": "suppression"' in result.out


def test_the_documented_example_waives_exactly_what_it_names(lint):
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = page.split("## Inline directives", 1)[1].split("```markdown\n", 1)[1].split("```", 1)[0]
    assert lint(example) == []
    without = "\n".join(line for line in example.splitlines() if not line.startswith("<!--"))
    assert sorted(f.rule for f in lint(without)) == ["advice.doctor", "claims.cure", "claims.miracle", "claims.proven"]


def test_the_directive_rule_examples(lint):
    from claimcheck.filters.directives import DIRECTIVE_RULE

    for example in DIRECTIVE_RULE.examples["fail"]:
        assert [f.rule for f in lint(f"{ADVICE}\n\n{example}\n")] == ["claimcheck.directive"], example
    for example in DIRECTIVE_RULE.examples["pass"]:
        assert lint(f"{ADVICE}\n\n{example}\n") == [], example
