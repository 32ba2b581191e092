"""``medlint kb update``: a user overlay of the approval index, from official files the user fetched.

medlint never downloads anything. The user fetches FDA's files and passes them here:

* the Drugs@FDA bulk download (``drugsatfda.zip``): new NDA/BLA ingredients and brands, first
  approval dates, and products no longer marketed;
* the CDER list of accelerated approvals, as text (``pdftotext -layout`` of FDA's PDF): new
  withdrawals.

The overlay holds only what differs from the built-in index. It is written atomically, after
every file has been read and checked, so a bad file leaves the previous overlay in place.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import yaml

from ..resources import builtin_rules_dir
from .accelerated import AcceleratedList, AcceleratedListError, read_accelerated_list
from .approvals import (
    ApprovalIndex,
    ApprovalIndexError,
    ApprovalRecord,
    builtin_path,
    common_words,
    normalise,
    overlay_path,
    read_index,
    write_index,
)
from .drugsfda import BulkData, DrugsFDAImportError, read_bulk
from .index_sources import drugsfda_records, new_use_approvals, with_lookup_names, withdrawn_applications


class UpdateError(Exception):
    """A file kb update cannot use; str() names the file and what is wrong."""


@dataclass
class UpdateReport:
    path: Path
    as_of: date
    sources: list[str]
    new_approvals: list[ApprovalRecord] = field(default_factory=list)
    new_brands: list[ApprovalRecord] = field(default_factory=list)
    no_longer_marketed: list[ApprovalRecord] = field(default_factory=list)
    new_withdrawals: list[str] = field(default_factory=list)
    withdrawn_products: list[ApprovalRecord] = field(default_factory=list)
    records: int = 0
    notes: list[str] = field(default_factory=list)


def update_overlay(files: list[Path], target: Path | None = None, today: date | None = None) -> UpdateReport:
    if not files:
        raise UpdateError("give at least one file: the Drugs@FDA zip or the accelerated-approvals list text")
    target = target or overlay_path()
    try:
        base = read_index(builtin_path())
    except ApprovalIndexError as exc:
        raise UpdateError(str(exc)) from None
    bulk, aa = _read_files(files)
    stop = common_words() | _not_names()
    changed: dict[str, ApprovalRecord] = {}
    report = UpdateReport(target, date.min, [p.name for p in files])
    if bulk is not None:
        zip_path = next(p for p in files if zipfile.is_zipfile(p))
        _from_drugsfda(base, bulk, new_use_approvals(zip_path), stop, changed, report)
        report.as_of = max(report.as_of, date.fromisoformat(bulk.newest)) if bulk.newest else report.as_of
        builtin_daf = base.meta.get("drugsfda_as_of", "")
        if bulk.newest and builtin_daf and bulk.newest < builtin_daf:
            report.notes.append(f"this Drugs@FDA file ({bulk.newest}) is older than the built-in data ({builtin_daf})")
    if aa is not None:
        _from_accelerated(base, aa, bulk, changed, report)
        report.as_of = max(report.as_of, aa.as_of)
    meta = {"as_of": report.as_of.isoformat(), "built": (today or date.today()).isoformat(),
            "sources": "; ".join(report.sources), "base_as_of": base.as_of.isoformat()}
    try:
        write_index(target, list(changed.values()), meta)
    except (OSError, ValueError) as exc:
        raise UpdateError(f"{target}: cannot write the overlay ({exc})") from None
    report.records = len(changed)
    return report


def _read_files(files: list[Path]) -> tuple[BulkData | None, AcceleratedList | None]:
    bulk = aa = None
    for path in files:
        if not path.is_file():
            raise UpdateError(f"{path}: no such file")
        head = path.open("rb").read(8)
        if head.startswith(b"%PDF"):
            raise UpdateError(f"{path}: a PDF; convert FDA's accelerated-approvals list to text first "
                              f"(`pdftotext -layout {path.name}`) and pass the .txt")
        if zipfile.is_zipfile(path):
            if bulk is not None:
                raise UpdateError(f"{path}: a second zip; pass one Drugs@FDA download")
            try:
                bulk = read_bulk(path)
            except DrugsFDAImportError as exc:
                raise UpdateError(str(exc)) from None
            continue
        try:
            found = read_accelerated_list(path)
        except AcceleratedListError as exc:
            raise UpdateError(f"{exc} (kb update reads the Drugs@FDA zip and the CDER accelerated-approvals "
                              "list; the Purple Book is not supported)") from None
        if aa is not None:
            raise UpdateError(f"{path}: a second accelerated-approvals list; pass the newest only")
        aa = found
    return bulk, aa


def _not_names() -> frozenset[str]:
    path = builtin_rules_dir() / "kb" / "approvals-sources.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return frozenset()
    return frozenset(normalise(str(w)) for w in data.get("not_names") or [])


def _existing(base: ApprovalIndex, record: ApprovalRecord) -> ApprovalRecord | None:
    if record.key in base.records:
        return base.records[record.key]
    for name in record.names:
        found = base.lookup(name)
        if found is not None and not found[1]:
            return found[0]
    return None


def _from_drugsfda(base: ApprovalIndex, bulk: BulkData, new_uses: dict[str, int], stop: frozenset[str],
                   changed: dict[str, ApprovalRecord], report: UpdateReport) -> None:
    records = drugsfda_records(bulk, new_uses, stop)
    names = {n: k for n, k in bulk.names.items() if k in records}
    with_lookup_names(records, names, bulk, stop)
    for key, record in sorted(records.items()):
        old = _existing(base, record)
        if old is None:
            if record.first_approval is not None and record.status != "tentative":
                changed[key] = record
                report.new_approvals.append(record)
            continue
        update = old
        if old.status in ("marketed", "approved", "unconfirmed") and record.status == "discontinued":
            update = replace(update, status="discontinued")
            report.no_longer_marketed.append(update)
        elif old.status in ("unconfirmed", "unknown") and record.status == "marketed":
            update = replace(update, status="marketed")
        added = tuple(b for b in record.brands if normalise(b) not in {normalise(x) for x in old.brands}
                      and base.lookup(b) is None)
        if added:
            update = replace(update, brands=old.brands + added)
            report.new_brands.append(update)
        if record.new_uses is not None and record.new_uses != old.new_uses:
            update = replace(update, new_uses=max(record.new_uses, old.new_uses or 0))
        if update != old:
            changed[old.key] = update


def _from_accelerated(base: ApprovalIndex, aa: AcceleratedList, bulk: BulkData | None,
                      changed: dict[str, ApprovalRecord], report: UpdateReport) -> None:
    known = {tuple(item.split("|")[:4]) for item in base.meta.get("accelerated_withdrawn", "").split(";") if item}
    for row in aa.withdrawn:
        if (row.application, row.brand, str(row.approved), str(row.status_date or "")) not in known:
            when = row.status_date.isoformat() if row.status_date else "date not given"
            report.new_withdrawals.append(f"{row.brand.title()} ({row.established.lower()}), {row.application}: "
                                          f"{row.scope or 'approval'} withdrawn {when}")
    if bulk is None:  # which applications a product has is in Drugs@FDA, not in this list
        report.notes.append("pass the Drugs@FDA zip as well to mark products whose every application was withdrawn")
        return
    pool = {**base.records, **changed}
    marked = withdrawn_applications(pool, bulk, aa)
    for key in marked:
        changed[key] = pool[key]
        report.withdrawn_products.append(pool[key])
