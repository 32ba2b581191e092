"""How `medlint check` runs: its --jobs, --shard, --cache-dir, --no-cache and --no-progress."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .cache import default_cache_dir
from .launch import PARALLEL_MIN_FILES, cache_disabled_by_environment, start_fork_server, usable_cores
from .runner import parse_shard


def parse_jobs(_ctx: Any, _param: Any, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter(f"must be 1 or more (1 lints in this process), not {value}")
    return value


def parse_shard_option(_ctx: Any, _param: Any, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        return parse_shard(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def running(jobs: int | None, shard: tuple[int, int] | None, cache_dir: Path | None, no_cache: bool,
            no_progress: bool) -> dict[str, Any]:
    """The RunOptions fields these options set. MEDLINT_NO_CACHE=1 turns the cache off too."""
    use_cache = not no_cache and not cache_disabled_by_environment()
    return {
        "jobs": jobs if jobs is not None else usable_cores(),
        "shard": shard,
        "cache_dir": (cache_dir or default_cache_dir()) if use_cache else None,
        "progress": None if no_progress else sys.stderr,
        "warn": lambda line: click.echo(f"medlint: {line}", err=True),
    }


def get_workers_ready(running: dict[str, Any], files: int) -> bool:
    """A run big enough for workers, without the result cache, starts their fork server now, so
    that it warms up while this process checks the configuration. True when it did: the
    workers will lint, and this process need not build the rules' patterns (nor load spaCy) to
    find a broken one before any output, as each worker builds them before its first chunk."""
    shard = running.get("shard")
    if running["cache_dir"] is not None:
        return False  # the cache may serve every file: the pool starts once the runner meets enough misses
    if running["jobs"] > 1 and files // (shard[1] if shard else 1) >= PARALLEL_MIN_FILES:
        try:
            start_fork_server()
        except (OSError, ImportError, NotImplementedError):
            return False  # no processes here: the run lints in this one
        return True
    return False
