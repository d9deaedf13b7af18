"""Atomic file writes: a temporary file beside the target, then a rename over it."""

from __future__ import annotations

import contextlib
import os
import tempfile


def write_atomically(path: str, data: bytes, *, mode: int | None = None, durable: bool = False) -> None:
    """Replace `path` with `data` so that a reader sees the old file or the whole new one.

    An interrupted or failed write leaves the old file untouched and removes the temporary one.
    `durable` also syncs the data and the folder, so the new file survives a power cut.
    """
    folder = os.path.dirname(path) or "."
    descriptor, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".claimcheck", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    # The rename itself is durable only once the folder is synced (POSIX; not possible on Windows).
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
