"""The stable, versioned JSON format. Later versions add keys; they never rename or remove."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..linter import FileResult
from . import Totals

SCHEMA = 1


def file_json(result: FileResult) -> dict[str, Any]:
    metrics = {k: v for k, v in result.metrics.items() if not k.startswith("_")}
    return {"path": result.path, "findings": [f.to_json() for f in result.findings], "metrics": metrics}


class Written(str):
    """JSON text of a value, already laid out for its place in a report (see :func:`file_text`)."""


def file_text(result: FileResult) -> Written:
    """A file's part of the report, exactly as :func:`render` lays it out. The CLI writes each
    file's part as its result comes (while worker processes lint the next files), so that the
    report's end is a join rather than a second pass over every finding."""
    if isinstance(result, LaidOut) and result.text is not None and result.findings is result.laid_findings:
        return result.text
    return Written(layered(file_json(result), depth=4, _level=2))


@dataclass
class LaidOut(FileResult):
    """A result with its part of the report already laid out (the result cache keeps it with the
    result, so that a warm run writes it as it is). A result changed later (a filter that drops
    findings makes a copy, which does not keep the text) is laid out again."""

    text: Written | None = field(default=None, init=False, repr=False, compare=False)
    laid_findings: list | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, result: FileResult, text: str | None = None) -> "LaidOut":
        """``result`` with ``text`` as its part of the report (laid out now when not given)."""
        laid = cls(result.path, result.findings, result.metrics, result.keys)
        laid.text = Written(text if text is not None else layered(file_json(result), depth=4, _level=2))
        laid.laid_findings = laid.findings
        return laid


def render(results: list[FileResult | Written], totals: Totals, extra: dict[str, Any] | None = None) -> str:
    payload: dict[str, Any] = {
        "medlint_version": __version__,
        "schema": SCHEMA,
        "files": [r if isinstance(r, Written) else file_json(r) for r in results],
        "summary": totals.to_json(),
    }
    payload.update(extra or {})
    return layered(payload, depth=4)


_COMPACT = json.JSONEncoder(ensure_ascii=False, default=str, separators=(", ", ": "))


def layered(value: Any, depth: int, _level: int = 0) -> str:
    """JSON with the outer ``depth`` levels of objects and arrays indented by two spaces and
    anything deeper on one line: a report has one line per finding.

    ``json.dumps(indent=...)`` would take the standard library's pure-Python encoder, which spent
    most of a cached run's time writing 44,000 findings; one-line values use its C encoder."""
    if isinstance(value, Written):
        return value
    pieces: list[str] = []
    _lay(value, depth, _level, pieces)
    return "".join(pieces)  # one join: a report is megabytes, and each "+" or inner join a copy of it


def _lay(value: Any, depth: int, level: int, pieces: list[str]) -> None:
    if isinstance(value, Written):
        pieces.append(value)
        return
    if level >= depth or not isinstance(value, (dict, list)) or not value:
        pieces.append(_COMPACT.encode(value))
        return
    pad, inner = "  " * level, "  " * (level + 1)
    if isinstance(value, dict):
        opening, separator = "{\n", ""
        pieces.append(opening)
        for key, item in value.items():
            pieces.extend((separator, inner, _COMPACT.encode(str(key)), ": "))
            _lay(item, depth, level + 1, pieces)
            separator = ",\n"
        pieces.extend(("\n", pad, "}"))
        return
    separator = ""
    pieces.append("[\n")
    for item in value:
        pieces.extend((separator, inner))
        _lay(item, depth, level + 1, pieces)
        separator = ",\n"
    pieces.extend(("\n", pad, "]"))
