"""`medlint kb`: knowledge base information and importers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from .cli_common import Failure
from .yamlsource import SourceError


def _kb() -> Any:
    from .claims.kb import load_kb

    try:
        return load_kb()
    except SourceError as exc:
        raise Failure(str(exc)) from None


@click.group()
def kb() -> None:
    """The regulatory knowledge base behind the claim checks."""


@kb.command("info")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--coverage", is_flag=True, help="Also what the approval index covers: ingredients, novel "
              "approvals per year since 2010, rows of the CDER accelerated-approvals list.")
def info(output_format: str, coverage: bool) -> None:
    """Version, as-of dates and size of the knowledge base and the approval index."""
    from .claims.kb import kb_dir
    from .kb.approvals import builtin_path, overlay_path, read_index  # here: a check needs none of them

    data = _kb().info()
    data["path"] = str(kb_dir())
    index = _index()
    data["approval_index"] = {
        "as_of": index.as_of.isoformat(), "complete_through": index.meta.get("complete_through", ""),
        "records": len(index.records), "path": str(builtin_path()),
        "overlay": {"as_of": index.overlay_as_of.isoformat(), "path": str(index.overlay_path),
                    "sources": read_index(index.overlay_path).meta.get("sources", "")} if index.overlay_path else None}
    if coverage:
        data["coverage"] = _coverage(index)
    if output_format == "json":
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"medlint knowledge base {data['version']} (as of {data['as_of']})")
    for key in ("drugs", "conditions", "indications", "events", "market_records", "guidelines"):
        click.echo(f"  {key.replace('_', ' ')}: {data[key]}")
    click.echo(f"  files: {data['path']}")
    approvals = data["approval_index"]
    click.echo(f"approval index: {approvals['records']} products, as of {approvals['as_of']} "
               f"(CDER novel approvals complete through {approvals['complete_through']})")
    overlay = approvals["overlay"]
    if overlay:
        click.echo(f"  your update: as of {overlay['as_of']}, from {overlay['sources']} ({overlay['path']})")
    else:
        click.echo(f"  your update: none (run `medlint kb update FILE...`; it would be written to {overlay_path()})")
    if coverage:
        cover = data["coverage"]
        click.echo("coverage:")
        click.echo(f"  ingredients and products known: {cover['products']} ({cover['cber_products']} from CBER), "
                   f"{cover['brands']} brand names")
        click.echo("  CDER novel approvals per year: " + ", ".join(f"{y} {n}" for y, n in cover["novel_per_year"].items()))
        click.echo(f"  CDER accelerated-approvals list: {cover['accelerated_list']}")


def _index() -> Any:
    from .kb.approvals import ApprovalIndexError, load_index

    try:
        return load_index()
    except ApprovalIndexError as exc:
        raise Failure(str(exc)) from None


def _coverage(index: Any) -> dict[str, Any]:
    per_year = {year: count for year, count in index.novel_per_year().items() if year >= 2010}
    return {"products": len(index.records), "cber_products": sum(r.center == "CBER" for r in index.records.values()),
            "brands": len({b.lower() for r in index.records.values() for b in r.brands}),
            "novel_per_year": per_year, "accelerated_list": index.meta.get("accelerated_list", "")}


@kb.command("update")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="Where to write the overlay [default: the user cache folder].")
def update(files: tuple[Path, ...], output: Path | None) -> None:
    """Update the approval index from official FDA files you downloaded.

    FILES: the Drugs@FDA bulk download (drugsatfda.zip) and/or the CDER accelerated-approvals
    list as text (pdftotext -layout of FDA's PDF). medlint never goes to the network.
    """
    from .kb.update import UpdateError, update_overlay

    try:
        report = update_overlay(list(files), output)
    except UpdateError as exc:
        raise Failure(str(exc)) from None
    load_index_cache_clear()
    click.echo(f"read {', '.join(report.sources)} (data as of {report.as_of.isoformat()})")
    _listed("new approvals", [f"{r.label()} ({r.first_approval})" for r in report.new_approvals])
    _listed("new brand names", [f"{r.name}: {', '.join(r.brands)}" for r in report.new_brands])
    _listed("no longer marketed", [r.label() for r in report.no_longer_marketed])
    _listed("new withdrawals on the accelerated-approvals list", report.new_withdrawals)
    _listed("products now withdrawn", [r.label() for r in report.withdrawn_products])
    for note in report.notes:
        click.echo(f"note: {note}")
    click.echo(f"wrote {report.path}: {report.records} changed or new products, as of {report.as_of.isoformat()}")


def _listed(title: str, items: list[str], shown: int = 10) -> None:
    click.echo(f"{title}: {len(items)}")
    for item in items[:shown]:
        click.echo(f"  {item}")
    if len(items) > shown:
        click.echo(f"  ... and {len(items) - shown} more")


def load_index_cache_clear() -> None:
    from .kb.approvals import load_index

    load_index.cache_clear()


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


def _kb_version() -> dict[str, str]:
    """The knowledge base's version and as-of date. From its meta.yaml alone when that is sound:
    a check whose claim rules ran elsewhere (worker processes, the result cache) need not load
    the rest to write its JSON report; anything odd, from the full reader and its messages."""
    from .claims.kb import kb_dir, load_kb
    from .yamlsource import read_yaml_file

    if not load_kb.cache_info().currsize:
        try:
            meta = read_yaml_file(kb_dir() / "meta.yaml")
            version, as_of = meta.get("version"), meta.get("as_of")
            if isinstance(version, str) and version.strip():
                day = as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of))
                return {"version": version, "as_of": day.isoformat()}
        except (SourceError, AttributeError, TypeError, ValueError):
            pass
    return _kb().info()


def kb_json() -> dict[str, Any]:
    from .kb.approvals import effective_as_of

    kb_data = _kb_version()
    builtin, overlay = effective_as_of()
    return {"knowledge_base": {"version": kb_data["version"], "as_of": kb_data["as_of"],
                               "approval_index_as_of": builtin.isoformat() if builtin else None,
                               "update_as_of": overlay.isoformat() if overlay else None}}


#: how old the approval data may be before each run says so
STALE_AFTER_DAYS = 180


def kb_age_notice(today: date) -> str | None:
    """One line when the approval data (the built-in index, or the user's update if newer) is
    more than STALE_AFTER_DAYS old; reads only the files' headers."""
    from .kb.approvals import effective_as_of

    builtin, overlay = effective_as_of()
    newest = max(d for d in (builtin, overlay) if d) if builtin or overlay else None
    if newest is None or (today - newest).days <= STALE_AFTER_DAYS:
        return None
    return (f"the approval data is from {newest.isoformat()}, {(today - newest).days} days before {today.isoformat()}: "
            "approvals and withdrawals since then are unknown to medlint; download FDA's Drugs@FDA file and run "
            "`medlint kb update drugsatfda.zip` (see README, 'Keeping the knowledge base current')")

