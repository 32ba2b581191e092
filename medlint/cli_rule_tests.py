"""`medlint test-rules DIR`: run the examples of a user's rule pack."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .cli_common import Failure, parse_date
from .engine.loader import load_rules, pack_files
from .rule_examples import check_examples
from .yamlsource import SourceError


@click.command("test-rules")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--today", callback=parse_date, default=None, metavar="DATE",
              help="Date the examples are checked against (YYYY-MM-DD) [default: today].")
def test_rules(folder: Path, today: date | None) -> None:
    """Run the examples of the rule packs in FOLDER: each bad example must be flagged by its
    rule, each good one must not. Exit 0 when all pass, 1 when one fails, 2 for a broken pack."""
    folder = folder.resolve()
    try:
        if not pack_files(folder):
            raise Failure(f"{folder}: no rule packs (.yaml or .yml files) in this folder")
        rules = [rule for rule in load_rules((str(folder),)).rules
                 if not rule.origin.builtin and Path(rule.origin.path).resolve().is_relative_to(folder)]
        outcomes = list(check_examples(rules, (str(folder),), today))
    except SourceError as exc:
        raise Failure(str(exc)) from None
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
