"""Reading the files claimcheck is pointed at (configs, rules, baselines) without hanging."""

from __future__ import annotations

import errno
import os
import stat


def read_regular_text(path: str) -> str:
    """The UTF-8 text of a regular file.

    Raises OSError (with a strerror) for anything else: a FIFO would block the run until
    some other process wrote to it, a device could be read forever. Opened without
    blocking, then checked, so that even opening a FIFO does not wait for a writer.
    """
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise OSError(errno.EISDIR, "is a directory")
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file")
    except BaseException:
        os.close(handle)
        raise
    with os.fdopen(handle, "rb") as file:
        return file.read().decode("utf-8")
