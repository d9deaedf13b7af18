"""Nothing reaches the network once installed: the whole CLI runs with sockets refused."""

from __future__ import annotations

import subprocess
import sys

from conftest import CORPUS, ROOT

# Refuse every way out before claimcheck (or anything it imports) loads.
NO_NETWORK = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("claimcheck tried to use the network")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from claimcheck.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_offline(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `claimcheck ARGS` in a fresh interpreter whose sockets refuse to connect."""
    return subprocess.run(
        [sys.executable, "-c", NO_NETWORK, *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def test_blocker_really_blocks():
    probe = "import socket\n" + NO_NETWORK.split("from claimcheck")[0] + "socket.create_connection(('127.0.0.1', 9))\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "claimcheck tried to use the network" in result.stderr


def test_checking_the_corpus_needs_no_network():
    result = run_offline("check", "--format", "json", str(CORPUS))
    assert result.returncode == 1, result.stderr
    assert "network" not in result.stderr
    assert '"version": 1' in result.stdout


# The first use of the reading-level scores in a fresh interpreter: no network (the audit
# hook sees connections that bypass socket.connect too), nothing written to disk, no NLTK.
FIRST_USE = NO_NETWORK.split("from claimcheck")[0] + """
import os
sys.dont_write_bytecode = True  # Python's own bytecode cache is not what is under test
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
writes = []
def audit(event, args):
    if event == "open":
        path, mode, flags = args
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & WRITE_FLAGS):
            writes.append(str(path))
    elif event.startswith(("socket.", "urllib.", "http.")) and event != "socket.__new__":
        raise OSError("claimcheck tried to use the network: " + event)
sys.addaudithook(audit)
from claimcheck.cli import main
code = main(sys.argv[1:])
print("WRITES=" + repr(writes), file=sys.stderr)
print("NLTK=" + repr("nltk" in sys.modules), file=sys.stderr)
print("PKG_RESOURCES=" + repr("pkg_resources" in sys.modules), file=sys.stderr)
sys.exit(code)
"""


def run_first_use(folder, *args: str) -> subprocess.CompletedProcess[str]:
    """Run claimcheck under the write-and-network probe, with an empty home and caches."""
    home = folder / "home"
    home.mkdir(exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_DATA_HOME": str(home / "data"), "NLTK_DATA": str(home / "nltk")}
    return subprocess.run(
        [sys.executable, "-c", FIRST_USE, *args], capture_output=True, text=True, cwd=folder, env=env, timeout=300
    )


def test_first_reading_level_scores_need_no_network_and_write_nothing(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text((CORPUS / "jargon-heavy.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_first_use(tmp_path, "check", "--format", "json", str(draft))
    assert "tried to use the network" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert "WRITES=[]" in result.stderr
    assert "NLTK=False" in result.stderr
    assert "PKG_RESOURCES=False" in result.stderr  # textstat 0.7.8 needs setuptools only on Python < 3.9
    assert '"flesch_kincaid_grade": 21.4' in result.stdout
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["draft.md", "home"]


def test_the_write_probe_sees_writes(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("# Tips\n\nPrior to acupuncture, talk with your doctor.\n", encoding="utf-8")
    result = run_first_use(tmp_path, "check", "--fix", str(draft))
    assert f"WRITES=['{tmp_path}" in result.stderr, result.stderr


def test_fixing_needs_no_network(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("# Tips\n\nPrior to acupuncture, talk with your doctor.\n", encoding="utf-8")
    result = run_offline("check", "--fix", str(draft))
    assert "tried to use the network" not in result.stderr, result.stderr
    assert draft.read_text(encoding="utf-8") == "# Tips\n\nBefore acupuncture, talk with your doctor.\n"


def test_readability_and_fix_tests_pass_with_the_network_blocked():
    runner = NO_NETWORK.split("from claimcheck")[0] + (
        "import pytest\n"
        "sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', 'tests/test_readability.py', 'tests/test_fix.py']))\n"
    )
    result = subprocess.run([sys.executable, "-c", runner], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
