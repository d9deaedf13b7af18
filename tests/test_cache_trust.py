"""A cache entry is used only if this user's claimcheck wrote it, and only if every field
has its type: a committed, copied or edited entry cannot make `check --cache` pass a
draft, nor crash a formatter."""

from __future__ import annotations

import json
import os
import stat

import pytest

from claimcheck.run.cache import Cache, secret_path

HYPE = "# Acupuncture\n\nAcupuncture cures MS.\n"
FORMATS = ("text", "json", "github", "sarif", "html")


@pytest.fixture(autouse=True)
def own_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE_SECRET", str(tmp_path / "home" / "secret"))


def _entry(folder):
    [entry] = [path for path in folder.rglob("*.json")]
    return entry


def test_the_secret_is_made_once_readable_by_the_user_alone(tmp_path, cli):
    (tmp_path / "a.md").write_text(HYPE, encoding="utf-8")
    cli("check", "--cache", "a.md")
    secret = secret_path()
    assert secret == tmp_path / "home" / "secret"
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600 and len(secret.read_bytes()) >= 32


def test_an_entry_with_its_findings_emptied_does_not_pass_the_draft(tmp_path, cli):
    (tmp_path / "a.md").write_text(HYPE, encoding="utf-8")
    first = cli("check", "--cache", "a.md")
    assert first.code == 1
    entry = _entry(tmp_path / ".claimcheck-cache")
    signed = json.loads(entry.read_bytes())
    report = json.loads(signed["report"])
    report["findings"] = []
    # The key is computable, and so is a MAC under any secret but the user's.
    forged = Cache(tmp_path, "", b"")._mac(entry.stem, json.dumps(report))
    for mac in (signed["mac"], forged):
        entry.write_text(json.dumps({"mac": mac, "report": json.dumps(report)}), encoding="utf-8")
        again = cli("check", "--cache", "a.md")
        assert (again.code, again.out) == (first.code, first.out)


@pytest.mark.parametrize(
    "field, value",
    [("line", "3"), ("line", True), ("message", 7), ("level", "fatal"), ("suggestion", ["x"]), ("fix", {"start": "0"}), ("extra", 1)],
)
def test_a_signed_entry_with_wrong_field_types_is_ignored_in_every_format(tmp_path, cli, field, value):
    (tmp_path / "a.md").write_text(HYPE, encoding="utf-8")
    clean = {name: cli("check", "--format", name, "a.md") for name in FORMATS}
    cli("check", "--cache", "a.md")
    entry = _entry(tmp_path / ".claimcheck-cache")
    report = json.loads(json.loads(entry.read_bytes())["report"])
    report["findings"][0][field] = value
    text = json.dumps(report)
    cache = Cache(tmp_path, "", (tmp_path / "home" / "secret").read_bytes())
    entry.write_text(json.dumps({"mac": cache._mac(entry.stem, text), "report": text}), encoding="utf-8")
    for name in FORMATS:
        result = cli("check", "--cache", "--format", name, "a.md")
        assert (result.code, result.err) == (clean[name].code, clean[name].err), name
        assert "Traceback" not in result.err
