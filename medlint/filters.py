"""What a result filter of `medlint check` offers besides filtering (baseline, changed lines).

A filter takes each (source, result) from the read-and-lint stage and returns the result with
fewer findings (and the matching keys); it may add to the summary line and the JSON output, and
say one thing on stderr when the run is over.
"""

from __future__ import annotations

from typing import Any, Callable

from .finding import Finding
from .linter import FileResult, Source

#: whether a later filter keeps a finding of the file at this path
Keeps = Callable[[str, Finding], bool]


class ResultFilter:
    def __call__(self, source: Source, result: FileResult) -> FileResult:
        return result

    def summary_note(self) -> str:
        """Text appended to the summary line, such as " (12 hidden by the baseline)"."""
        return ""

    def json_extra(self) -> dict[str, Any]:
        """Top-level keys for the JSON output."""
        return {}

    def narrowed_by(self, keeps: Keeps) -> None:
        """A later filter reports only what ``keeps`` accepts: count nothing it would drop."""

    def finish(self) -> str | None:
        """Work after the report (writing a file) and a line for stderr, or None."""
        return None
