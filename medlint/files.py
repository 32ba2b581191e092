"""Which files `medlint check` reads."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from .config import ConfigFinder
from .document import SUPPORTED_SUFFIXES

SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}


def collect(paths: list[Path], finder: ConfigFinder) -> Iterator[Path]:
    """Files under ``paths``: folders recursively by supported extension, files as given.

    Hidden folders (``.git``, ``.venv``, ...) and the config's ``exclude`` globs are skipped.
    """
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates = _walk(path)
        else:
            candidates = iter([path])
        for candidate in candidates:
            key = candidate.resolve()
            if key in seen:
                continue
            seen.add(key)
            if finder.for_path(candidate).is_excluded(candidate):
                continue
            yield candidate


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(folder) / name
