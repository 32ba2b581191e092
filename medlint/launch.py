"""What the `medlint` command does before importing the rest of medlint: start the fork server
of `check --jobs N` when the run will want workers.

The workers of a parallel check are forks of one server that imports spaCy and builds the rules
first (about a second: see medlint.parallel.warm_up); they can start no sooner than it is ready.
Started here, from the raw arguments, it warms up while this process imports the command line
and lists the files, instead of after. This module imports only the standard library, so that
this costs nothing. The check decides again once it knows its files (medlint.run_options): a
wrong guess here only warms a server that is never used, on another core, and it stops with
this process.
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import Any, Iterator, Sequence

#: files to lint for worker processes to pay for their start (the fork server's warm-up);
#: fewer are linted in the calling process
PARALLEL_MIN_FILES = 150

#: suffixes of the files a folder is searched for (medlint.document.SUPPORTED_SUFFIXES; a test
#: keeps the two equal, this module must not import the parsers)
ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx", ".html", ".htm", ".xhtml", ".txt",
                              ".text"})
#: folders a folder's search skips (medlint.files.SKIPPED_DIRS, and hidden ones)
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "site-packages"})
#: the options of `check` that take a value (a test keeps this equal to the command's)
VALUE_OPTIONS = frozenset({
    "--format", "--fail-level", "--select", "--ignore", "--config", "--stdin-filename", "--today",
    "--output-file", "--baseline", "--diff", "--write-baseline", "--docs-url", "--jobs", "-j", "--shard",
    "--cache-dir"})


def cache_disabled_by_environment() -> bool:
    """MEDLINT_NO_CACHE=1 (or yes, true): as --no-cache."""
    return os.environ.get("MEDLINT_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


def usable_cores() -> int:
    """The cores this process may run on (its affinity mask where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def start_early(args: Sequence[str]) -> None:
    """Start the fork server if ``args`` (the command line after the program) look like a
    check with more than one job, without the result cache, over at least PARALLEL_MIN_FILES
    files: the cache may serve every file (then the pool starts once the run meets enough
    misses), and --fix and --diff choose or change the files first."""
    try:
        if _wants_workers(list(args)):
            start_fork_server()
    except (OSError, ImportError, NotImplementedError, ValueError):
        pass  # no processes here: the check lints in this one


def _wants_workers(args: list[str]) -> bool:
    if not args or args[0] != "check":
        return False
    jobs, shards, no_cache, paths = usable_cores(), 1, cache_disabled_by_environment(), []
    position = 1
    while position < len(args):
        arg = args[position]
        name, given, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in VALUE_OPTIONS and not given:
            value = args[position + 1] if position + 1 < len(args) else ""
            position += 1
        elif name.startswith("-j") and len(name) > 2:  # -j2
            name, value = "-j", name[2:]
        position += 1
        if arg == "--":
            paths.extend(args[position:])
            break
        if name in ("--jobs", "-j"):
            jobs = int(value) if value.isdigit() else 0
        elif name == "--shard":
            count = value.partition("/")[2]
            shards = int(count) if count.isdigit() and int(count) > 0 else 1
        elif name == "--no-cache":
            no_cache = True
        elif name in ("--fix", "--diff", "-h", "--help"):
            return False
        elif not name.startswith("-") or name == "-":
            paths.append(name)
    if jobs <= 1 or not no_cache:
        return False
    return _count_files(paths or ["."], PARALLEL_MIN_FILES * shards) >= PARALLEL_MIN_FILES * shards


def _count_files(paths: list[str], enough: int) -> int:
    """Files under ``paths`` a check would consider (before .gitignore and excludes), counting
    no further than ``enough``."""
    found = 0
    for path in paths:
        if path == "-" or os.path.isfile(path):
            found += 1
        elif os.path.isdir(path):
            for _, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS]
                found += sum(1 for name in files if os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES)
                if found >= enough:
                    return found
    return found


# -- the fork server -----------------------------------------------------------------------------

def fork_context() -> Any:
    """forkserver where the system has it, else spawn."""
    import multiprocessing  # imported here: most runs start no workers

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def start_fork_server(context: Any = None) -> None:
    """Start the fork server now (it warms up in the background: see
    medlint.parallel.warm_up), where workers are forked from one; nothing elsewhere. Calling it
    again does nothing."""
    context = context or fork_context()
    if context.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver, resource_tracker

    context.set_forkserver_preload(["medlint.parallel_warmup"])
    # the resource tracker first: starting it unblocks SIGINT, which in the block below would
    # lose a Ctrl-C (an ignored signal is dropped unless blocked); it guards itself from SIGINT
    resource_tracker.ensure_running()
    # Ctrl-C in a terminal reaches the whole process group; only this process, which stops the
    # others, should react (a worker still importing would print a traceback). A process
    # started while SIGINT is ignored keeps ignoring it, and so do the workers forked from it.
    with interrupts_ignored():
        forkserver.ensure_running()
    _stop_fork_server_at_exit()


def _stop_fork_server_at_exit() -> None:
    """The fork server leaves when this process does, but only once its warm-up is over; after
    a Ctrl-C it must not linger that long."""
    import atexit

    from multiprocessing import forkserver

    def stop() -> None:
        pid = getattr(forkserver._forkserver, "_forkserver_pid", None)  # noqa: SLF001
        if pid:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)

    if not getattr(_stop_fork_server_at_exit, "registered", False):
        atexit.register(stop)
        _stop_fork_server_at_exit.registered = True  # type: ignore[attr-defined]


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """A SIGINT during the block is raised (as KeyboardInterrupt) when it ends."""
    caught: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    except ValueError:  # not the main thread: nothing to do
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


@contextlib.contextmanager
def interrupts_ignored() -> Iterator[None]:
    """Processes started in the block ignore SIGINT; a SIGINT sent to this one meanwhile is held
    (blocked, which on Linux keeps an ignored signal pending) and raised when the block ends."""
    # blocked before ignored, so that no SIGINT comes in between and is dropped
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if hasattr(signal, "pthread_sigmask") else None
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to do
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
