"""Finding drafts and reading their bytes: folders walked, files read safely, text decoded."""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from claimcheck.core.errors import ClaimcheckError
from claimcheck.ruleset.config import Config
from claimcheck.source.formats import decode_text, refuse_unknown

STDIN = "-"


def read_draft(path: str) -> str:
    """The text of a draft file; unreadable, binary or non-UTF-8 files raise a one-line error."""
    return decode_draft(read_bytes(path), path)


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file; anything else (folder, FIFO, device, link loop) is a one-line error."""
    # O_NONBLOCK: opening a FIFO named like a draft must not hang the run waiting for a writer.
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise ClaimcheckError("is a directory", path) from None
    except OSError as error:
        raise ClaimcheckError(f"cannot read: {_reason(error)}", path) from None
    _require_regular(handle, path)
    with os.fdopen(handle, "rb") as file:
        try:
            return file.read()
        except OSError as error:
            raise ClaimcheckError(f"cannot read: {_reason(error)}", path) from None


def _require_regular(handle: int, path: str) -> None:
    """Return for a regular file; otherwise close `handle` and raise the reason."""
    mode = os.fstat(handle).st_mode
    if stat.S_ISREG(mode):
        return
    os.close(handle)
    raise ClaimcheckError("is a directory" if stat.S_ISDIR(mode) else "not a regular file", path)


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    return (error.strerror or str(error)).lower()


def read_stdin(stream: TextIO | None) -> str:
    """Standard input as a draft: UTF-8 text, or a one-line error naming `<stdin>`.

    Python decodes stdin with the locale's codec, and under a C locale lets bytes that are
    not UTF-8 through as lone surrogates, which crashed the first write of the text.
    """
    if stream is None or getattr(stream, "closed", False):
        # Started with stdin closed (`<&-`): Python gives no stream at all.
        raise ClaimcheckError("standard input is closed", "<stdin>")
    raw = getattr(stream, "buffer", None)
    if raw is not None:
        return decode_text(raw.read(), "<stdin>")
    text = stream.read()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return decode_text(text.encode("utf-8", "surrogateescape"), "<stdin>")
    return text


def decode_draft(data: bytes, path: str) -> str:
    """Decode a text draft's bytes as UTF-8 (a BOM is allowed), refusing binary files and unknown formats."""
    refuse_unknown(path, data)
    return decode_text(data, path)


def collect(paths: Iterable[str], config: Config) -> Iterator[tuple[str, ClaimcheckError | None]]:
    """Expand directories into drafts, in a stable order; a path that cannot be used comes with its error."""
    for path in paths:
        if path == STDIN or os.path.isfile(path):
            yield path, None
        elif os.path.isdir(path):
            drafts = sorted(_walk(path, config))
            if not drafts:
                yield path, ClaimcheckError(f"no drafts ({', '.join(config.extensions)}) in this folder", path)
            for draft in drafts:
                yield draft, None
        elif os.path.lexists(path):
            yield path, ClaimcheckError(_stat_reason(path), path)
        else:
            yield path, ClaimcheckError("no such file or folder", path)


def _stat_reason(path: str) -> str:
    try:
        os.stat(path)
    except OSError as error:
        if error.errno != errno.ENOENT:
            return _reason(error)
        return "broken symbolic link"
    return "not a regular file or folder"


def _walk(root: str, config: Config) -> Iterator[str]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and not _excluded(os.path.join(folder, d), config))
        for name in files:
            path = os.path.join(folder, name)
            if name.startswith("~$"):
                continue  # Word's lock file beside an open document, not a draft
            if name.lower().endswith(config.extensions) and not _excluded(path, config):
                yield path


def _excluded(path: str, config: Config) -> bool:
    posix = Path(path).as_posix().removeprefix("./")
    return any(fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(posix, f"{pattern.rstrip('/')}/*") for pattern in config.exclude)
