"""Which files `medlint check` reads."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Iterator

from .config import Config, ConfigFinder
from .document import SUPPORTED_SUFFIXES
from .gitignore import IgnoreStack

SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}


def collect(paths: list[Path], finder: ConfigFinder, gitignore: bool = True) -> Iterator[Path]:
    """Files under ``paths``: folders recursively by supported extension, files as given.

    Hidden folders (``.git``, ``.venv``, ...) and the config's ``exclude`` globs are skipped, and
    in folders (``gitignore``) what git ignores; a file named in ``paths`` is not checked against
    .gitignore.
    """
    for path, _, _ in listed(paths, finder, gitignore):
        yield path


def listed(paths: list[Path], finder: ConfigFinder, gitignore: bool = True) -> Iterator[tuple[Path, str, Config]]:
    """:func:`collect`'s files, each with its real path (links resolved: the same file named
    twice is listed once) and its configuration."""
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            candidates = _walk(path, gitignore)
        else:  # unlike Path.resolve(), realpath never raises on a symlink loop
            candidates = iter([(path, os.path.realpath(path), False)])
        for candidate, real, is_file in candidates:
            if real in seen:
                continue
            seen.add(real)
            config = finder.for_file(candidate) if is_file else finder.for_path(candidate)
            if config.exclude and config.is_excluded(candidate, real):
                continue
            yield candidate, real, config


def _walk(root: Path, gitignore: bool) -> Iterator[tuple[Path, str, bool]]:
    """(path, real path, whether it is known to be a plain file) of the wanted files under
    ``root``: each folder's files by name, then its subfolders by name. Like ``os.walk``, links
    to folders are not followed; a folder's real path is its parent's joined with its name, so
    only the entries that are links need resolving."""
    real_root = os.path.realpath(root)
    stack = IgnoreStack.for_walk(root) if gitignore else None
    yield from _walk_folder(os.fspath(root), real_root, stack)


def _walk_folder(folder: str, real: str, stack: IgnoreStack | None) -> Iterator[tuple[Path, str, bool]]:
    try:
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError:
        return  # as os.walk: an unreadable folder is passed over
    dirs, files = [], []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.name.startswith(".") and entry.name not in SKIPPED_DIRS:
                dirs.append(entry)
        elif _suffix(entry.name).lower() in SUPPORTED_SUFFIXES:
            files.append(entry)
    files.sort(key=lambda e: e.name)
    dirs.sort(key=lambda e: e.name)
    base = Path(folder)
    for entry in files:
        real_path = os.path.join(real, entry.name)
        if stack is not None and stack.ignores(real_path):
            continue
        try:
            link = entry.is_symlink()
        except OSError:
            link = True
        yield base / entry.name, os.path.realpath(real_path) if link else real_path, not link
    for entry in dirs:
        real_path = os.path.join(real, entry.name)
        if stack is not None and stack.ignores(real_path, is_dir=True):
            continue
        try:
            if entry.is_symlink():
                continue
        except OSError:
            continue
        inner = stack.enter(Path(real_path)) if stack is not None else None
        yield from _walk_folder(os.path.join(folder, entry.name), real_path, inner)


def _suffix(name: str) -> str:
    """``Path(name).suffix``, without making a Path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


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
        data = _read_at_most(path, limit + 1, info.st_size)
    except OSError as exc:
        raise Skipped(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise Skipped(f"grew past the {_size(limit)} limit while it was read")
    return data


def _read_at_most(path: Path, most: int, expected: int) -> bytes:
    """Up to ``most`` bytes of a file of ``expected`` bytes, with os-level calls (a third of the
    time of a buffered file object, for a run that reads a thousand files only to hash them)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunks: list[bytes] = []
        size = 0
        while size < most:
            chunk = os.read(fd, min(most - size, max(expected + 1, 65536)))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable(path: str) -> str:
    """A path as text output shows it: control characters (a newline in a file name) escaped."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", path)
