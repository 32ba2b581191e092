"""`medlint report PATHS -o report.html`: lint as `check` does, then write one HTML page."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence

import click

from . import run_options
from .cli_common import Failure
from .config import ConfigFinder
from .engine.loader import load_rules
from .files import Skipped, printable
from .linter import check_config_rules, decode
from .nlp import ModelError
from .parallel import WorkerFailure
from .reporters.html import ArticleReport, render
from .runner import RunOptions, lint_files
from .structure.checklist import section_checklist
from .writeback import replace_file
from .yamlsource import SourceError

SourcesOf = Callable[..., list]  # cli._sources: (paths, finder, stdin_filename, gitignore)


def write_report(paths: tuple[Path, ...], output: Path, *, select: Sequence[str], ignore: Sequence[str],
                 config_path: Path | None, today: date | None, title: str, gitignore: bool, use_cache: bool,
                 sources_of: SourcesOf, read: Callable[[Any, int], bytes]) -> None:
    """Lint ``paths`` with the configuration `check` would find and write the page to ``output``."""
    _check_writable(output)
    try:
        finder = ConfigFinder(config_path)
        sources = sources_of(paths or (Path("."),), finder, None, gitignore)
        configs = {id(c): c for _, c in sources} or {0: finder.for_path(Path.cwd())}
        for config in configs.values():
            rules = load_rules(config.rule_dirs)
            check_config_rules(config, rules)
            for name in (*select, *ignore):
                if not rules.matches_selector(name):
                    raise click.UsageError(f"unknown rule or rule family {name!r} (see `medlint rules`)")
    except SourceError as exc:
        raise Failure(str(exc)) from None
    running = run_options.running(None, None, None, not use_cache, no_progress=False)
    options = RunOptions(tuple(select), tuple(ignore), None, today, **running)

    def on_skip(path: Any, why: Skipped) -> None:
        click.echo(f"medlint: skipped {printable(str(path))}: {why}", err=True)

    articles = []
    try:
        for source, result in lint_files(sources, options, read, on_skip):
            text, _ = decode(source.data, source.path)
            checklist = None
            if text is not None and "structure" in result.metrics and source.config is not None:
                settings = dict(source.config.settings_for(source.path).values)
                checklist = section_checklist(text, source.path, settings)
            articles.append(ArticleReport(printable(result.path), result, text, checklist))
    except (SourceError, ModelError, WorkerFailure) as exc:
        raise Failure(str(exc)) from None
    page = render(articles, title)
    _write(output, page)
    findings = sum(len(a.result.findings) for a in articles)
    files = f"{len(articles)} file{'' if len(articles) == 1 else 's'}"
    click.echo(f"medlint: wrote {printable(str(output))} ({files}, {findings} findings)", err=True)


def _check_writable(output: Path) -> None:
    """Before linting: a report that cannot be written should not cost a run."""
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise Failure(f"{printable(str(output))}: cannot write the report (no folder {printable(str(folder))})")
    if output.is_dir():
        raise Failure(f"{printable(str(output))}: cannot write the report (it is a folder)")
    if not os.access(folder, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise Failure(f"{printable(str(output))}: cannot write the report (permission denied)")


def _write(output: Path, page: str) -> None:
    """A temporary file renamed over the target: a reader never sees half a page."""
    try:
        replace_file(output, page.encode("utf-8", "replace"), mode=0o644)
    except OSError as exc:
        raise Failure(f"{printable(str(output))}: cannot write the report ({exc.strerror or exc})") from None
