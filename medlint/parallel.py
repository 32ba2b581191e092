"""Worker processes for `medlint check --jobs N`.

``--jobs N`` starts N workers; the calling process only reads files and takes results (see
medlint.runner). Workers are started with forkserver (spawn where there is none): the fork
server builds the spaCy pipeline and the rules once (:func:`warm_up`), so every worker, a fork
of it, starts ready and they share that memory; a worker's initializer only adds what its
configurations need beyond the defaults. Workers rebuild the rest from what they are sent: the
files' bytes and their configurations.

Errors come back as values, never as tracebacks: a SourceError is raised again in the caller
with the same message, anything else as :class:`WorkerFailure` (one line).
"""

from __future__ import annotations

import gc
import signal
from datetime import date
from typing import TYPE_CHECKING, Any, Sequence

from .cache import ResultCache
from .config import Config
from .launch import fork_context, interrupts_deferred, interrupts_ignored, start_fork_server
from .linter import FileResult, Source, active_rules, lint_sources, prepare, prepared_rules
from .nlp import ModelError
from .yamlsource import SourceError

if TYPE_CHECKING:
    from concurrent.futures import Future


class WorkerFailure(Exception):
    """A worker could not lint its files (a crash, or an error that is no SourceError)."""


def lint_chunk(sources: Sequence[Source], today: date | None, cache: ResultCache | None) -> list[FileResult]:
    """What the caller and every worker do with a chunk of files."""
    if cache is None:
        return lint_sources(sources, today=today)
    return cache.lint(sources, today)


# -- inside a worker -----------------------------------------------------------------------------

_state: dict[str, Any] = {}


def _initialize(configs: Sequence[Config], today: date | None, cache_folder: str | None) -> None:
    # Ctrl-C reaches every process of the terminal's group: the caller stops the workers, which
    # must not print tracebacks of their own
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _state.update(today=today, cache=ResultCache(cache_folder) if cache_folder else None, error=None)
    try:
        for config in configs:  # the pipeline and the patterns of the rules that will run
            rules, hub = prepared_rules(config.rule_dirs, config.nlp_model, config.drug_lexicon)
            prepare(active_rules(rules, config.settings_for(config.root)), hub)
    except BaseException as exc:  # reported with the first chunk: an initializer must not fail
        _state["error"] = _as_value(exc)


def _ready() -> bool:
    return True


def _work(sources: Sequence[Source]) -> tuple[str, Any]:
    if _state.get("error") is not None:
        return _state["error"]
    try:
        return "ok", lint_chunk(sources, _state["today"], _state["cache"])
    except BaseException as exc:
        return _as_value(exc)


def _as_value(exc: BaseException) -> tuple[str, Any]:
    if isinstance(exc, SourceError):
        return "source-error", (exc.path, exc.line, exc.message)
    if isinstance(exc, ModelError):
        return "model-error", str(exc)
    return "failure", f"{type(exc).__name__}: {exc}"


def _raise(kind: str, value: Any) -> None:
    if kind == "source-error":
        raise SourceError(*value)
    if kind == "model-error":
        raise ModelError(value)
    raise WorkerFailure(f"a worker process failed: {value} (`--jobs 1` shows where)")


_BROKEN = "a worker process stopped unexpectedly (out of memory?); try `--jobs 1`"


def warm_up() -> None:
    """What every worker needs, built once in the fork server before it forks them: spaCy, the
    built-in rules, their patterns and the data rules load on first use (the knowledge base,
    the lexicons, textstat's syllable counts). A worker then starts in a few milliseconds. A
    failure here only means the workers build it themselves."""
    from pathlib import Path

    from . import startup_gc

    startup_gc.pause()  # prepare() below freezes what is built, which the forked workers then share
    try:
        config = Config(root=Path.cwd())
        rules, hub = prepared_rules(config.rule_dirs, config.nlp_model, config.drug_lexicon)
        prepare(active_rules(rules, config.settings_for(config.root)), hub)
        lint_sources([Source("warm-up.md", _WARM_UP)], today=date(2026, 1, 1))
    except Exception:  # noqa: BLE001 - see the docstring
        pass
    finally:
        startup_gc.resume()  # when prepare() never ran
    gc.freeze()  # what the article loaded (the approval index): the workers' collections leave it alone


_WARM_UP = """---
title: Warming up
author: Jane Doe
last_reviewed: 2025-12-01
---
# Warming up

Semaglutide was approved by the FDA in 2017. Patients with type 2 diabetes (T2D) may be
prescribed metformin, which is a revolutionary miracle drug that cuts the risk by 50%.
Tirzepatide is not yet approved for children.

## Symptoms

Thirst and tiredness are common. Ask your doctor.
"""


# -- in the caller -------------------------------------------------------------------------------

class WorkerPool:
    """``count`` worker processes; :meth:`submit` returns a future of a chunk's results."""

    def __init__(self, count: int, configs: Sequence[Config], today: date | None, cache: ResultCache | None) -> None:
        from concurrent.futures import ProcessPoolExecutor

        context = fork_context()
        start_fork_server(context)
        self._executor = ProcessPoolExecutor(
            max_workers=count, mp_context=context, initializer=_initialize,
            initargs=(list(configs), today, str(cache.root) if cache is not None else None))
        self._pings: list[Future[bool]] = []
        try:
            # a fork server child whose start is cut short would print a traceback: a Ctrl-C
            # while the server forks waits until it has (then close() stops the workers). Each
            # ping starts a worker now, here, rather than in a later submit() outside this block.
            with interrupts_deferred() if context.get_start_method() == "forkserver" else interrupts_ignored():
                for _ in range(count):
                    self._pings.append(self._executor.submit(_ready))
        except BaseException:  # Ctrl-C while the fork server starts: no worker may outlive us
            self.close()
            raise

    def submit(self, sources: Sequence[Source]) -> "Future[tuple[str, Any]]":
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._executor.submit(_work, list(sources))
        except BrokenProcessPool:
            raise WorkerFailure(_BROKEN) from None

    @staticmethod
    def wait_any(futures: Sequence["Future[tuple[str, Any]]"]) -> None:
        """Until one of ``futures`` is done (or failed)."""
        from concurrent.futures import FIRST_COMPLETED, wait

        wait(futures, return_when=FIRST_COMPLETED)

    @staticmethod
    def result(future: "Future[tuple[str, Any]]") -> list[FileResult]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            kind, value = future.result()
        except BrokenProcessPool:
            raise WorkerFailure(_BROKEN) from None
        if kind != "ok":
            _raise(kind, value)
        return value

    def close(self) -> None:
        """Stop the workers now, finished or not (a normal end has no work left in them)."""
        processes = list(getattr(self._executor, "_processes", {}).values())
        self._executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
