"""The entry points of one group, kept in the build cache between runs.

Finding a group's entry points reads the metadata of every installed distribution (a hundred
in a spaCy environment, over a hundredth of a second), on every run, though installs are rare.
The entry holds the group's entry points and what they were read from: the folders on
``sys.path`` (a distribution installed or removed there changes its folder's modification
time) and each distribution's metadata folder and ``entry_points.txt`` (an in-place edit, as
``setup.py develop`` makes, changes theirs). A run that finds all of them as they were uses
the stored list; anything else, or metadata this cannot place in files, is read afresh.
"""

from __future__ import annotations

import os
import sys
import time
from importlib import metadata
from typing import Any

from . import buildcache

_NAME = "entry-points"
#: a folder changed this recently (seconds) may change again within the same time stamp: such a
#: listing is used but not stored
_SETTLED = 2.0

Stamp = tuple[str, int, int]  # path, st_mtime_ns, st_size (-1, -1 when missing)


def entry_points(group: str) -> list[metadata.EntryPoint]:
    """``importlib.metadata.entry_points(group=group)``, read from the build cache when nothing
    it was read from has changed."""
    key = (group, tuple(_path_entries()))  # absolute: '' is the current folder, which varies
    stored = buildcache.load(_NAME, key)
    if _fresh(stored):
        return [metadata.EntryPoint(name, value, group) for name, value in stored["entries"]]
    stamps = _path_stamps()
    found = list(metadata.entry_points(group=group))
    dists = _distribution_stamps()
    if dists is not None and stamps == _path_stamps() and _settled(stamps + dists):
        buildcache.store(_NAME, key, {"stamps": stamps + dists,
                                      "entries": [(entry.name, entry.value) for entry in found]})
    return found


def _stamp(path: str) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return (path, -1, -1)
    return (path, info.st_mtime_ns, info.st_size)


def _path_entries() -> list[str]:
    return [os.path.abspath(entry or ".") for entry in sys.path]


def _path_stamps() -> list[Stamp]:
    return [_stamp(entry) for entry in _path_entries()]


def _distribution_stamps() -> list[Stamp] | None:
    """Each distribution's metadata folder and entry_points.txt; None when one is not a folder
    on disk (a zip or a custom finder's), whose changes a time stamp would not show."""
    stamps: list[Stamp] = []
    for dist in metadata.distributions():
        folder = getattr(dist, "_path", None)  # PathDistribution's metadata folder
        if folder is None or not os.path.isdir(folder):
            return None
        stamps.append(_stamp(str(folder)))
        stamps.append(_stamp(os.path.join(folder, "entry_points.txt")))
    return stamps


def _settled(stamps: list[Stamp]) -> bool:
    newest = max((mtime for _, mtime, _ in stamps), default=0)
    return newest < (time.time() - _SETTLED) * 1e9


def _fresh(stored: Any) -> bool:
    if not isinstance(stored, dict):
        return False
    try:
        return all(_stamp(path) == (path, mtime, size) for path, mtime, size in stored["stamps"]) \
            and all(isinstance(name, str) and isinstance(value, str) for name, value in stored["entries"])
    except (KeyError, TypeError, ValueError):
        return False
