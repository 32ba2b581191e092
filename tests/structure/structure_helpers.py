"""Small helpers for the structure tests (imported as a sibling module; tests have no __init__)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from medlint.config import Config, parse_config
from medlint.finding import Finding
from medlint.linter import Source, lint_sources

TODAY = datetime.date(2026, 11, 26)
FAMILIES = ("sections.", "metadata.", "sources.", "trust.", "content.")
REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "corpora" / "articles"
SEED = REPO.parent / "shared" / "seeds" / "000_81c6fcea8d6daced.txt"


def lint(text: str, path: str = "article.md", config: Config | None = None,
         today: datetime.date = TODAY) -> list[Finding]:
    """Findings of the structure rules only."""
    result = lint_sources([Source(path, text.encode("utf-8"), config)], today=today)[0]
    return [f for f in result.findings if f.rule.startswith(FAMILIES)]


def ids(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def of(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def messages(findings: list[Finding], rule: str) -> str:
    return "\n".join(f.message for f in of(findings, rule))


def config(tmp_path: Path, data: dict[str, Any]) -> Config:
    return parse_config(data, tmp_path / ".medlint.yaml")


def missing_sections(findings: list[Finding]) -> set[str]:
    return {f.evidence["section"] for f in of(findings, "sections.missing") if f.evidence}
