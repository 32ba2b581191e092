"""Turns the files of a `medlint check` run into results, in the order they were given.

The CLI's three stages are: this module (read and lint: shards, the result cache, worker
processes and the progress line live here), result filters (baseline, changed lines) and the
reporters. Whatever the number of workers and whatever the cache holds, the results and their
order are those of a serial run without a cache.

With workers (``--jobs N`` over enough files), N worker processes lint and this one only reads
files, asks the cache, hands out chunks and takes the results in order: it never loads spaCy,
whose start (about a second) the workers, forked from one warmed-up server, share.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TextIO

from . import startup_gc
from .cache import ResultCache
from .config import Config
from .files import Skipped
from .launch import PARALLEL_MIN_FILES
from .linter import FileResult, Source
from .parallel import WorkerPool, lint_chunk
from .progress import Progress

CHUNK = 16  # files linted together (one spaCy stream), and sent to a worker at a time
#: the smallest chunk: near the end of a run with workers, chunks shrink so that the workers
#: finish together rather than one of them alone with a long last chunk
MIN_CHUNK = 4


@dataclass
class RunOptions:
    """What the command line adds to each file's configuration, and how to run."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    fail_level: str | None = None
    today: date | None = None
    skipped: list[dict[str, str]] = field(default_factory=list)
    jobs: int = 1  # processes linting, this one included
    shard: tuple[int, int] | None = None  # (K, N): only the files of shard K of N
    cache_dir: Path | None = None  # None: no result cache
    progress: TextIO | None = None  # where the progress line goes, when it is a terminal
    warn: Callable[[str], None] | None = None  # one-line notices (a cache that cannot be written)


def parse_shard(text: str) -> tuple[int, int]:
    """``"K/N"`` as (K, N) with 1 <= K <= N; ValueError with a message otherwise."""
    parts = text.strip().split("/")
    try:
        index, count = (int(part) for part in parts) if len(parts) == 2 else (0, 0)
    except ValueError:
        index, count = 0, 0
    if count < 1 or not 1 <= index <= count:
        raise ValueError(f"{text!r} is not a shard like 1/4 (K/N with 1 <= K <= N)")
    return index, count


def shard_of(path: Any, count: int) -> int:
    """The shard (1 to ``count``) of a file: a SHA-256 of its path relative to the current
    folder with forward slashes, so every machine of a CI matrix splits a corpus alike."""
    absolute = os.path.abspath(str(path))
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive (Windows)
        relative = absolute
    digest = hashlib.sha256(relative.replace(os.sep, "/").encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


@dataclass
class _Slot:
    """A chunk of files in the order given: cache hits, and the misses' results when known."""

    items: list[tuple[Source, FileResult | None]]
    future: Any = None
    results: list[FileResult] | None = None

    @property
    def misses(self) -> list[Source]:
        return [source for source, hit in self.items if hit is None]


def lint_files(sources: Sequence[tuple[Any, Config]], options: RunOptions,
               read: Callable[[Any, int], bytes],
               on_skip: Callable[[Any, Skipped], None]) -> Iterator[tuple[Source, FileResult]]:
    """Each readable source with its result, in order; unreadable ones go to ``on_skip``."""
    if options.shard is not None:
        index, count = options.shard
        sources = [(path, config) for path, config in sources if shard_of(path, count) == index]
    today = options.today or date.today()  # one date for the whole run, even past midnight
    effective: dict[int, Config] = {}
    for _, config in sources:
        if id(config) not in effective:
            effective[id(config)] = config.with_cli(options.select, options.ignore, options.fail_level)
    cache = _open_cache(options)
    progress = Progress(len(sources), options.progress)
    pool: WorkerPool | None = None
    pool_tried = options.jobs <= 1
    window: deque[_Slot] = deque()
    position = 0

    def chunk_size() -> int:
        if pool is None:
            return CHUNK
        # a quarter of each worker's share of what is left ("guided" scheduling)
        return max(min(MIN_CHUNK, CHUNK), min(CHUNK, (len(sources) - position) // (4 * options.jobs)))

    def read_chunk() -> list[tuple[Source, FileResult | None]]:
        nonlocal position
        items = []
        size = chunk_size()
        while position < len(sources) and len(items) < size:
            path, config = sources[position]
            position += 1
            try:
                data = read(path, config.max_file_size)
            except Skipped as why:
                options.skipped.append({"path": str(path), "reason": str(why)})
                progress.clear()
                on_skip(path, why)
                progress.advance()
                continue
            source = Source(path if isinstance(path, str) else str(path), data, effective[id(config)])
            items.append((source, cache.lookup(source, today) if cache is not None else None))
        return items

    def run_here(slot: _Slot) -> None:
        slot.results = lint_chunk(slot.misses, today, cache)

    try:
        while True:
            # read ahead: the chunks in the workers, the next ones, and cache hits between them;
            # with workers, also room for chunks done behind an earlier one still running
            while position < len(sources) and len(window) < (4 if pool is None else 8) * options.jobs + 2:
                slot = _Slot(read_chunk())
                if not slot.items:
                    continue
                misses = slot.misses
                if not misses:
                    slot.results = []
                elif not pool_tried and len(sources) - position + len(misses) >= PARALLEL_MIN_FILES:
                    pool_tried = True
                    try:
                        pool = WorkerPool(options.jobs, list(effective.values()), today, cache)
                    except (OSError, ImportError, NotImplementedError):
                        pool = None  # no processes here (a sandbox): lint in this one
                    else:
                        startup_gc.ready()  # this process's start-up is over: it prepares no rules
                window.append(slot)
            if pool is not None:  # in order, two unfinished chunks per worker: one running, one queued
                busy = sum(1 for slot in window if slot.future is not None and not slot.future.done())
                for slot in window:
                    if busy >= 2 * options.jobs:
                        break
                    if slot.results is None and slot.future is None:
                        slot.future = pool.submit(slot.misses)
                        busy += not slot.future.done()
            if not window:
                break
            front = window[0]
            if front.results is None:
                if front.future is None:  # no workers (a small run, or none could start)
                    run_here(front)
                else:
                    assert pool is not None
                    if not front.future.done():
                        # results are taken in order, but a worker that finishes a later chunk
                        # first gets the next one now rather than when this one is done
                        pool.wait_any([slot.future for slot in window if slot.future and not slot.future.done()])
                        continue
                    front.results = pool.result(front.future)
                    front.future = None
            window.popleft()
            results = iter(front.results or [])
            for source, hit in front.items:
                result = hit if hit is not None else next(results)
                progress.clear()  # the consumer may write to the same terminal
                yield source, result
                progress.advance()
    finally:
        progress.close()
        if pool is not None:
            pool.close()
        if cache is not None:
            cache.prune()  # at most once a day; workers write entries too
            if cache.write_error and options.warn:
                options.warn(cache.write_error)


def _open_cache(options: RunOptions) -> ResultCache | None:
    if options.cache_dir is None:
        return None
    cache = ResultCache(options.cache_dir)
    try:
        cache.folder.mkdir(parents=True, exist_ok=True)
        if not os.access(cache.folder, os.W_OK):
            raise PermissionError(13, "permission denied")
    except OSError as exc:
        if options.warn:
            options.warn(f"result cache off: cannot write {options.cache_dir}: {exc.strerror or exc}")
        return None
    return cache
