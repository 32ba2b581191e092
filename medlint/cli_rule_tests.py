"""`medlint test-rules DIR`: run the examples of a user's rule pack."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from .engine.loader import load_rules, pack_files
from .rule_examples import check_examples
from .yamlsource import SourceError


class _Broken(click.ClickException):
    """A pack that cannot be loaded: one line on stderr, exit 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"medlint: {self.format_message()}", err=True)


def _parse_date(_ctx: Any, _param: Any, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-01-31") from None


@click.command("test-rules")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--today", callback=_parse_date, default=None, metavar="DATE",
              help="Date the examples are checked against (YYYY-MM-DD) [default: today].")
def test_rules(folder: Path, today: date | None) -> None:
    """Run the examples of the rule packs in FOLDER: each bad example must be flagged by its
    rule, each good one must not. Exit 0 when all pass, 1 when one fails, 2 for a broken pack."""
    folder = folder.resolve()
    try:
        if not pack_files(folder):
            raise _Broken(f"{folder}: no rule packs (.yaml or .yml files) in this folder")
        rules = [rule for rule in load_rules((str(folder),)).rules
                 if not rule.origin.builtin and Path(rule.origin.path).resolve().is_relative_to(folder)]
        outcomes = list(check_examples(rules, (str(folder),), today))
    except SourceError as exc:
        raise _Broken(str(exc)) from None
    failed = 0
    for outcome in outcomes:
        label = f"{outcome.rule.id} {outcome.kind} {outcome.number}"
        if outcome.passed:
            click.echo(f"PASS {label}")
        else:
            failed += 1
            click.echo(f"FAIL {label} ({outcome.where}): {outcome.problem()}")
    for rule in rules:
        if not rule.examples_bad and not rule.examples_good:
            click.echo(f"NONE {rule.id} ({rule.origin}): no examples to run")
    count = f"{len(rules)} rule{'' if len(rules) == 1 else 's'}"
    click.echo(f"{count}, {len(outcomes)} examples: {len(outcomes) - failed} passed, {failed} failed")
    raise SystemExit(1 if failed else 0)
