"""Golden files for the project's own corpus: what medlint reports on each article.

Development tooling, not part of the installed package: imported by scripts/update_expected.py
and tests/test_corpora.py (pytest puts scripts/ on sys.path, see pyproject.toml)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from medlint.config import ConfigFinder
from medlint.document import SUPPORTED_SUFFIXES
from medlint.linter import Source, lint_sources

#: The corpus is judged on a fixed day, so review ages do not drift as time passes.
CORPUS_DAY = date(2026, 11, 26)


def corpus_articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in SUPPORTED_SUFFIXES and p.name != "README.md"
                  and "claims" not in p.relative_to(folder).parts)


def expected_path(article: Path) -> Path:
    return article.with_name(article.name + ".expected")


def golden_lines(folder: Path) -> list[list[str]]:
    finder = ConfigFinder()
    articles = corpus_articles(folder)
    sources = [Source(str(a), a.read_bytes(), finder.for_path(a)) for a in articles]
    return [[f"{f.line}:{f.column}: {f.severity} {f.rule}" for f in result.findings]
            for result in lint_sources(sources, today=CORPUS_DAY)]
