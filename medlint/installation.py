"""What is installed on the import path, and answers read from it kept in the build cache.

Reading installed metadata (entry points, versions) goes through every distribution on the
import path: a hundred in a spaCy environment, over a hundredth of a second on every run,
though installs are rare. :func:`remembered` keeps such an answer in the build cache under the
:func:`stamps` of the import path: for each folder on ``sys.path`` (absolute: ``''`` is the
current folder, which varies), the names and times of its metadata folders and ``.pth`` files,
and the time and size of each metadata folder's ``entry_points.txt`` (``setup.py develop``
rewrites it where it is). Installing, upgrading or removing a distribution changes them; a
report written into a folder on the import path does not (the folders' own times are left out).
"""

from __future__ import annotations

import os
import sys
import time
from importlib import metadata
from typing import Any, Callable, TypeVar

from . import buildcache

T = TypeVar("T")

_METADATA = (".dist-info", ".egg-info", ".pth", ".egg-link")
#: a stamp this recent (seconds) may change again within the same time stamp: an answer read
#: then is used but not stored
_SETTLED = 2.0


def stamps() -> tuple[tuple[str, Any], ...]:
    """The import path's folders, each with its metadata entries' stamps (a zip file or a
    missing folder: its own time)."""
    found = []
    for entry in sys.path:
        folder = os.path.abspath(entry or ".")
        try:
            with os.scandir(folder) as scan:
                listed = tuple(sorted(_stamp(item) for item in scan if item.name.endswith(_METADATA)))
        except OSError:  # a zip file, or a folder that is not there
            listed = _times(folder)  # type: ignore[assignment]
        found.append((folder, listed))
    return tuple(found)


def _stamp(item: os.DirEntry) -> tuple[str, Any, Any]:
    try:
        own = item.stat().st_mtime_ns
    except OSError:
        own = None
    points = _times(os.path.join(item.path, "entry_points.txt")) if own is not None and item.is_dir() else None
    return item.name, own, points


def _times(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def remembered(name: str, key: Any, read: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """``read()``, kept in the build cache under ``name``, ``key`` and the import path's
    :func:`stamps`; a stored answer that ``valid`` refuses is read again."""
    current = stamps()
    stored = buildcache.load(name, (key, current))
    if stored is not None and valid(stored):
        return stored
    answer = read()
    if _settled(current) and current == stamps():  # nothing was installed while it was read
        buildcache.store(name, (key, current), answer)
    return answer


def _settled(current: tuple[tuple[str, Any], ...]) -> bool:
    times: list[int] = []
    for _, listed in current:
        if not listed:
            continue
        if isinstance(listed[0], int):  # a zip file's or a file's own (time, size)
            times.append(listed[0])
            continue
        for _name, own, points in listed:
            times.extend(t for t in (own, points[0] if points else None) if t is not None)
    return max(times, default=0) < (time.time() - _SETTLED) * 1e9


def entry_points(group: str) -> list[metadata.EntryPoint]:
    """``importlib.metadata.entry_points(group=group)`` (names and values), remembered."""
    pairs = remembered("entry-points", group,
                       lambda: tuple((entry.name, entry.value) for entry in metadata.entry_points(group=group)),
                       _pairs)
    return [metadata.EntryPoint(name, value, group) for name, value in pairs]


def _pairs(stored: Any) -> bool:
    return isinstance(stored, tuple) and all(
        isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(part, str) for part in pair) for pair in stored)
