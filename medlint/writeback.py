"""Writing files all or nothing: a fixed article, a baseline, a report, a cache entry, a lexicon."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file that could not be written; the message is one line naming the path."""


def replace_file(path: Path, data: bytes, *, mode: int | None = None, sync: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, renamed over it, so that a
    reader sees the old bytes or the new ones. ``mode``: the file's permissions; ``sync``: reach
    the disk before the rename (for files a crash must not lose). OSError when it fails, and then
    no temporary file is left."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if sync:
                out.flush()
                os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:  # an interrupt too: never leave the temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
        replace_file(target, data, mode=stat.S_IMODE(info.st_mode), sync=True)
    except OSError as exc:
        raise WriteError(f"{path}: cannot write the fixes ({exc.strerror or exc})") from None
