"""`--fix` and `--diff`: fixes at the findings' offsets, nothing else touched, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CORPUS, write

from claimcheck.core.findings import Fix
from claimcheck.fix import fixes as fix_module
from claimcheck.fix.fixes import apply_fixes

DRAFT = (
    "\ufeff---\r\ntitle: Prior to treatment\r\n---\r\n"
    "# Before acupuncture\r\n\r\n"
    "Prior to treatment, tell your doctor.  It is  approximately 30 minutes.\r\n"
    "Practitioners utilize *thin* needles; the efficacy is unclear.\r\n"
    "`utilize` stays as code.\r\n"
)
FIXED = (
    "\ufeff---\r\ntitle: Prior to treatment\r\n---\r\n"
    "# Before acupuncture\r\n\r\n"
    "Before treatment, tell your doctor.  It is  about 30 minutes.\r\n"
    "Practitioners use *thin* needles; the efficacy is unclear.\r\n"
    "`utilize` stays as code.\r\n"
)


def draft(tmp_path: Path, data: bytes = DRAFT.encode("utf-8"), name: str = "d.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_fix_rewrites_terms_and_nothing_else_byte_for_byte(tmp_path, cli):
    path = draft(tmp_path)
    result = cli("check", "--fix", "d.md")
    assert path.read_bytes() == FIXED.encode("utf-8")
    assert result.err == "claimcheck: d.md: fixed 3 findings\n"
    # What cannot be fixed is still reported, at its place in the rewritten file.
    assert 'd.md:7:39  warning  plain-language  "efficacy"' in result.out
    assert "utilize" not in result.out and "Prior to" not in result.out


def test_fix_keeps_file_mode(tmp_path, cli):
    path = draft(tmp_path)
    os.chmod(path, 0o640)
    cli("check", "--fix", "d.md")
    assert oct(os.stat(path).st_mode & 0o777) == "0o640"


def test_second_fix_changes_nothing(tmp_path, cli):
    path = draft(tmp_path)
    cli("check", "--fix", "d.md")
    result = cli("check", "--fix", "d.md")
    assert path.read_bytes() == FIXED.encode("utf-8")
    assert result.err == ""


def test_diff_shows_the_changes_and_writes_nothing(tmp_path, cli):
    path = draft(tmp_path)
    result = cli("check", "--diff", "d.md")
    assert result.code == 0
    assert path.read_bytes() == DRAFT.encode("utf-8")
    assert result.out.startswith("--- a/d.md\n+++ b/d.md\n@@ ")
    assert "-Practitioners utilize *thin* needles; the efficacy is unclear.\r\n" in result.out
    assert "+Practitioners use *thin* needles; the efficacy is unclear.\r\n" in result.out
    assert "title" not in result.out


def test_diff_of_standard_input(cli):
    result = cli("check", "--diff", "-", stdin="We utilize needles.\n")
    assert result.out == "--- a/<stdin>\n+++ b/<stdin>\n@@ -1 +1 @@\n-We utilize needles.\n+We use needles.\n"


def test_markup_inside_a_term_is_left_to_the_writer(tmp_path, cli):
    path = write(tmp_path, "d.md", "Stop *prior* to treatment. Go prior\nto lunch.\n")
    result = cli("check", "--fix", "d.md")
    assert Path(path).read_text(encoding="utf-8") == "Stop *prior* to treatment. Go prior\nto lunch.\n"
    # Both are still reported (once per draft: the first, counting the other), with their suggestion.
    assert result.out.count("info     plain-language") == 1
    assert "(and 1 more use)" in result.out
    assert result.out.count("suggestion: before") == 1
    assert result.err == ""


def test_bad_input_exits_2_and_leaves_the_file_untouched(tmp_path, cli):
    data = b"We utilize needles.\n\xff\xfe\n"
    path = draft(tmp_path, data)
    result = cli("check", "--fix", "d.md")
    assert result.code == 2
    assert result.err == "claimcheck: d.md: not UTF-8 text (byte 0xff at offset 20)\n"
    assert path.read_bytes() == data


def test_fix_refuses_standard_input_and_diff_together(tmp_path, cli):
    assert cli("check", "--fix", "-", stdin="We utilize needles.\n").code == 2
    draft(tmp_path)
    result = cli("check", "--fix", "--diff", "d.md")
    assert result.code == 2
    assert "not allowed with argument" in result.err


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_interrupted_write_leaves_the_draft_whole(tmp_path, cli, monkeypatch, failure):
    path = draft(tmp_path)

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(fix_module.os, "replace", fail)
    try:
        cli("check", "--fix", "d.md")
    except OSError:
        pass
    assert path.read_bytes() == DRAFT.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.md"]


def test_file_changed_since_it_was_read_is_not_overwritten(tmp_path, cli, monkeypatch):
    path = draft(tmp_path)
    real = fix_module.fix_file

    def edit_meanwhile(*args, **kwargs):
        fixed = real(*args, **kwargs)
        path.write_bytes(b"Edited meanwhile.\n")
        return fixed

    monkeypatch.setattr(fix_module, "fix_file", edit_meanwhile)
    result = cli("check", "--fix", "d.md")
    assert result.code == 2
    assert result.err == "claimcheck: d.md: changed while it was being fixed; left as it is\n"
    assert path.read_bytes() == b"Edited meanwhile.\n"


def test_fixing_the_jargon_draft_changes_only_the_fixed_spans(tmp_path, cli):
    source = (CORPUS / "jargon-heavy.md").read_text(encoding="utf-8")
    path = write(tmp_path, "j.md", source)
    from claimcheck.ruleset.config import Config
    from claimcheck.run.lint import lint_text
    from claimcheck.run.load import load_ruleset

    findings = lint_text("j.md", source, load_ruleset(Config())).findings
    fixes = [f.fix for f in findings if f.fix]
    unfixable = [f for f in findings if f.category == "plain-language" and not f.fix]
    cli("check", "--fix", "j.md")
    after = Path(path).read_text(encoding="utf-8")
    assert after == apply_fixes(source, fixes)[0]
    # Outside the fixed spans every character is where it was.
    kept, cursor = [], 0
    for fix in sorted(fixes, key=lambda f: f.start):
        kept.append(source[cursor : fix.start])
        cursor = fix.end
    kept.append(source[cursor:])
    position = 0
    for piece in kept:
        position = after.index(piece, position) + len(piece)
    assert "Use" not in source and "Practitioners use acupuncture to help" in after
    remaining = lint_text("j.md", after, load_ruleset(Config())).findings
    assert not [f for f in remaining if f.fix]
    assert sorted(f.match for f in remaining if f.category == "plain-language") == sorted(f.match for f in unfixable)


def test_apply_fixes_skips_overlaps():
    assert apply_fixes("abcdef", [Fix(0, 3, "X"), Fix(2, 4, "Y"), Fix(4, 6, "Z")]) == ("XdZ", 2)
