"""Bad input: each case is handled, or reported as one line naming the file with exit status 2,
and one bad file never stops the others from being checked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import CORPUS, write

from claimcheck.run.lint import lint_file

HYPE = "# Acupuncture\n\nAcupuncture cures MS.\n"


def errors(result) -> list[str]:
    return result.err.splitlines()


def test_binary_file(tmp_path, cli):
    (tmp_path / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "a.md", HYPE)
    result = cli("check", "photo.md", "a.md")
    assert result.code == 2
    assert errors(result) == ["claimcheck: photo.md: binary file, not a text draft"]
    assert "a.md:3:13" in result.out


def test_text_that_is_not_utf8(tmp_path, cli):
    (tmp_path / "latin1.md").write_bytes("Acupuncture cures MS, café.\n".encode("latin-1"))
    result = cli("check", "latin1.md")
    assert result.code == 2
    assert errors(result) == ["claimcheck: latin1.md: not UTF-8 text (byte 0xe9 at offset 25)"]


@pytest.mark.parametrize("content", [b"", b"\n\n  \t\r\n", b"\xef\xbb\xbf"])
def test_empty_file_has_nothing_to_report(tmp_path, cli, content):
    (tmp_path / "empty.md").write_bytes(content)
    result = cli("check", "--format", "json", "--fail-on", "info", "empty.md")
    assert result.code == 0
    assert json.loads(result.out)["files"][0]["findings"] == []


def test_folder_without_drafts(tmp_path, cli):
    write(tmp_path, "notes/readme.rst", HYPE)
    result = cli("check", "notes")
    assert result.code == 2
    assert errors(result) == ["claimcheck: notes: no drafts (.md, .markdown, .txt) in this folder"]


def test_missing_path(tmp_path, cli):
    write(tmp_path, "a.md", HYPE)
    result = cli("check", "gone.md", "a.md")
    assert result.code == 2
    assert errors(result) == ["claimcheck: gone.md: no such file or folder"]
    assert "a.md:3:13" in result.out


def test_unreadable_file(tmp_path, cli, monkeypatch):
    # Tests may run as root, for whom chmod 000 does not stop reading: the refusal is
    # simulated where claimcheck opens drafts, with the error the system would raise.
    write(tmp_path, "secret.md", HYPE)
    write(tmp_path, "a.md", HYPE)
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if os.fspath(path).endswith("secret.md"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    result = cli("check", "secret.md", "a.md")
    assert result.code == 2
    assert errors(result) == ["claimcheck: secret.md: cannot read: permission denied"]
    assert "a.md:3:13" in result.out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; see test_unreadable_file")
def test_unreadable_file_by_mode(tmp_path, cli):
    path = Path(write(tmp_path, "secret.md", HYPE))
    path.chmod(0)
    result = cli("check", "secret.md")
    assert result.code == 2
    assert errors(result) == ["claimcheck: secret.md: cannot read: permission denied"]


def test_fifo_named_like_a_draft_does_not_hang(tmp_path, cli):
    write(tmp_path, "d/a.md", HYPE)
    os.mkfifo(tmp_path / "d" / "pipe.md")
    result = cli("check", "d", "d/pipe.md")
    assert result.code == 2
    assert errors(result) == [
        "claimcheck: d/pipe.md: not a regular file",
        "claimcheck: d/pipe.md: not a regular file or folder",
    ]
    assert "d/a.md:3:13" in result.out


def test_folder_named_like_a_draft(tmp_path, cli):
    (tmp_path / "draft.md").mkdir()
    result = cli("check", "draft.md")
    assert result.code == 2
    assert errors(result) == ["claimcheck: draft.md: no drafts (.md, .markdown, .txt) in this folder"]
    assert lint_file(str(tmp_path / "draft.md"), ruleset=None).error == f"{tmp_path / 'draft.md'}: is a directory"  # type: ignore[arg-type]


def test_symlink_loop(tmp_path, cli):
    (tmp_path / "d").mkdir()
    os.symlink("loop.md", tmp_path / "d" / "loop.md")
    write(tmp_path, "d/a.md", HYPE)
    result = cli("check", "d/loop.md", "d")
    assert result.code == 2
    assert errors(result) == [
        "claimcheck: d/loop.md: symbolic link loop",
        "claimcheck: d/loop.md: cannot read: symbolic link loop",
    ]
    assert "d/a.md:3:13" in result.out


def test_broken_symlink(tmp_path, cli):
    os.symlink("nowhere.md", tmp_path / "dangling.md")
    result = cli("check", "dangling.md")
    assert result.code == 2
    assert errors(result) == ["claimcheck: dangling.md: broken symbolic link"]


def test_markdown_nested_too_deep_is_refused_not_skipped(tmp_path, cli):
    write(tmp_path, "deep.md", "> " * 300 + "Acupuncture cures MS.\n")
    write(tmp_path, "a.md", HYPE)
    result = cli("check", "deep.md", "a.md")
    assert result.code == 2
    assert errors(result) == ["claimcheck: deep.md: Markdown nested more than 198 levels deep; not checked"]
    assert "a.md:3:13" in result.out


def test_many_files_with_bad_ones_among_them(tmp_path, cli):
    write(tmp_path, "d/1.md", HYPE)
    (tmp_path / "d" / "2.md").write_bytes(b"\x00\x01")
    (tmp_path / "d" / "3.md").write_bytes(b"\xff\xfe cures")
    write(tmp_path, "d/4.txt", "Acupuncture cures MS.\n")
    os.symlink("5.md", tmp_path / "d" / "5.md")
    payload = json.loads(cli("check", "--format", "json", "--jobs", "1", "d").out)
    by_path = {entry["path"]: entry for entry in payload["files"]}
    assert list(by_path) == ["d/1.md", "d/2.md", "d/3.md", "d/4.txt", "d/5.md"]
    assert [bool(by_path[p].get("error")) for p in by_path] == [False, True, True, False, True]
    assert any(f["rule"] == "claims.cure" for f in by_path["d/4.txt"]["findings"])
    assert payload["summary"]["errors_reading"] == 3
    text = cli("check", "--jobs", "1", "d")
    last = text.out.rstrip().splitlines()[-1]
    assert last.startswith("2 files checked: ") and last.endswith("; 3 files could not be checked")


def test_a_missing_draft_is_not_counted_as_checked(tmp_path, cli):
    result = cli("check", "missing.md")
    assert result.code == 2
    assert result.out.rstrip().splitlines()[-1] == "0 files checked: 0 errors, 0 warnings, 0 info; 1 file could not be checked"


def test_ten_megabyte_draft(tmp_path, cli):
    # About 10 MB of real drafts, repeated: every copy's findings must come back.
    drafts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.md")) if "traps" not in path.name]
    article = "\n\n".join(text.split("\n---\n", 1)[-1] for text in drafts) + "\n\n"
    copies = 10_000_000 // len(article.encode("utf-8")) + 1
    write(tmp_path, "one.md", article)
    write(tmp_path, "big.md", article * copies)
    # Every use reported, so that each copy's findings can be counted ('once' would fold them).
    rules = "".join(f"  plain-language.{name}: {{once: false}}\n" for name in ("medical", "research", "wordy"))
    write(tmp_path, ".claimcheck.yaml", f"rules:\n{rules}")
    assert (tmp_path / "big.md").stat().st_size >= 10_000_000
    one = json.loads(cli("check", "--format", "json", "one.md").out)["files"][0]["findings"]
    big = json.loads(cli("check", "--format", "json", "big.md").out)["files"][0]["findings"]
    # Studies are read per article, not per copy (one cited anywhere is cited everywhere; a
    # reference list at the foot cites the article's first study only): their findings are
    # looked for in every copy, but not counted against the single draft.
    per_copy = [f for f in one if f["scope"] == "text" and f["category"] != "uncited-study"]
    assert len([f for f in big if f["scope"] == "text" and f["category"] != "uncited-study"]) == len(per_copy) * copies
    uncited_lines = [f["line"] for f in big if f["category"] == "uncited-study"]
    assert len(uncited_lines) >= len([f for f in one if f["category"] == "uncited-study"]) > 0
    assert max(uncited_lines) > (copies - 1) * article.count("\n")
    last = max(f["line"] for f in big)
    assert last > (copies - 1) * article.count("\n")
