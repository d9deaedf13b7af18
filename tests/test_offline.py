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
