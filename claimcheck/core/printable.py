"""Text from drafts, file names and configs made safe to print on a terminal or a CI log."""

from __future__ import annotations

import re

# Control characters (an ESC restyles a terminal; a line break on stderr lets a file name
# start a line of its own, which GitHub's runner reads as a workflow command such as
# `::add-mask::`), Unicode line and paragraph separators, and the bidirectional overrides
# that make a terminal show text in another order than it is.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def printable(text: str) -> str:
    """`text` with every unsafe character spelled as an escape (`\\n`, `\\x1b`, `\\u2028`); tabs kept."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
