"""Build the approval index (rules/kb/approvals.tsv) from FDA's files and the curated additions.

    python scripts/build_approval_index.py [--fda ../shared/data/fda] [--check]

Reads, from the --fda folder (see its README.md):
  drugsatfda-2019-07.zip                 Drugs@FDA: every NDA/BLA ingredient, brands, first approval, status
  novel-approvals.csv                    CDER novel approvals 1985-2026 (FDA's compilation + 2025/2026 lists)
  cder-nme-compilation-1985-2024.csv     FDA's compilation, for each novel approval's first use
  cder-accelerated-approvals-2024-03-31.txt   coverage figures, withdrawn applications
and from the repository:
  rules/kb/approvals-sources.yaml        CBER vaccines and cell and gene therapies, checks of the
                                         2025 rows, CDER approvals after the files' end; each with a source
  rules/kb/market.yaml, drugs.yaml       drugs the curated knowledge base knows were taken off the market

--check rebuilds in memory and fails when the committed file differs (for CI with ../shared).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from medlint.claims.kb import load_kb  # noqa: E402
from medlint.kb.accelerated import read_accelerated_list  # noqa: E402
from medlint.kb.approvals import ApprovalRecord, common_words, normalise, read_index, write_index  # noqa: E402
from medlint.kb.drugsfda import _strip_salts, read_bulk  # noqa: E402
from medlint.kb.index_sources import (  # noqa: E402
    bare,
    brands,
    drugsfda_records,
    new_use_approvals,
    with_lookup_names,
    withdrawn_applications,
)

OUTPUT = ROOT / "rules" / "kb" / "approvals.tsv"
CURATED = ROOT / "rules" / "kb" / "approvals-sources.yaml"
_USE_LENGTH = 320


def build(fda: Path) -> tuple[list[ApprovalRecord], dict[str, str], list[str]]:
    notes: list[str] = []
    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8")) if CURATED.is_file() else {}
    stop = common_words() | {normalise(w) for w in curated.get("not_names") or []}
    zip_path = fda / "drugsatfda-2019-07.zip"
    bulk = read_bulk(zip_path)
    records = drugsfda_records(bulk, new_use_approvals(zip_path), stop)
    names = {n: k for n, k in bulk.names.items() if k in records}
    uses = _compilation_uses(fda / "cder-nme-compilation-1985-2024.csv")
    novel = 0
    with (fda / "novel-approvals.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            novel += 1
            _add_novel(records, names, row, uses, stop)
    _apply_checks(records, curated.get("checked_2025") or [], notes)
    for entry in curated.get("cder_after_files") or []:
        _add_curated(records, names, entry, "CDER", stop)
    for entry in curated.get("cber") or []:
        _add_curated(records, names, entry, "CBER", stop)
    _removed(records, curated.get("cber_removed") or [], notes)
    aa = read_accelerated_list(fda / "cder-accelerated-approvals-2024-03-31.txt")
    notes += [f"withdrawn (accelerated list): {key}" for key in withdrawn_applications(records, bulk, aa)]
    _off_market(records, names, notes)
    with_lookup_names(records, names, bulk, stop)
    meta = _meta(records, names, aa, bulk, novel)
    return list(records.values()), meta, notes


def _compilation_uses(path: Path) -> dict[tuple[str, str], str]:
    uses = {}
    with path.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            month, day, year = (int(x) for x in row["FDA Approval Date"].split("/"))
            use = " ".join((row["Abbreviated Indication(s)"] or row["Approved Use(s)"]).split())
            uses[(normalise(row["Proprietary  Name"]), date(year, month, day).isoformat())] = use[:_USE_LENGTH]
    return uses


def _source(text: str) -> str:
    """The first web address of a source note."""
    found = re.search(r"https?://\S+", text)
    return found.group().rstrip(").,") if found else ""


def _add_novel(records: dict[str, ApprovalRecord], names: dict[str, str], row: dict[str, str],
               uses: dict[tuple[str, str], str], stop: frozenset[str]) -> None:
    ingredient = normalise(row["active_ingredient"])
    day = date.fromisoformat(row["approval_date"])
    key = names.get(ingredient) or names.get(_strip_salts(ingredient)) or ingredient
    use = uses.get((normalise(row["brand"]), row["approval_date"]), "")
    new_brands = brands((row["brand"],), stop)
    confirmed = "third-party" not in row["source"]
    old = records.get(key)
    if old is not None and old.novel is None:
        records[key] = replace(old, novel=day, use=use or old.use, source=_source(row["source"]),
                               application=row["application"] or old.application,
                               brands=tuple(dict.fromkeys(new_brands + old.brands)),
                               names=tuple(dict.fromkeys((*old.names, ingredient))))
        return
    if old is not None:  # a second novel approval of one ingredient ("Zinbryta", daclizumab): its own
        # record, found by its brand; the ingredient's name keeps the first approval
        brand_key = f"{key} ({normalise(row['brand'])})"
        records[brand_key] = ApprovalRecord(
            key=brand_key, name=old.name, first_approval=day, status=old.status if confirmed else "unconfirmed",
            novel=day, center="CDER", application=row["application"], source=_source(row["source"]), use=use,
            new_uses=None, brands=new_brands, names=())
        records[key] = replace(old, brands=tuple(b for b in old.brands if b not in new_brands))
        return
    extra = [n for n in (_strip_salts(ingredient), bare(ingredient)) if n and n != ingredient]
    extra += [c.strip() for c in ingredient.replace(" and ", " + ").split(" + ")] if " + " in ingredient else []
    records[key] = ApprovalRecord(
        key=key, name=bare(ingredient), first_approval=day, status="approved" if confirmed else "unconfirmed",
        novel=day, center="CDER", application=row["application"], source=_source(row["source"]), use=use,
        new_uses=None, brands=new_brands, names=tuple(dict.fromkeys(extra)))
    for name in (key, *extra):
        names.setdefault(name, key)


def _apply_checks(records: dict[str, ApprovalRecord], checks: list[dict], notes: list[str]) -> None:
    """The 2025 rows came from a transcription: rows checked against FDA's pages become
    'approved' with that source; a correction replaces the date."""
    by_brand = {b.lower(): r for r in records.values() for b in r.brands if r.novel and r.novel.year >= 2025}
    for check in checks:
        record = by_brand.get(str(check.get("brand", "")).lower())
        if record is None:
            notes.append(f"checked_2025: no 2025 record for {check.get('brand')!r}")
            continue
        if check.get("status") not in ("ok", "corrected"):
            continue
        day = date.fromisoformat(str(check["date"]))
        records[record.key] = replace(record, status="approved" if record.status == "unconfirmed" else record.status,
                                      novel=day, first_approval=min(day, record.first_approval or day),
                                      source=check["source"])


def _add_curated(records: dict[str, ApprovalRecord], names: dict[str, str], entry: dict, center: str,
                 stop: frozenset[str]) -> None:
    """A curated CDER approval, or a CBER product. A vaccine is found by its brand and its own
    names only: "RSV vaccine" names several products approved at different dates."""
    ingredient = normalise(str(entry["ingredient"]))
    day = date.fromisoformat(str(entry["date"]))
    brand = str(entry.get("brand") or "")
    vaccine = entry.get("kind") == "vaccine"
    key = normalise(f"{brand} ({ingredient})") if vaccine else names.get(ingredient) or ingredient
    old = records.get(key)
    if old is not None and old.novel is not None and center == "CBER" and old.center == "CBER":
        key = normalise(f"{brand} ({ingredient})")  # another licence of the same kind ("HPC, Cord Blood")
        old, vaccine = None, True  # found by its brand
    elif old is not None and old.novel is not None:
        return  # already known from FDA's own files
    others = [normalise(str(n)) for n in entry.get("other_names") or []]
    generic = [] if vaccine else [bare(ingredient)]
    records[key] = ApprovalRecord(
        key=key, name=f"{brand} ({ingredient})" if vaccine else bare(ingredient),
        first_approval=min(day, old.first_approval) if old and old.first_approval else day,
        status="approved" if entry.get("confirmed") else "unconfirmed", novel=day, center=center,
        application=str(entry.get("application") or ""), source=str(entry["source"]),
        use=" ".join(str(entry.get("use") or "").split())[:_USE_LENGTH], new_uses=None,
        brands=(brand,) if len(brand) > 3 and normalise(brand) not in stop else (),  # as written: "Prevnar 20"
        names=tuple(dict.fromkeys(n for n in (*generic, *others) if n != key)))
    for name in (key, *records[key].names):
        names.setdefault(name, key)


def _removed(records: dict[str, ApprovalRecord], entries: list[dict], notes: list[str]) -> None:
    by_brand = {b.lower(): k for k, r in records.items() for b in r.brands}
    for entry in entries:
        key = by_brand.get(str(entry.get("brand", "")).lower())
        if key is not None and entry.get("type") != "proposal":
            records[key] = replace(records[key], status="withdrawn")
            notes.append(f"withdrawn (approvals-sources.yaml): {key}")


def _off_market(records: dict[str, ApprovalRecord], names: dict[str, str], notes: list[str]) -> None:
    """Drugs the curated knowledge base records as off the market or withdrawn (confirmed)."""
    kb = load_kb()
    brand_of = {normalise(b): k for k, r in records.items() for b in r.brands}  # "Zinbryta" has its own record
    for record in kb.market.values():
        if record.off_market is None:
            continue
        for name in kb.drugs[record.drug].names:
            for key in {names.get(normalise(name)), brand_of.get(normalise(name))} - {None}:
                if records[key].status == "withdrawn":
                    continue
                records[key] = replace(records[key], status="withdrawn")
                notes.append(f"withdrawn (market.yaml {record.id}): {key}")


def _meta(records, names, aa, bulk, novel_rows: int) -> dict[str, str]:  # noqa: ANN001
    per_year = Counter(r.novel.year for r in records.values() if r.novel and r.center == "CDER")
    lookup = {normalise(n) for r in records.values() for n in (r.key, *r.names, *r.brands)}
    covered = sum(1 for row in aa.rows if normalise(row.brand) in lookup or normalise(row.established) in lookup
                  or any(normalise(row.established) in n for n in (normalise(row.brand),)))
    newest = max(r.novel for r in records.values() if r.novel and r.status in ("approved", "marketed"))
    full_years = [year for year, count in per_year.items() if count >= 20]  # a year FDA's list covers whole
    return {
        "as_of": newest.isoformat(),
        "complete_through": f"{max(full_years)}-12-31",
        "built": date.today().isoformat(),
        "sources": "Drugs@FDA bulk file 2019-07 (CC0); FDA compilation of CDER NME and new biologic approvals "
                   "1985-2024 (https://www.fda.gov/media/177921/download); FDA novel drug approvals 2025-2026; "
                   "rules/kb/approvals-sources.yaml (CBER products, later CDER approvals), each row's own source",
        "drugsfda_as_of": bulk.newest or "",
        "novel_rows": str(novel_rows),
        "cder_novel_per_year": ",".join(f"{y}:{n}" for y, n in sorted(per_year.items())),
        "cber_products": str(sum(r.center == "CBER" for r in records.values())),
        "accelerated_list": f"{aa.as_of.isoformat()} rows={len(aa.rows)} withdrawn={len(aa.withdrawn)} "
                            f"with_drug_in_index={covered}",
        "accelerated_withdrawn": ";".join(f"{r.application}|{r.brand}|{r.approved}|{r.status_date or ''}|{r.scope}"
                                          for r in aa.withdrawn),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fda", type=Path, default=ROOT.parent / "shared" / "data" / "fda")
    parser.add_argument("--check", action="store_true", help="fail if the committed index differs")
    parser.add_argument("-v", "--verbose", action="store_true", help="print what the build decided")
    args = parser.parse_args()
    records, meta, notes = build(args.fda)
    if args.verbose:
        print("\n".join(notes))
    if args.check:
        committed = read_index(OUTPUT)
        meta_now = {k: v for k, v in meta.items() if k != "built"}
        same = {r.key: r for r in records} == committed.records and all(
            committed.meta.get(k) == v for k, v in meta_now.items())
        print("approval index is up to date" if same else "approval index differs: run scripts/build_approval_index.py")
        return 0 if same else 1
    write_index(OUTPUT, records, meta)
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(records)} records, as of {meta['as_of']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
