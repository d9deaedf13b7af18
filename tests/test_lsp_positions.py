"""The language server's parts that need no pygls: positions in code units, and the missing-extra message."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from claimcheck.cli import main
from claimcheck.lsp.positions import UTF8, UTF16, UTF32, Lines, chars_in, units


def test_units_count_an_emoji_as_the_encoding_does() -> None:
    assert [units("a😀b", encoding) for encoding in (UTF16, UTF8, UTF32)] == [4, 6, 3]
    assert [chars_in("a😀b", count, UTF16) for count in (1, 3, 4)] == [1, 2, 3]


def test_a_column_after_an_emoji_is_two_utf16_units_further() -> None:
    lines = Lines("# Title\n😀 cures\n")
    assert lines.from_column(2, 3) == (1, 3)  # claimcheck's column 3, the 'c' after "😀 "
    assert Lines("# Title\n😀 cures\n", UTF8).from_column(2, 3) == (1, 5)
    assert Lines("# Title\n😀 cures\n", UTF32).from_column(2, 3) == (1, 2)


def test_offsets_and_positions_round_trip_with_crlf_and_a_bom() -> None:
    text = "\ufeff# T\r\n\r\né😀 cures MS\r\n"
    lines = Lines(text)
    body = text[1:]
    offset = body.index("cures")
    assert lines.from_offset(offset) == (2, 4)
    assert lines.to_offset((2, 4)) == offset
    assert lines.from_column(1, 1) == (0, 1)  # the BOM is a code unit the editor counts
    assert lines.to_offset((0, 1)) == 0
    assert lines.end_of_line(2) == (2, len("é😀 cures MS") + 1)
    assert lines.to_offset((2, 99)) == body.index("\r\n", offset)
    assert lines.to_offset((9, 0)) == len(body)


def test_lsp_without_pygls_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygls", None)  # importing it now fails, as when it is not installed
    monkeypatch.delitem(sys.modules, "claimcheck.lsp.server", raising=False)
    stderr = io.StringIO()
    assert main(["lsp"], stdout=io.StringIO(), stderr=stderr) == 2
    assert stderr.getvalue() == "claimcheck: the language server needs pygls: pip install 'claimcheck[lsp]'\n"


def test_the_command_line_does_not_import_pygls() -> None:
    code = "import sys, claimcheck.cli, claimcheck.lsp; print('pygls' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "False\n"
