"""Turns the files of a `medlint check` run into results, in the order they were given.

The CLI's three stages are: this module (read and lint: where parallel workers, the cache and
the progress bar belong), result filters (baseline, changed lines) and the reporters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterator, Sequence

from .config import Config
from .files import Skipped
from .linter import FileResult, Source, lint_sources

BATCH = 64


@dataclass
class RunOptions:
    """What the command line adds to each file's configuration."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    fail_level: str | None = None
    today: date | None = None
    skipped: list[dict[str, str]] = field(default_factory=list)


def lint_files(sources: Sequence[tuple[Any, Config]], options: RunOptions,
               read: Callable[[Any, int], bytes],
               on_skip: Callable[[Any, Skipped], None]) -> Iterator[tuple[Source, FileResult]]:
    """Each readable source with its result, in order; unreadable ones go to ``on_skip``."""
    for start in range(0, len(sources), BATCH):
        batch = []
        for path, config in sources[start:start + BATCH]:
            try:
                data = read(path, config.max_file_size)
            except Skipped as why:
                options.skipped.append({"path": str(path), "reason": str(why)})
                on_skip(path, why)
                continue
            batch.append(Source(path if isinstance(path, str) else str(path), data, config.with_cli(options.select, options.ignore,
                                                                 options.fail_level)))
        yield from zip(batch, lint_sources(batch, today=options.today))
