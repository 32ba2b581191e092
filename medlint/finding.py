"""The Finding record every rule produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    """Ordered so that comparisons read naturally: ERROR > WARNING > INFO."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        known = _BY_NAME.get(value)  # the common case: read back from a report or the cache
        if known is not None:
            return known
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


SEVERITY_NAMES = ("error", "warning", "info")
_BY_NAME = {str(severity): severity for severity in Severity}


@dataclass(frozen=True)
class Finding:
    """One problem at a place in the original file.

    Positions are 1-based; ``end_column`` is the column just past the last character, so a
    one-character match at column 5 has ``end_column`` 6.
    """

    rule: str
    severity: Severity
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    suggestion: str | None = None
    evidence: dict[str, Any] | None = field(default=None, compare=False, hash=False)

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "suggestion": self.suggestion,
            "evidence": self.evidence,
        }
