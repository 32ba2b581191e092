"""Shared test helpers: lint a snippet, run the CLI. Keep this small and generic."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

#: The date tests lint against, so that date-dependent rules give the same answer every day.
TODAY = datetime.date(2026, 11, 26)


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read the developer's knowledge-base update, nor print its age warning."""
    patch = pytest.MonkeyPatch()
    patch.setenv("MEDLINT_CACHE_DIR", str(tmp_path_factory.mktemp("medlint-cache")))
    patch.setenv("MEDLINT_NO_KB_WARNING", "1")
    yield
    patch.undo()


@pytest.fixture
def lint_text() -> Callable:
    """``lint_text(text_or_bytes, path="article.md", config=None)`` -> list of Findings."""
    from medlint.linter import Source, lint_sources

    def run(data: str | bytes, path: str = "article.md", config=None, today: datetime.date = TODAY):
        raw = data.encode("utf-8") if isinstance(data, str) else data
        return lint_sources([Source(path, raw, config)], today=today)[0].findings

    return run


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """``cli("check", "a.md", input=...)`` runs `medlint` in-process with ``tmp_path`` as the cwd.

    Exceptions propagate (``catch_exceptions=False``): a traceback fails the test.
    """
    from medlint.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # the default format follows it
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke
