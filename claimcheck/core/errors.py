"""Errors that end a run with exit status 2 and a one-line message."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """A usage, config, rule or input error; `str()` is the one-line message."""

    def __init__(self, reason: str, path: str | None = None, line: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        """`path:line: reason`, leaving out what is not known."""
        where = self.path or ""
        if where and self.line:
            where += f":{self.line}"
        return f"{where}: {self.reason}" if where else self.reason
