"""The progress line: on a terminal's stderr only, after about two seconds, never in a report."""

from __future__ import annotations

import io
from pathlib import Path

from medlint.config import ConfigFinder
from medlint.files import read_article
from medlint.progress import Progress
from medlint.runner import RunOptions, lint_files

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_line_shows_files_rate_and_time_left_once_the_run_has_lasted():
    stream, clock = Terminal(), Clock()
    progress = Progress(100, stream, clock=clock)
    for _ in range(7):
        clock.now += 0.25
        progress.advance()
    assert stream.getvalue() == ""  # 1.75 s in: nothing yet
    for _ in range(33):
        clock.now += 0.25
        progress.advance()
    line = stream.getvalue().rsplit("\r", 1)[-1]
    assert "40/100 files" in line and "4.0 files/s" in line and "0:15 left" in line
    assert line.startswith("medlint [") and "\n" not in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")  # taken off the screen at the end


def test_nothing_is_written_where_there_is_no_terminal():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(10, stream, clock=clock)
    for _ in range(10):
        clock.now += 1
        progress.advance()
    progress.close()
    assert stream.getvalue() == "" and not progress.enabled


def test_the_line_fits_a_narrow_terminal():
    progress = Progress(1000, Terminal(), clock=Clock())
    progress.done = 500
    assert len(progress.line(110.0, width=40)) < 40
    assert "[" in progress.line(110.0, width=120)


def test_a_run_clears_the_line_before_each_result_it_hands_over(monkeypatch):
    """The consumer prints each result; the line must not be on the screen at that moment."""
    import medlint.progress as progress_module

    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    monkeypatch.setattr(progress_module, "INTERVAL", 0.0)
    stream = Terminal()
    finder = ConfigFinder()
    files = sorted(p for p in (CORPORA / "articles").rglob("*.md"))
    sources = [(path, finder.for_path(path)) for path in files]
    seen = []
    options = RunOptions(progress=stream)
    for source, _ in lint_files(sources, options, lambda path, limit: read_article(path, limit), print):
        screen = stream.getvalue()
        seen.append(screen.endswith("\r\x1b[K") or screen == "")
    assert all(seen) and len(seen) == len(files)
    assert f"{len(files)}/{len(files)} files" not in stream.getvalue() or stream.getvalue().endswith("\r\x1b[K")
    assert "files/s" in stream.getvalue()


def test_the_cli_never_writes_it_to_stdout_or_a_piped_stderr(cli):
    result = cli("check", str(CORPORA), "--format", "json", "--no-cache", "--jobs", "1")
    assert "files/s" not in result.stdout and "\r" not in result.stdout
    assert "files/s" not in result.stderr
