"""Approval-index records from FDA's own files: the Drugs@FDA bulk zip and the CDER list of
accelerated approvals. Shared by the build script (rules/kb/approvals.tsv) and ``medlint kb update``
(the user's overlay), so both read the files the same way."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from .accelerated import AcceleratedList
from .approvals import ApprovalRecord, lookup_names, normalise
from .drugsfda import BulkData, DrugsFDAImportError, _strip_salts

DAF = "https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?event=overview.process&ApplNo={}"
_STATUS = {"prescription": "marketed", "otc": "marketed", "prescription and otc": "marketed",
           "discontinued": "discontinued", "none (tentative approval)": "tentative"}
#: submission classes of a new use or population: efficacy supplements, new-indication applications
_NEW_USE_CLASSES = {"2", "16", "22", "24", "25"}


def clean_brand(name: str) -> str:
    """'ZANTAC 150' -> 'Zantac'; 'NEXAVAR' -> 'Nexavar'; names FDA writes in capitals get title case."""
    words = []
    for word in name.replace("(", " ( ").split():
        if word == "(" or any(c.isdigit() for c in word) or word.upper() in ("IN", "KIT", "W/", "AND", "PRESERVATIVE"):
            break
        words.append(word)
    text = " ".join(words).strip(" ,;-")
    return text.title() if text.isupper() else text


def brands(raw: tuple[str, ...], stop: frozenset[str]) -> tuple[str, ...]:
    kept = []
    for brand in raw:
        clean = clean_brand(brand)
        if len(clean) > 3 and clean.lower() not in stop:
            kept.append(clean)
    return tuple(dict.fromkeys(kept))


def bare(name: str) -> str:
    """'lecanemab-irmb' -> 'lecanemab'"""
    return re.sub(r"-[a-z]{4}\b", "", name)


def new_use_approvals(zip_path: Path) -> dict[str, int]:
    """Approved efficacy supplements per application ("021923" -> 3), from Submissions.txt."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            text = archive.read("Submissions.txt").decode("cp1252")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise DrugsFDAImportError(f"{zip_path}: cannot read Submissions.txt ({exc})") from None
    counts: dict[str, int] = {}
    for line in text.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) >= 5 and fields[1] in _NEW_USE_CLASSES and fields[2] == "SUPPL" and fields[4] == "AP":
            appl = fields[0].strip().zfill(6)
            counts[appl] = counts.get(appl, 0) + 1
    return counts


def drugsfda_records(bulk: BulkData, new_uses: dict[str, int], stop: frozenset[str]) -> dict[str, ApprovalRecord]:
    """One record per ingredient with an NDA or BLA: its earliest approval, status, brands and names."""
    records: dict[str, ApprovalRecord] = {}
    for key, record in bulk.records.items():
        apps = [a for a in record.applications if a.startswith(("NDA", "BLA"))]
        if not apps:
            continue
        dated = sorted((bulk.approvals[a[-6:]], a) for a in apps if a[-6:] in bulk.approvals)
        first, app = dated[0] if dated else (None, sorted(apps)[0])
        moiety = _strip_salts(key)
        records[key] = ApprovalRecord(
            key=key, name=key, first_approval=date.fromisoformat(first) if first else None,
            status=_STATUS.get(record.marketing_status, "unknown"), novel=None, center="CDER",
            application=f"{app[:-6]} {app[-6:]}", source=DAF.format(app[-6:]), use="",
            new_uses=sum(new_uses.get(a[-6:], 0) for a in apps), brands=brands(record.brands, stop),
            names=(moiety,) if moiety and moiety != key else ())
    return records


def with_lookup_names(records: dict[str, ApprovalRecord], names: dict[str, str], bulk: BulkData | None,
                      stop: frozenset[str]) -> None:
    """Give every record its lookup names: its key (unless it is a brand's own record), the
    names that point at it, and each without a biologic suffix; never a brand (brands are
    matched with their capital) or a common word."""
    by_record: dict[str, list[str]] = {}
    brand_names = {normalise(b) for r in bulk.records.values() for b in r.brands} if bulk else set()
    for name, key in names.items():
        if name not in brand_names:
            by_record.setdefault(key, []).append(name)
    for key, record in records.items():
        own = [] if "(" in key else [key]  # "daclizumab (zinbryta)" is found by its brand
        every = [*own, *record.names, *by_record.get(key, [])]
        records[key] = replace(record, names=lookup_names(every + [bare(n) for n in every], stop))


def withdrawn_applications(records: dict[str, ApprovalRecord], bulk: BulkData | None,
                           aa: AcceleratedList) -> list[str]:
    """Records whose every NDA/BLA the accelerated list shows withdrawn become 'withdrawn'."""
    gone = {r.application.replace(" ", "") for r in aa.withdrawn if r.scope == "application"}
    changed = []
    for key, record in list(records.items()):
        if bulk is not None and key in bulk.records:
            apps = [a for a in bulk.records[key].applications if a.startswith(("NDA", "BLA"))]
        else:
            apps = [record.application.replace(" ", "")] if record.application else []
        if apps and all(a in gone for a in apps) and record.status != "withdrawn":
            records[key] = replace(record, status="withdrawn")
            changed.append(key)
    return changed
