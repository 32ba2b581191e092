"""What every `medlint` subcommand module shares: exit codes and the one-line failure."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class Failure(click.ClickException):
    """A usage, config or rule-file problem: one line on stderr, exit 2."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"medlint: {self.format_message()}", err=True)


def parse_date(_ctx: Any, _param: Any, value: str | None) -> date | None:
    """Click callback of the --today options."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-01-31") from None
