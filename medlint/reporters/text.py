"""``path:line:col: severity rule-id message``, grouped by file, then a summary line."""

from __future__ import annotations

from typing import Any, Callable

import click

from ..files import printable
from ..finding import Finding, Severity
from ..linter import FileResult

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


class TextReporter:
    def __init__(self, echo: Callable[[str], Any], colour: bool, quiet: bool) -> None:
        self.echo = echo
        self.colour = colour
        self.quiet = quiet
        self._printed_any = False

    def file(self, result: FileResult) -> None:
        # a clean file prints nothing, as in other linters; its summary lines go with its findings
        if not result.findings:
            return
        if self._printed_any:
            self.echo("")
        self._printed_any = True
        for finding in result.findings:
            self.echo(self.format(result.path, finding))
        if not self.quiet:
            for line in self._extra_lines(result):
                self.echo(line)

    def _extra_lines(self, result: FileResult) -> list[str]:
        """One-line summaries that rule families put into metrics (e.g. readability)."""
        lines = result.metrics.get("_summary_lines", [])
        return [f"{printable(result.path)}: {line}" for line in lines]

    def format(self, path: str, finding: Finding) -> str:
        where = f"{printable(path)}:{finding.line}:{finding.column}:"
        severity = str(finding.severity)
        rule = finding.rule
        if self.colour:
            where = click.style(where, bold=True)
            severity = click.style(severity, fg=_COLOURS[finding.severity], bold=True)
            rule = click.style(rule, fg="cyan")
        text = f"{where} {severity} {rule} {finding.message}"
        if finding.suggestion and finding.suggestion not in finding.message:
            text += f" (suggestion: {finding.suggestion})"
        return text

    def summary(self, line: str) -> None:
        if self.quiet:
            return
        if self._printed_any:
            self.echo("")
        self.echo(click.style(line, bold=True) if self.colour else line)
