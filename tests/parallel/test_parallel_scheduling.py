"""Handing chunks to workers: results come back in the files' order, and a chunk still running
does not hold back the workers that finish later chunks first."""

from __future__ import annotations

import threading
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path

import pytest

import medlint.runner as runner
from medlint.config import Config
from medlint.linter import FileResult
from medlint.runner import RunOptions

FILES = 40
#: chunks handed out while the first one still runs: more than the two per worker a runner
#: keeps unfinished, which only a runner that refills past the running chunk reaches
AHEAD = 7


class SlowFirstChunkPool:
    """Stands in for WorkerPool: every chunk is done at once, except the first, which finishes
    only once AHEAD more chunks were handed out (or, if that never happens, when the test
    gives up waiting: then ``stalled`` says so)."""

    def __init__(self, count, configs, today, cache) -> None:  # noqa: ANN001 - WorkerPool's signature
        self.count = count
        self.first: Future | None = None
        self.submitted: list[list[str]] = []
        self.stalled = False
        self._watchdog = threading.Timer(60, self._give_up)
        self._watchdog.start()
        SlowFirstChunkPool.last = self

    def _give_up(self) -> None:
        if self.first is not None and not self.first.done():
            self.stalled = True
            self._finish_first()

    def _finish_first(self) -> None:
        assert self.first is not None
        self.first.set_result(("ok", [FileResult(path, [], {"chunk": 0}) for path in self.submitted[0]]))

    def submit(self, sources) -> Future:  # noqa: ANN001
        paths = [source.path for source in sources]
        self.submitted.append(paths)
        future: Future = Future()
        if self.first is None:
            self.first = future
        else:
            future.set_result(("ok", [FileResult(path, [], {"chunk": len(self.submitted) - 1}) for path in paths]))
            if len(self.submitted) == AHEAD + 1 and not self.first.done():
                self._finish_first()
        return future

    @staticmethod
    def wait_any(futures) -> None:  # noqa: ANN001
        wait(futures, return_when=FIRST_COMPLETED)

    @staticmethod
    def result(future: Future) -> list[FileResult]:
        return future.result()[1]

    def close(self) -> None:
        self._watchdog.cancel()


@pytest.fixture
def slow_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(runner, "CHUNK", 2)
    monkeypatch.setattr(runner, "MIN_CHUNK", 1)
    monkeypatch.setattr(runner, "WorkerPool", SlowFirstChunkPool)


def _run(jobs: int) -> list[tuple[str, FileResult]]:
    config = Config(root=Path.cwd())
    sources = [(f"article-{number:02d}.md", config) for number in range(FILES)]
    options = RunOptions(jobs=jobs)
    return [(source.path, result) for source, result in
            runner.lint_files(sources, options, lambda path, limit: b"# Title\n", lambda path, why: None)]


def test_workers_get_chunks_while_an_earlier_one_still_runs(slow_first) -> None:
    done = _run(jobs=2)
    pool = SlowFirstChunkPool.last
    assert not pool.stalled, "no chunk was handed out past the first while it ran"
    assert len(pool.submitted) > AHEAD
    # every file once, in the order given, each with its own chunk's result
    assert [path for path, _ in done] == [f"article-{number:02d}.md" for number in range(FILES)]
    assert all(result.path == path for path, result in done)
    assert done[0][1].metrics == {"chunk": 0}
    assert sorted(path for chunk in pool.submitted for path in chunk) == [path for path, _ in done]


def test_no_more_than_two_unfinished_chunks_per_worker(slow_first, monkeypatch: pytest.MonkeyPatch) -> None:
    # chunks finish only while the runner waits, one at a time, oldest first
    unfinished: list[Future] = []
    seen: list[int] = []

    class OneAtATime(SlowFirstChunkPool):
        def submit(self, sources) -> Future:  # noqa: ANN001
            self.submitted.append([source.path for source in sources])
            future: Future = Future()
            unfinished.append(future)
            return future

        def wait_any(self, futures) -> None:  # noqa: ANN001
            seen.append(sum(not future.done() for future in unfinished))
            oldest = next(future for future in unfinished if not future.done())
            oldest.set_result(("ok", [FileResult(path, [], {}) for path in self.submitted[unfinished.index(oldest)]]))

        @staticmethod
        def result(future: Future) -> list[FileResult]:
            assert future.done(), "a result taken before the chunk was done would wait forever here"
            return future.result()[1]

    monkeypatch.setattr(runner, "WorkerPool", OneAtATime)
    done = _run(jobs=3)
    assert max(seen) == 2 * 3  # a running and a queued chunk per worker, never more
    assert [path for path, _ in done] == [f"article-{number:02d}.md" for number in range(FILES)]
