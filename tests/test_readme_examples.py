"""The README's example output is what claimcheck prints, in order: its console blocks are checked against real runs.

tests/test_docs.py checks that each shown line is printed somewhere; this checks that the
blocks are the real output cut with `...`, as a reader takes them.

A block is the command after `$ ` and its output; a line `...` stands for output left out, so
the parts between such lines must appear in the real output in order, the first at its start
and, when it shows the run's summary line, the last at its end.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```console\n\$ (claimcheck check [^\n]*)\n(.*?)```", README, re.S)


def run(command: str) -> str:
    env = {key: value for key, value in os.environ.items() if key not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env["NO_COLOR"] = "1"
    args = command.split()[1:]
    result = subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stderr == ""
    return result.stdout


def parts(shown: str) -> list[str]:
    return [part for part in re.split(r"(?m)^\.\.\.\n", shown)]


def test_the_first_example_is_the_clinic_hype_draft():
    command, _ = BLOCKS[0]
    assert command == "claimcheck check corpus/clinic-hype.md"


@pytest.mark.parametrize("command,shown", [block for block in BLOCKS if "--format github" not in block[0]], ids=lambda v: v[:40])
def test_a_readme_console_block_matches_real_output(command, shown):
    real = run(command)
    pieces = parts(shown)
    assert real.startswith(pieces[0]), f"the README's '{command}' block does not start as the real output:\n{real}"
    if re.search(r"\d+ files? checked: ", pieces[-1]):  # a block that shows the run's last line shows its end
        assert real.endswith(pieces[-1]), f"the README's '{command}' block does not end as the real output:\n{real}"
    position = len(pieces[0])
    for piece in pieces[1:]:
        found = real.find(piece, position)
        assert found >= 0, f"not in the real output of '{command}', in order:\n{piece}"
        position = found + len(piece)
