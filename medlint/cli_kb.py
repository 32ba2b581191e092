"""`medlint kb`: knowledge base information and importers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .cli import JSON_EXTRAS, Failure, main
from .yamlsource import SourceError


def _kb() -> Any:
    from .claims.kb import load_kb

    try:
        return load_kb()
    except SourceError as exc:
        raise Failure(str(exc)) from None


@main.group()
def kb() -> None:
    """The regulatory knowledge base behind the claim checks."""


@kb.command("info")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info(output_format: str) -> None:
    """Version, as-of date and size of the built-in knowledge base."""
    from .claims.kb import kb_dir

    data = _kb().info()
    data["path"] = str(kb_dir())
    if output_format == "json":
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"medlint knowledge base {data['version']} (as of {data['as_of']})")
    for key in ("drugs", "conditions", "indications", "events", "market_records", "guidelines"):
        click.echo(f"  {key.replace('_', ' ')}: {data[key]}")
    click.echo(f"  files: {data['path']}")


@kb.group("import")
def import_() -> None:
    """Import official data into a local lexicon."""


@import_.command("drugsfda")
@click.argument("zip_path", type=click.Path(path_type=Path))
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="Where to write the lexicon [default: the user cache folder].")
def drugsfda(zip_path: Path, output: Path | None) -> None:
    """Read the Drugs@FDA bulk download (drugsatfda.zip) into a drug-name lexicon."""
    from .kb.drugsfda import DrugsFDAImportError, import_drugsfda

    try:
        stats = import_drugsfda(zip_path, output)
    except DrugsFDAImportError as exc:
        raise Failure(str(exc)) from None
    click.echo(f"imported {stats.applications} applications, {stats.products} products, "
               f"{stats.ingredients} ingredients, {stats.brands} brand names "
               f"in {stats.seconds:.1f} s (peak memory {stats.peak_memory_kb / 1024:.0f} MB)")
    if stats.skipped_rows:
        click.echo(f"skipped {stats.skipped_rows} malformed rows")
    click.echo(f"wrote {stats.output}")
    click.echo(f"to use it, add to .medlint.yaml:  drug-lexicon: {stats.output}")


def _kb_json() -> dict[str, Any]:
    kb_data = _kb().info()
    return {"knowledge_base": {"version": kb_data["version"], "as_of": kb_data["as_of"]}}


JSON_EXTRAS.append(_kb_json)
