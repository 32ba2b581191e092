"""Writing a fixed file back: all or nothing, with the file's permissions kept."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file that could not be written; the message is one line naming the path."""


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace the content of ``path`` (the file a symlink points to) by ``data``: a temporary
    file in the same folder, then a rename, so that a reader sees the old bytes or the new ones.

    ``expected``: the bytes the fixes were computed from; when the file holds others now (an
    editor saved it meanwhile), nothing is written."""
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
        writable = info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        # a rename would replace even a read-only file; and root may write anything, but a file
        # without a write bit was made read-only on purpose
        if not writable or not os.access(target, os.W_OK):
            raise WriteError(f"{path}: cannot write the fixes: the file is read-only")
        if expected is not None and target.read_bytes() != expected:
            raise WriteError(f"{path}: not fixed: the file changed while medlint read it")
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".medlint-fix",
                                             dir=target.parent)
    except OSError as exc:
        raise WriteError(f"{path}: cannot write the fixes ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, target)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise WriteError(f"{path}: cannot write the fixes ({exc.strerror or exc})") from None
