"""A progress line on a terminal's standard error: files done, files/s and time left.

It appears only on a terminal (``stream.isatty()``) and only once a run has lasted
:data:`DELAY` seconds, so quick runs, pipes, files and CI logs never see it. The caller clears
it before anything else is written to the terminal (:meth:`Progress.clear`); it redraws on the
next file.
"""

from __future__ import annotations

import os
import time
from typing import Any, Callable, TextIO

DELAY = 2.0  # seconds before the line first appears
INTERVAL = 0.1  # seconds between redraws


class Progress:
    def __init__(self, total: int, stream: TextIO | None, *, clock: Callable[[], float] = time.monotonic,
                 delay: float | None = None) -> None:
        self.total = total
        self.done = 0
        self._stream = stream if stream is not None and _is_terminal(stream) else None
        self._clock = clock
        self._start = clock()
        self._delay = DELAY if delay is None else delay
        self._drawn_at: float | None = None
        self._shown = False  # the line is on the screen now

    @property
    def enabled(self) -> bool:
        return self._stream is not None

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self._stream is None:
            return
        now = self._clock()
        if now - self._start < self._delay:
            return
        if self._shown and self._drawn_at is not None and now - self._drawn_at < INTERVAL:
            return
        self._draw(now)

    def clear(self) -> None:
        """Take the line off the screen (before a report line or a message is written)."""
        if self._stream is not None and self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False

    def close(self) -> None:
        self.clear()

    def line(self, now: float, width: int = 80) -> str:
        elapsed = max(now - self._start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else None
        counts = f" {self.done:,}/{self.total:,} files  {rate:,.1f} files/s  {_duration(left)} left"
        room = max(width - len(counts) - len("medlint []") - 1, 0)
        bar = ""
        if room >= 10:
            filled = room * self.done // self.total if self.total else room
            bar = "[" + "#" * filled + "-" * (room - filled) + "]"
        return f"medlint {bar}{counts}"[:max(width - 1, 1)]

    def _draw(self, now: float) -> None:
        assert self._stream is not None
        self._stream.write("\r" + self.line(now, _width(self._stream)) + "\x1b[K")
        self._stream.flush()
        self._drawn_at = now
        self._shown = True


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _width(stream: Any) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-:--"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
