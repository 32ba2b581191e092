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
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from medlint.kb.accelerated import read_accelerated_list  # noqa: E402
from medlint.kb.approvals import ApprovalRecord, common_words, lookup_names, normalise, read_index, write_index  # noqa: E402
from medlint.kb.drugsfda import _strip_salts, read_bulk  # noqa: E402

OUTPUT = ROOT / "rules" / "kb" / "approvals.tsv"
CURATED = ROOT / "rules" / "kb" / "approvals-sources.yaml"
DAF = "https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?event=overview.process&ApplNo={}"
_MARKETED = {"prescription": "marketed", "otc": "marketed", "prescription and otc": "marketed",
             "discontinued": "discontinued", "none (tentative approval)": "tentative"}
_USE_LENGTH = 320


def clean_brand(name: str) -> str:
    """'ZANTAC 150' -> 'Zantac'; 'NEXAVAR' -> 'Nexavar'; names FDA writes in capitals get title case."""
    words = []
    for word in name.replace("(", " ( ").split():
        if word == "(" or any(c.isdigit() for c in word) or word.upper() in ("IN", "KIT", "W/", "AND", "PRESERVATIVE"):
            break
        words.append(word)
    text = " ".join(words).strip(" ,;-")
    return text.title() if text.isupper() else text


def build(fda: Path) -> tuple[list[ApprovalRecord], dict[str, str], list[str]]:
    notes: list[str] = []
    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8")) if CURATED.is_file() else {}
    stop = common_words() | {normalise(w) for w in curated.get("not_names") or []}
    bulk = read_bulk(fda / "drugsatfda-2019-07.zip")
    new_uses = _new_use_approvals(fda / "drugsatfda-2019-07.zip")
    records: dict[str, ApprovalRecord] = {}
    for key, record in bulk.records.items():
        apps = [a for a in record.applications if a.startswith(("NDA", "BLA"))]
        if not apps:
            continue
        dated = sorted((bulk.approvals[a[-6:]], a) for a in apps if a[-6:] in bulk.approvals)
        first, app = dated[0] if dated else (None, sorted(apps)[0])
        brands = _brands(record.brands, stop)
        names = _extra_names(key)
        records[key] = ApprovalRecord(
            key=key, name=key, first_approval=date.fromisoformat(first) if first else None,
            status=_MARKETED.get(record.marketing_status, "unknown"), novel=None, center="CDER",
            application=f"{app[:-6]} {app[-6:]}", source=DAF.format(app[-6:]), use="",
            new_uses=sum(new_uses.get(a[-6:], 0) for a in apps), brands=brands, names=names)
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
    _withdrawn_applications(records, bulk, aa, notes)
    _off_market(records, names, notes)
    by_record: dict[str, list[str]] = {}
    brand_names = {normalise(b) for r in bulk.records.values() for b in r.brands}
    for name, key in names.items():
        if name not in brand_names:  # brands are matched with their capital, not as generic names
            by_record.setdefault(key, []).append(name)
    for key, record in records.items():
        own = [] if "(" in key else [key]  # "daclizumab (zinbryta)" is found by its brand
        every = [*own, *record.names, *by_record.get(key, [])]
        records[key] = replace(record, names=lookup_names(every + [_bare(n) for n in every], stop))
    meta = _meta(records, names, aa, bulk, novel)
    return list(records.values()), meta, notes


#: submission classes of a new use: efficacy supplements and new-indication applications
_NEW_USE_CLASSES = {"2", "16", "22", "24", "25"}


def _new_use_approvals(zip_path: Path) -> dict[str, int]:
    """Approved new-use submissions per application ("021923" -> 3), from Submissions.txt."""
    with zipfile.ZipFile(zip_path) as archive:
        text = archive.read("Submissions.txt").decode("cp1252")
    counts: dict[str, int] = {}
    for line in text.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) >= 5 and fields[1] in _NEW_USE_CLASSES and fields[2] == "SUPPL" and fields[4] == "AP":
            appl = fields[0].strip().zfill(6)
            counts[appl] = counts.get(appl, 0) + 1
    return counts


def _brands(raw: tuple[str, ...], stop: frozenset[str]) -> tuple[str, ...]:
    kept = []
    for brand in raw:
        clean = clean_brand(brand)
        if len(clean) > 3 and clean.lower() not in stop:
            kept.append(clean)
    return tuple(dict.fromkeys(kept))


def _extra_names(key: str) -> tuple[str, ...]:
    names = []
    moiety = _strip_salts(key)
    if moiety and moiety != key:
        names.append(moiety)
    return tuple(names)


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
    brands = _brands((row["brand"],), stop)
    confirmed = "third-party" not in row["source"]
    old = records.get(key)
    if old is not None and old.novel is None:
        records[key] = replace(old, novel=day, use=use or old.use, source=_source(row["source"]),
                               application=row["application"] or old.application,
                               brands=tuple(dict.fromkeys(brands + old.brands)))
        return
    if old is not None:  # a second novel approval of one ingredient ("Zinbryta", daclizumab): its own
        # record, found by its brand; the ingredient's name keeps the first approval
        brand_key = f"{key} ({normalise(row['brand'])})"
        records[brand_key] = ApprovalRecord(
            key=brand_key, name=old.name, first_approval=day, status=old.status if confirmed else "unconfirmed",
            novel=day, center="CDER", application=row["application"], source=_source(row["source"]), use=use,
            new_uses=None, brands=brands, names=())
        records[key] = replace(old, brands=tuple(b for b in old.brands if b not in brands))
        return
    extra = [n for n in (_strip_salts(ingredient), _bare(ingredient)) if n and n != ingredient]
    extra += [c.strip() for c in ingredient.replace(" and ", " + ").split(" + ")] if " + " in ingredient else []
    records[key] = ApprovalRecord(
        key=key, name=_bare(ingredient), first_approval=day, status="approved" if confirmed else "unconfirmed",
        novel=day, center="CDER", application=row["application"], source=_source(row["source"]), use=use,
        new_uses=None, brands=brands, names=tuple(dict.fromkeys(extra)))
    for name in (key, *extra):
        names.setdefault(name, key)


def _bare(name: str) -> str:
    """'lecanemab-irmb' -> 'lecanemab'"""
    return re.sub(r"-[a-z]{4}\b", "", name)


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
    if old is not None and old.novel is not None:
        return  # already known from FDA's own files
    others = [normalise(str(n)) for n in entry.get("other_names") or []]
    generic = [] if vaccine else [_bare(ingredient)]
    records[key] = ApprovalRecord(
        key=key, name=f"{brand} ({ingredient})" if vaccine else _bare(ingredient),
        first_approval=min(day, old.first_approval) if old and old.first_approval else day,
        status="approved" if entry.get("confirmed") else "unconfirmed", novel=day, center=center,
        application=str(entry.get("application") or ""), source=str(entry["source"]),
        use=" ".join(str(entry.get("use") or "").split())[:_USE_LENGTH], new_uses=None,
        brands=_brands((brand,), stop) if brand else (),
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


def _withdrawn_applications(records: dict[str, ApprovalRecord], bulk, aa, notes: list[str]) -> None:  # noqa: ANN001
    """An ingredient whose every NDA/BLA the accelerated list shows withdrawn is no longer approved."""
    gone = {r.application.replace(" ", "") for r in aa.withdrawn if r.scope == "application"}
    for key, record in list(records.items()):
        apps = [a for a in bulk.records[key].applications if a.startswith(("NDA", "BLA"))] if key in bulk.records \
            else [record.application.replace(" ", "")]
        if apps and all(a in gone for a in apps) and record.status != "withdrawn":
            records[key] = replace(record, status="withdrawn")
            notes.append(f"withdrawn (accelerated list): {key}")


def _off_market(records: dict[str, ApprovalRecord], names: dict[str, str], notes: list[str]) -> None:
    """Drugs the curated knowledge base records as off the market or withdrawn."""
    kb = ROOT / "rules" / "kb"
    drugs = {d["id"]: d for d in yaml.safe_load((kb / "drugs.yaml").read_text(encoding="utf-8"))["drugs"]}
    for item in yaml.safe_load((kb / "market.yaml").read_text(encoding="utf-8"))["market"]:
        last = item["events"][-1]
        if last["type"] not in ("withdrawn", "market-withdrawal", "discontinued", "eua-revoked", "license-suspended") or not last.get("confirmed"):
            continue
        drug = drugs.get(item["drug"], {})
        for name in [drug.get("generic", ""), *drug.get("aliases", []), *drug.get("brands", [])]:
            key = names.get(normalise(name))
            if key and records[key].status != "withdrawn":
                records[key] = replace(records[key], status="withdrawn")
                notes.append(f"withdrawn (market.yaml {item['id']}): {key}")


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
