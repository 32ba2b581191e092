"""GitHub Actions workflow commands: one ``::error file=...,line=...::message`` line per finding,
which GitHub shows as an annotation on the changed file."""

from __future__ import annotations

from ..finding import Finding, Severity

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding) -> str:
    properties = ",".join([
        f"file={_property(path)}", f"line={finding.line}", f"col={finding.column}",
        f"endLine={finding.end_line}", f"endColumn={finding.end_column}", f"title={_property(finding.rule)}",
    ])
    return f"::{_LEVELS[finding.severity]} {properties}::{_data(finding.message)}"
