"""SARIF 2.1.0, for code scanning: rules with their examples, results with regions and fingerprints."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote, urlsplit

from claimcheck import __version__
from claimcheck.core.findings import FileReport, Finding, Report
from claimcheck.core.rule import Rule
from claimcheck.filters.fingerprint import fingerprints

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "claimcheck/v1"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(report: Report) -> str:
    """One SARIF run: the driver with its rules, one result per finding, read errors as notifications."""
    rules = _rule_list(report)
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    run = {
        "tool": {"driver": {"name": "claimcheck", "version": __version__, "semanticVersion": __version__, "rules": rules}},
        "invocations": [_invocation(report)],
        "columnKind": "unicodeCodePoints",
        "results": [result for file in report.files for result in _results(file, index)],
    }
    payload = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _rule_list(report: Report) -> list[dict[str, Any]]:
    rules = [sarif_rule(rule) for rule in report.rules]
    known = {rule.id for rule in report.rules}
    # A finding from a rule the report does not describe still needs an entry to point at.
    for rule_id in sorted({f.rule for f in report.findings()} - known):
        rules.append({"id": rule_id})
    return rules


def sarif_rule(rule: Rule) -> dict[str, Any]:
    """A rule as a SARIF reportingDescriptor, with its examples as help."""
    entry: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in re.split(r"[.\-_]", rule.id)),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.level]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }
    if safe_link(rule.link):
        entry["helpUri"] = rule.link
    return entry


def _help_text(rule: Rule) -> str:
    parts = [rule.description]
    for _, title, examples in rule.example_groups():
        parts.append(f"{title}:\n" + "\n".join(f"- {example}" for example in examples))
    if safe_link(rule.link):
        parts.append(f"More: {rule.link}")
    return "\n\n".join(parts)


def _help_markdown(rule: Rule) -> str:
    parts = [rule.description]
    for _, title, examples in rule.example_groups():
        parts.append(f"**{title}:**\n\n" + "\n".join(f"- {_escape_markdown(example)}" for example in examples))
    if safe_link(rule.link):
        # Percent-encoded where Markdown would end the link or read markup.
        parts.append(f"[Read more]({quote(rule.link, safe=_URL_SAFE)})")
    return "\n\n".join(parts)


# What a URL may keep as it is inside a Markdown link's parentheses.
_URL_SAFE = ":/?#@!$&'*+,;=-._~%"


def safe_link(link: str) -> bool:
    """Whether a rule's link may be handed on as one: an http(s) URL with a host, nothing a
    viewer would run (`javascript:`, `data:`) and no spaces or control characters."""
    if not link or any(char.isspace() or ord(char) < 0x20 or ord(char) == 0x7F for char in link):
        return False
    parts = urlsplit(link)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _escape_markdown(text: str) -> str:
    # Examples are prose, but some show HTML comments or markup that must read literally.
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _results(file: FileReport, index: dict[str, int]) -> list[dict[str, Any]]:
    prints = fingerprints(file.findings)
    return [_result(file.path, finding, index, f"{hash_}:{n}") for finding, (hash_, n) in zip(file.findings, prints)]


def _result(path: str, finding: Finding, index: dict[str, int], print_: str) -> dict[str, Any]:
    message = finding.message + (f" Suggestion: {finding.suggestion}" if finding.suggestion else "")
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": SARIF_LEVELS[finding.level],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": _region(finding)}}],
        "partialFingerprints": {FINGERPRINT_KEY: print_},
        "properties": {"category": finding.category, "scope": finding.scope, "match": finding.match},
    }


def _region(finding: Finding) -> dict[str, int]:
    if finding.scope == "document":
        return {"startLine": 1}
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }


def artifact_uri(path: str) -> str:
    """A report path as a URI reference: relative with forward slashes, or file:// when absolute."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(PurePath(os.path.normpath(path)).as_posix())


def _invocation(report: Report) -> dict[str, Any]:
    notifications = [
        {
            "level": "error",
            "message": {"text": f"cannot check: {file.reason()}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(file.path)}}}],
        }
        for file in report.files
        if file.error
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation
