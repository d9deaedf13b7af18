"""The language server front end: `claimcheck lsp` (needs the `lsp` extra, pygls)."""

from __future__ import annotations

import sys
from typing import NoReturn, TextIO

EXTRA_MISSING = "claimcheck: the language server needs pygls: pip install 'claimcheck[lsp]'"


def main(stderr: TextIO | None = None) -> int:
    """Serve the Language Server Protocol over stdio; 2 with a one-line message when pygls is missing."""
    try:
        from claimcheck.lsp.server import serve
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        print(EXTRA_MISSING, file=stderr or sys.stderr)
        return 2
    serve()
    return 0


def run() -> NoReturn:
    """The `claimcheck-lsp` command."""
    raise SystemExit(main())
