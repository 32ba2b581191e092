"""Which files `medlint check` reads."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Iterator

from .config import ConfigFinder
from .document import SUPPORTED_SUFFIXES
from .gitignore import IgnoreStack

SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}


def collect(paths: list[Path], finder: ConfigFinder, gitignore: bool = True) -> Iterator[Path]:
    """Files under ``paths``: folders recursively by supported extension, files as given.

    Hidden folders (``.git``, ``.venv``, ...) and the config's ``exclude`` globs are skipped, and
    in folders (``gitignore``) what git ignores; a file named in ``paths`` is not checked against
    .gitignore.
    """
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            candidates = _walk(path, gitignore)
        else:
            candidates = iter([path])
        for candidate in candidates:
            key = os.path.realpath(candidate)  # unlike Path.resolve(), never raises on a symlink loop
            if key in seen:
                continue
            seen.add(key)
            if finder.for_path(candidate).is_excluded(candidate):
                continue
            yield candidate


def _walk(root: Path, gitignore: bool) -> Iterator[Path]:
    real_root = os.path.realpath(root)
    stacks = {real_root: IgnoreStack.for_walk(root)} if gitignore else {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        wanted = sorted(name for name in files if Path(name).suffix.lower() in SUPPORTED_SUFFIXES)
        if gitignore:  # the folders of a walk that follows no links are real below real_root
            relative = os.path.relpath(folder, root)
            real = real_root if relative == "." else os.path.join(real_root, relative)
            stack = stacks.pop(real, None) or IgnoreStack.for_walk(Path(folder))
            dirs[:] = [d for d in dirs if not stack.ignores(os.path.join(real, d), is_dir=True)]
            for name in dirs:
                stacks[os.path.join(real, name)] = stack.enter(Path(real) / name)
            wanted = [name for name in wanted if not stack.ignores(os.path.join(real, name))]
        for name in wanted:
            yield Path(folder) / name


#: files larger than this are skipped unless the configuration says otherwise ('max-file-size')
DEFAULT_MAX_FILE_SIZE = 5_000_000


class Skipped(Exception):
    """A file not linted, and why (one line for the user)."""


def read_article(path: Path, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; Skipped for anything else.

    FIFOs, devices and sockets are never opened (reading one could block or never end), a
    symlink loop is reported as such, and the read itself stops one byte past the limit in case
    the file grew after it was measured."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Skipped("symbolic link loop") from None
        raise Skipped(f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise Skipped("not a regular file (a FIFO, device, socket or folder)")
    if info.st_size > limit:
        raise Skipped(f"{_size(info.st_size)}, over the {_size(limit)} limit ('max-file-size' in the configuration)")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise Skipped(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise Skipped(f"grew past the {_size(limit)} limit while it was read")
    return data


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable(path: str) -> str:
    """A path as text output shows it: control characters (a newline in a file name) escaped."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", path)
