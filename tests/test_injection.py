"""What claimcheck prints cannot be taken for a workflow command or a terminal control.

GitHub's runner reads stderr as well as stdout for `::command::` lines, and a terminal
obeys ESC sequences: a file name, config key or draft's words with a line break or an
ESC in it must come out escaped.
"""

from __future__ import annotations

import pytest

from claimcheck.core.printable import printable

INJECTED = "\n::add-mask::secret\n::warning file=x.md::pwned"


def _no_command_lines(text: str) -> None:
    assert not [line for line in text.splitlines() if line.startswith("::")], text
    assert "\x1b" not in text, text


def test_printable_escapes_controls_and_keeps_the_rest():
    assert printable("a\nb\rc\x1b[31md\u2028e\u202ef\tg ü") == "a\\nb\\rc\\x1b[31md\\u2028e\\u202ef\tg ü"


def test_a_file_name_cannot_inject_commands_on_stderr(tmp_path, cli):
    name = f"bad{INJECTED}.md"
    (tmp_path / name).write_bytes(b"\xff\xfe not utf-8 \xff")
    result = cli("check", name)
    assert result.code == 2
    _no_command_lines(result.err)
    assert "bad\\n::add-mask::secret\\n::warning file=x.md::pwned.md" in result.err


def test_a_fixed_file_name_cannot_inject_commands_on_stderr(tmp_path, cli):
    name = f"fix{INJECTED}.md"
    (tmp_path / name).write_text("# F\n\nThen you utilize it.\n", encoding="utf-8")
    result = cli("check", "--fix", name)
    _no_command_lines(result.err)
    assert "fixed 1 finding" in result.err


def test_a_config_key_cannot_inject_commands_on_stderr(tmp_path, cli):
    (tmp_path / ".claimcheck.yaml").write_text('"y\\n::add-mask::secret": 2\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    result = cli("check", "a.md")
    assert result.code == 2
    _no_command_lines(result.err)
    assert "unknown key 'y\\n::add-mask::secret'" in result.err


@pytest.mark.parametrize(
    "name, draft",
    [
        ("esc\x1b[2J.md", "# T\n\nThen you utilize it.\n"),
        ("a.md", "# T\n\n<!-- claimcheck-disable \x1b[31mfoo -->\nText.\n"),
        ("a.md", "# T\n\n" + "Notwithstanding the aforementioned considerations \x1b[8m hidden, " * 4 + "it works.\n"),
    ],
)
def test_no_escape_sequence_reaches_the_terminal(tmp_path, cli, name, draft):
    (tmp_path / name).write_text(draft, encoding="utf-8")
    result = cli("check", "--color", "never", "--format", "text", name)
    _no_command_lines(result.out + result.err)
