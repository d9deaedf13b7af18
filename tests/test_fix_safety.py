"""`--fix` rewrites a finding's own words in prose and not one byte elsewhere: not a link
target, a code span, a quotation, a block quote, nor the line after an odd space."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.fix import fixes as fix_module
from claimcheck.fix.fixes import fix_text

# Lines holding nothing a reader sees, yet not blank to Markdown: each used to shift the
# source map of the lines after it by one line.
ODD_SPACES = ["\u00a0", "\u3000", "\u2028", "\x00", "\x1c", "\u00a0\u3000", " \u00a0 "]


@pytest.mark.parametrize("space", ODD_SPACES)
def test_a_line_of_odd_space_does_not_shift_the_fixes(ruleset, lint, space):
    text = f"# F\n\n{space}\nRead [a](utilize.md) first.\nThen you utilize it.\n"
    fixed = fix_text("t.md", text, ruleset)
    assert fixed.after == text.replace("you utilize", "you use")
    (finding,) = lint(text, rule="plain-language.wordy")
    assert (finding.line, finding.column, finding.match) == (5, 10, "utilize")


@pytest.mark.parametrize(
    "quotation",
    [
        'She told me, "We utilize needles every single day of the week."',
        "He said \u201cwe utilize needles every single day of the week\u201d.",
        "The word 'utilize' is long.",
        "She wrote \u2018we utilize needles\u2019 there.",
        "> We utilize needles.",
        "> She said we utilize\n> needles daily.",
    ],
)
def test_quoted_words_are_not_rewritten(ruleset, quotation):
    text = f"# F\n\n{quotation}\n\nThen you utilize it.\n"
    fixed = fix_text("t.md", text, ruleset)
    assert fixed.after == text.replace("you utilize", "you use")


# -- the property -----------------------------------------------------------------------

# A draft is made of pieces, each either free prose (where "utilize" may become "use") or
# fixed text that must come out exactly as it went in.
PROSE_WORDS = ["you", "then", "it", "we", "daily", "utilize", "needles"]
FIXED_INLINE = [
    "[a](utilize.md)",
    "`utilize`",
    "``we utilize``",
    '"We utilize needles every day, as we always have."',
    "'utilize'",
    "\u201cwe utilize them\u201d",
    "<https://example.org/utilize>",
    "&amp;",
    "\\*",
    '<abbr title="we utilize it">x</abbr>',
]
FIXED_BLOCKS = [
    "> We utilize needles.",
    "```\nwe utilize it\n```",
    "    indented utilize code",
    "<!-- utilize -->",
    *ODD_SPACES,
]

# A link's text is prose; its target is not.
LINK = ("[utilize](https://example.org/utilize)", r"\[(?:utilize|use)\]\(https://example\.org/utilize\)")
piece = st.one_of(
    st.sampled_from(PROSE_WORDS).map(lambda word: (word, "(?:utilize|use)" if word == "utilize" else re.escape(word))),
    st.sampled_from(FIXED_INLINE).map(lambda text: (text, re.escape(text))),
    st.just(LINK),
)
line = st.lists(piece, min_size=1, max_size=8)
paragraph = st.lists(line, min_size=1, max_size=3).map(lambda lines: ("paragraph", lines))
block = st.one_of(paragraph, st.sampled_from(FIXED_BLOCKS).map(lambda text: ("block", text)))
separator = st.sampled_from(["\n\n", "\n"])


def _assemble(blocks: list[tuple[str, object]], separators: list[str]) -> tuple[str, str]:
    """The draft, and a pattern every safe rewrite of it matches."""
    text, pattern = ["# F\n\n"], [re.escape("# F\n\n")]
    for number, (kind, content) in enumerate(blocks):
        if number:
            # A fixed block joined onto prose by a single line break still stands apart.
            glue = separators[number % len(separators)] if kind == "paragraph" else "\n\n"
            text.append(glue)
            pattern.append(re.escape(glue))
        if kind == "block":
            text.append(str(content))
            pattern.append(re.escape(str(content)))
            continue
        for line_number, pieces in enumerate(content):  # type: ignore[arg-type]
            if line_number:
                text.append("\n")
                pattern.append("\n")
            for index, (words, expected) in enumerate(pieces):
                if index:
                    text.append(" ")
                    pattern.append(" ")
                text.append(words)
                pattern.append(expected)
    text.append("\n")
    pattern.append("\n")
    return "".join(text), "".join(pattern)


@pytest.fixture(scope="module")
def rules(ruleset):
    """The rule set, behind a function: hypothesis would print a fixture's whole repr."""
    return lambda: ruleset


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(block, min_size=1, max_size=5), st.lists(separator, min_size=1, max_size=4))
def test_fix_changes_only_the_words_it_reports_in_prose(rules, blocks, separators):
    text, pattern = _assemble(blocks, separators)
    fixed = fix_text("t.md", text, rules())
    assert re.fullmatch(pattern, fixed.after), (text, fixed.after)


# -- failures while writing: reported per draft, the others still fixed -----------------

DRAFT = "# F\n\nThen you utilize it.\n"
FIXED = "# F\n\nThen you use it.\n"


def _drafts(tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(DRAFT, encoding="utf-8")
    return tmp_path / "a.md", tmp_path / "b.md"


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.ENOSPC, "No space left on device"), PermissionError(errno.EACCES, "Permission denied")],
)
def test_a_draft_that_cannot_be_written_is_reported_and_the_others_fixed(tmp_path, cli, monkeypatch, failure):
    a, b = _drafts(tmp_path)
    real = fix_module.write_atomically

    def full_for_a(path, *args, **kwargs):
        if path.endswith("a.md"):
            raise failure
        return real(path, *args, **kwargs)

    monkeypatch.setattr(fix_module, "write_atomically", full_for_a)
    result = cli("check", "--fix", "a.md", "b.md")
    assert result.code == 2
    assert f"claimcheck: a.md: cannot write fixes: {failure.strerror.lower()}\n" in result.err
    assert "claimcheck: b.md: fixed 1 finding\n" in result.err
    assert a.read_text(encoding="utf-8") == DRAFT and b.read_text(encoding="utf-8") == FIXED
    # The report of what is left still comes.
    assert "1 file" not in result.out and "2 files checked" in result.out
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".claimcheck")]


def test_a_draft_changed_meanwhile_does_not_stop_the_others(tmp_path, cli, monkeypatch):
    a, b = _drafts(tmp_path)
    real = fix_module.fix_file

    def edit_a_meanwhile(path, *args, **kwargs):
        fixed = real(path, *args, **kwargs)
        if path == "a.md":
            a.write_text("Edited meanwhile.\n", encoding="utf-8")
        return fixed

    monkeypatch.setattr(fix_module, "fix_file", edit_a_meanwhile)
    result = cli("check", "--fix", "a.md", "b.md")
    assert result.code == 2
    assert "claimcheck: a.md: changed while it was being fixed; left as it is\n" in result.err
    assert a.read_text(encoding="utf-8") == "Edited meanwhile.\n" and b.read_text(encoding="utf-8") == FIXED
    assert "2 files checked" in result.out


def test_the_same_draft_named_twice_is_fixed_once(tmp_path, cli):
    a, _ = _drafts(tmp_path)
    result = cli("check", "--fix", "a.md", "a.md", "./a.md")
    assert result.err == "claimcheck: a.md: fixed 1 finding\n"
    assert a.read_text(encoding="utf-8") == FIXED
    assert result.code in (0, 1)


def test_fix_does_not_follow_a_link_out_of_the_tree(tmp_path, cli):
    outside = tmp_path / "outside.md"
    outside.write_text(DRAFT, encoding="utf-8")
    (tmp_path / "tree").mkdir()
    os.symlink(outside, tmp_path / "tree" / "link.md")
    result = cli("check", "--fix", "tree")
    assert result.code == 2
    assert "tree/link.md: is a symbolic link; not rewritten" in result.err
    assert outside.read_text(encoding="utf-8") == DRAFT


def test_fix_does_not_rewrite_a_read_only_draft(tmp_path, cli):
    # Checked through the mode bits: tests may run as root, whom a 0444 mode does not stop.
    a, b = _drafts(tmp_path)
    a.chmod(0o444)
    result = cli("check", "--fix", "a.md", "b.md")
    assert result.code == 2
    assert "claimcheck: a.md: is read-only; not rewritten\n" in result.err
    assert a.read_text(encoding="utf-8") == DRAFT and b.read_text(encoding="utf-8") == FIXED


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path):
    a, _ = _drafts(tmp_path)
    # SIGTERM arrives while the temporary file is being synced.
    script = (
        "import os, signal, sys\n"
        "from claimcheck.core import atomic\n"
        "atomic.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)\n"
        "from claimcheck.cli import main\n"
        "sys.exit(main(['check', '--fix', 'a.md']))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 143, result.stderr
    assert "claimcheck: terminated" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]
    assert a.read_text(encoding="utf-8") == DRAFT
