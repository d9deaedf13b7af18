"""A rule's `link` reaches SARIF viewers only as an http(s) URL, and never as markup."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from claimcheck.core.findings import Report
from claimcheck.output.sarif import render_sarif, safe_link
from claimcheck.run.lint import lint_text


@pytest.mark.parametrize(
    "link, shown",
    [
        ("javascript:alert(document.domain)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("https://example.org/a b", False),
        ("https://example.org/x\n[evil](javascript:alert(1))", False),
        ("//example.org/x", False),
        ("https://example.org/rules/cure", True),
    ],
)
def test_only_http_links_reach_sarif(ruleset, link, shown):
    rule = replace(next(rule for rule in ruleset.rules if rule.id == "claims.cure"), link=link)
    report = Report((lint_text("a.md", "# T\n\nAcupuncture cures MS.\n", ruleset),), (rule,))
    [entry] = [r for r in json.loads(render_sarif(report))["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "claims.cure"]
    assert ("helpUri" in entry) is shown
    assert safe_link(link) is shown
    if not shown:
        assert "javascript" not in json.dumps(entry).lower() and "data:" not in entry["help"]["markdown"]


def test_markdown_link_is_escaped(ruleset):
    from claimcheck.output.sarif import _help_markdown  # the one place the link becomes markup

    rule_link = "https://example.org/a)(b<c>"
    assert safe_link(rule_link)
    rule = replace(next(rule for rule in ruleset.rules if rule.id == "claims.cure"), link=rule_link)
    assert _help_markdown(rule).endswith("[Read more](https://example.org/a%29%28b%3Cc%3E)")
