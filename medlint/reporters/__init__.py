"""Output formats for `medlint check`."""

from __future__ import annotations

from dataclasses import dataclass

from ..finding import Severity
from ..linter import FileResult


@dataclass
class Totals:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    info: int = 0

    def add(self, result: FileResult) -> None:
        self.files += 1
        for finding in result.findings:
            if finding.severity is Severity.ERROR:
                self.errors += 1
            elif finding.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.info += 1

    def summary(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"
        return (f"{plural(self.errors, 'error')}, {plural(self.warnings, 'warning')}, "
                f"{self.info} info in {plural(self.files, 'file')}")

    def to_json(self) -> dict[str, int]:
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings, "info": self.info}

