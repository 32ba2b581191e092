"""Import the FDA's Drugs@FDA bulk download into a drug-name lexicon.

The bulk file (checked against drugsatfda-2019-07.zip) is a zip of tab-separated tables with one
header row, CRLF line ends and no quoting: a ``"`` is literal data (doubled as ``""`` in a few
drug names). Five tables are read:

* ``Applications.txt``: ApplNo, ApplType (NDA, ANDA or BLA), ApplPublicNotes, SponsorName.
* ``Products.txt``: ApplNo, ProductNo, Form, Strength, ReferenceDrug, DrugName,
  ActiveIngredient, ReferenceStandard.
* ``Submissions.txt``: ApplNo, SubmissionClassCodeID, SubmissionType (ORIG or SUPPL),
  SubmissionNo, SubmissionStatus (AP or TA), SubmissionStatusDate ("YYYY-MM-DD 00:00:00"),
  SubmissionsPublicNotes, ReviewPriority.
* ``MarketingStatus.txt``: MarketingStatusID, ApplNo, ProductNo.
* ``MarketingStatus_Lookup.txt``: MarketingStatusID, MarketingStatusDescription.

What goes into the lexicon:

* One record per active ingredient, lowercased. A combination product ("A; B") is its own
  ingredient (components sorted, "; "-joined); each component is also a lookup name.
* Brand names come from NDA and BLA products only. ANDA (generic) products are mostly named after
  their ingredient, so they add their ingredient, application, approval date and marketing
  status, but no brand. A "brand" that equals an ingredient name is not kept as a brand.
* ``first_approval`` is the earliest original (ORIG) submission with status AP over all of the
  ingredient's applications; dates before the 1938 FD&C Act (the file uses 1900-01-01 as a
  placeholder) and empty dates are ignored.
* ``marketing_status`` covers all the ingredient's products: "prescription", "otc" or
  "prescription and otc" if any product is marketed, else "none (tentative approval)", and
  "discontinued" only when every product is discontinued ("unknown" if no product has a status).
* A bare moiety name (salt words stripped, e.g. "sorafenib") resolves to the earliest-approved
  ingredient carrying that moiety, which may be a salt ("sorafenib tosylate") rather than a later
  application filed under the bare name.

Rows with the wrong number of fields are skipped and counted; a table with more than 1% such rows
is refused. Extra trailing empty fields (three Products rows in 2019-07 end with a stray tab) are
tolerated.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from ..resources import user_cache_dir
from ..writeback import replace_file

LEXICON_FILE_NAME = "drugsfda-lexicon.json"
LEXICON_FORMAT = "medlint-drugsfda-lexicon"
LEXICON_VERSION = 1

# Tables are tried as UTF-8 first. In drugsatfda-2019-07.zip every table is ASCII except
# Submissions.txt, which is cp1252 (0x92 and 0x96 in SubmissionsPublicNotes); latin-1 is the
# last resort because it decodes any byte.
_ENCODINGS = ("utf-8", "cp1252", "latin-1")
_MAX_MALFORMED_FRACTION = 0.01
_BRAND_APPLICATION_TYPES = frozenset({"NDA", "BLA"})
_EARLIEST_DAY = "1938-06-25"  # Federal Food, Drug, and Cosmetic Act
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NO_DATE = "9999-12-31"

_STATUS_LABELS = {
    "prescription": "prescription",
    "over-the-counter": "otc",
    "discontinued": "discontinued",
    "none (tentative approval)": "none (tentative approval)",
}

# Trailing words naming a salt, ester, counter-ion, hydrate or ("recombinant") a way of making
# the active moiety rather than the moiety itself.
_SALT_WORDS = frozenset(
    """
    acetate acetonide aluminum anhydrous axetil benzoate besylate bicarbonate bisulfate
    bitartrate bromide butyrate calcium camsylate caproate carbonate chloride cilexetil citrate
    cypionate decanoate diacetate dihydrate dihydrochloride dimeglumine dimesylate diolamine
    dipotassium dipropionate disodium edisylate enanthate estolate ferric ferrous fumarate
    furoate gluceptate gluconate hcl hemifumarate hemihydrate hemitartrate hyclate hydrate
    hydrobromide hydrochloride iodide isethionate lactate lactobionate magnesium malate maleate
    medoxomil meglumine mesylate methylbromide methylsulfate monohydrate monosodium nitrate
    olamine oxalate palmitate pamoate phosphate pivalate potassium propionate proxetil
    recombinant sodium stearate succinate sulfate tartrate tebutate tosylate trihydrate
    trisodium tromethamine undecanoate valerate xinafoate
    """.split()  # noqa: SIM905 - a word list reads better than 90 quoted strings
)

_T = TypeVar("_T")
_Row = tuple[str, ...]


class DrugsFDAImportError(Exception):
    """A wrong, truncated or unreadable Drugs@FDA file or lexicon; str() is a one-line message."""


@dataclass(frozen=True)
class ImportStats:
    """What one import read and wrote, and what it cost.

    peak_memory_kb is the import's peak traced memory when the caller has tracemalloc running,
    else the process's peak resident set size (tracemalloc would slow the import ~7x).
    """

    applications: int
    products: int
    ingredients: int
    brands: int
    skipped_rows: int
    seconds: float
    peak_memory_kb: int
    output: Path


@dataclass(frozen=True)
class DrugRecord:
    """One active ingredient (or combination) as approved by the FDA."""

    ingredient: str
    brands: tuple[str, ...]
    applications: tuple[str, ...]
    first_approval: str | None
    marketing_status: str


@dataclass(frozen=True)
class _TableSpec:
    name: str
    columns: tuple[str, ...]


_LOOKUP_TABLE = _TableSpec(
    "MarketingStatus_Lookup.txt", ("MarketingStatusID", "MarketingStatusDescription")
)
_STATUS_TABLE = _TableSpec("MarketingStatus.txt", ("MarketingStatusID", "ApplNo", "ProductNo"))
_APPLICATIONS_TABLE = _TableSpec("Applications.txt", ("ApplNo", "ApplType"))
_SUBMISSIONS_TABLE = _TableSpec(
    "Submissions.txt",
    ("ApplNo", "SubmissionType", "SubmissionStatus", "SubmissionStatusDate"),
)
_PRODUCTS_TABLE = _TableSpec(
    "Products.txt", ("ApplNo", "ProductNo", "DrugName", "ActiveIngredient")
)
_ALL_TABLES = (
    _APPLICATIONS_TABLE,
    _PRODUCTS_TABLE,
    _SUBMISSIONS_TABLE,
    _STATUS_TABLE,
    _LOOKUP_TABLE,
)


@dataclass(frozen=True)
class _Counts:
    """Row counts of one import."""

    applications: int
    products: int
    skipped_rows: int


@dataclass
class _RowCount:
    """Malformed-row bookkeeping for one table."""

    width: int = 0
    rows: int = 0
    skipped: int = 0
    first_bad_line: int = 0
    first_bad_fields: int = 0

    def bad(self, line: int, fields: int) -> None:
        """Count a skipped row, remembering the first one."""
        if not self.skipped:
            self.first_bad_line, self.first_bad_fields = line, fields
        self.skipped += 1


@dataclass
class _Ingredient:
    """Everything gathered about one ingredient while reading Products."""

    brands: set[str] = field(default_factory=set)
    applications: dict[str, str] = field(default_factory=dict)  # ApplNo -> "NDA021923"
    statuses: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Tables:
    """The small tables Products rows are joined against."""

    application_types: dict[str, str]
    product_statuses: dict[tuple[str, str], set[str]]


class _PeakMemory:
    """Peak memory (kB) of a block: traced memory if tracemalloc is on, else peak RSS.

    With tracemalloc running, its peak is reset on entry. Peak RSS covers the whole process so
    far, including whatever it held before the block (0 where the platform cannot tell).
    """

    def __init__(self) -> None:
        self.peak_kb = 0
        self._tracing = False
        self._base = 0

    def __enter__(self) -> _PeakMemory:
        self._tracing = tracemalloc.is_tracing()
        if self._tracing:
            tracemalloc.reset_peak()
            self._base = tracemalloc.get_traced_memory()[0]
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._tracing:
            self.peak_kb = max(0, tracemalloc.get_traced_memory()[1] - self._base) // 1024
        else:
            self.peak_kb = _peak_rss_kb()


def _peak_rss_kb() -> int:
    """The process's peak resident set size in kB, or 0 where the platform cannot tell."""
    try:
        import resource  # Unix only
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS reports bytes


def default_lexicon_path() -> Path:
    """Where the lexicon (drugsfda-lexicon.json) lives unless told otherwise.

    In $MEDLINT_CACHE_DIR if set, else $XDG_CACHE_HOME/medlint, else ~/.cache/medlint.
    """
    return user_cache_dir() / LEXICON_FILE_NAME


def import_drugsfda(zip_path: Path, output: Path | None = None) -> ImportStats:
    """Read the bulk zip and write the lexicon atomically to output (default_lexicon_path())."""
    zip_path = Path(zip_path)
    target = Path(output) if output is not None else default_lexicon_path()
    started = time.perf_counter()
    with _PeakMemory() as memory:
        records, names, counts = _read_bulk(zip_path)
        _write_atomically(target, _document(zip_path, records, names, counts))
    return ImportStats(
        applications=counts.applications,
        products=counts.products,
        ingredients=len(records),
        brands=_brand_count(records),
        skipped_rows=counts.skipped_rows,
        seconds=time.perf_counter() - started,
        peak_memory_kb=memory.peak_kb,
        output=target,
    )


class DrugLexicon:
    """Drug names from an imported Drugs@FDA lexicon, looked up case-insensitively."""

    def __init__(self, records: dict[str, DrugRecord], names: dict[str, str], source: str) -> None:
        self._records = records
        self._names = names
        self._source = source

    @classmethod
    def load(cls, path: Path) -> DrugLexicon:
        """Load a lexicon written by import_drugsfda; DrugsFDAImportError if missing or corrupt."""
        path = Path(path)
        try:
            document = json.loads(path.read_bytes().decode("utf-8"))
        except FileNotFoundError as exc:
            raise DrugsFDAImportError(
                f"{path}: no Drugs@FDA lexicon here; run `medlint kb import drugsfda PATH.zip`"
            ) from exc
        except OSError as exc:
            raise DrugsFDAImportError(f"{path}: cannot read lexicon ({_reason(exc)})") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _corrupt_lexicon(path, f"not valid JSON: {exc}") from exc
        try:
            return cls(*_parse_document(document))
        except KeyError as exc:
            raise _corrupt_lexicon(path, f"missing field {exc.args[0]!r}") from exc
        except (TypeError, ValueError) as exc:
            raise _corrupt_lexicon(path, str(exc)) from exc

    def lookup(self, name: str) -> DrugRecord | None:
        """The record for a brand, ingredient, component or moiety name (any case), or None.

        A bare moiety ("sorafenib") gives its earliest-approved form, and a query with salt
        words ("ranitidine hcl") falls back to its moiety.
        """
        key = _name_key(name)
        target = self._names.get(key)
        if target is None:
            target = self._names.get(_strip_salts(key))
        return self._records.get(target) if target is not None else None

    def names(self) -> list[str]:
        """Every lowercase name lookup() resolves: brands, ingredients, components, moieties."""
        return sorted(self._names)

    @property
    def source(self) -> str:
        """The zip file the lexicon came from and the import date."""
        return self._source

    def __len__(self) -> int:
        return len(self._records)


# --- reading the zip -----------------------------------------------------------------------


@dataclass(frozen=True)
class BulkData:
    """What the bulk zip says: records by ingredient, the name index, each application's first
    approval ("NDA021923" -> "2005-12-01") and its type, and the newest date in the file."""

    records: dict[str, DrugRecord]
    names: dict[str, str]
    approvals: dict[str, str]
    types: dict[str, str]
    newest: str | None


def read_bulk(zip_path: Path) -> BulkData:
    """Read the bulk zip (DrugsFDAImportError when it is not one)."""
    records, names, _, approvals, types = _read_tables(Path(zip_path))
    return BulkData(records, names, approvals, types, max(approvals.values(), default=None))


def _read_bulk(zip_path: Path) -> tuple[dict[str, DrugRecord], dict[str, str], _Counts]:
    """Read every table; return records by ingredient, the name index and row counts."""
    records, names, counts, _, _ = _read_tables(zip_path)
    return records, names, counts


def _read_tables(zip_path: Path) -> tuple[dict[str, DrugRecord], dict[str, str], _Counts,
                                          dict[str, str], dict[str, str]]:
    with _open_archive(zip_path) as archive:
        bulk = _BulkZip(archive, zip_path)
        labels = bulk.read(_LOOKUP_TABLE, _status_labels)
        statuses = bulk.read(_STATUS_TABLE, lambda rows: _product_statuses(rows, labels))
        types = bulk.read(_APPLICATIONS_TABLE, _application_types)
        approvals = bulk.read(_SUBMISSIONS_TABLE, _first_approvals)
        tables = _Tables(types, statuses)
        ingredients, products = bulk.read(
            _PRODUCTS_TABLE, lambda rows: _collect_products(rows, tables)
        )
    if not ingredients:
        raise DrugsFDAImportError(f"{zip_path}: {_PRODUCTS_TABLE.name} has no products")
    records, names = _build_lexicon(ingredients, approvals)
    return records, names, _Counts(len(types), products, bulk.skipped), approvals, types


def _document(
    zip_path: Path, records: dict[str, DrugRecord], names: dict[str, str], counts: _Counts
) -> dict[str, object]:
    """The lexicon as a JSON-ready document with a source header."""
    return {
        "format": LEXICON_FORMAT,
        "version": LEXICON_VERSION,
        "source": {
            "file": zip_path.name,
            "imported": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        },
        "counts": {
            "applications": counts.applications,
            "products": counts.products,
            "ingredients": len(records),
            "brands": _brand_count(records),
            "skipped_rows": counts.skipped_rows,
        },
        "records": {key: _record_to_json(record) for key, record in records.items()},
        "names": names,
    }


def _open_archive(zip_path: Path) -> zipfile.ZipFile:
    """Open the zip, turning every failure into a DrugsFDAImportError."""
    if not zip_path.exists():
        raise DrugsFDAImportError(f"{zip_path}: no such file")
    if zip_path.is_dir():
        raise DrugsFDAImportError(f"{zip_path}: is a directory, not a Drugs@FDA zip file")
    try:
        return zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise DrugsFDAImportError(_not_a_zip_message(zip_path)) from exc
    except OSError as exc:
        raise DrugsFDAImportError(f"{zip_path}: cannot read ({_reason(exc)})") from exc


def _not_a_zip_message(zip_path: Path) -> str:
    """Tell a truncated zip (right signature, no directory) from some other file."""
    try:
        with zip_path.open("rb") as handle:
            looks_like_zip = handle.read(4) == b"PK\x03\x04"
    except OSError:
        looks_like_zip = False
    if looks_like_zip:
        return f"{zip_path}: truncated or corrupt zip file (incomplete download?)"
    return f"{zip_path}: not a zip file (expected the Drugs@FDA bulk download, drugsatfda*.zip)"


class _BulkZip:
    """The tables of an open Drugs@FDA zip, read one at a time."""

    def __init__(self, archive: zipfile.ZipFile, zip_path: Path) -> None:
        self.skipped = 0
        self._archive = archive
        self._zip_path = zip_path
        self._members = _find_members(archive, zip_path)

    def read(self, spec: _TableSpec, consume: Callable[[Iterator[_Row]], _T]) -> _T:
        """Feed a table's rows (wanted columns only) to consume and return its result."""
        where = f"{self._zip_path}: {spec.name}"
        for encoding in _ENCODINGS:
            count = _RowCount()
            try:
                result = self._consume(spec, encoding, where, count, consume)
            except UnicodeDecodeError:
                continue  # restart the whole table with the next encoding
            _check_malformed(where, count)
            self.skipped += count.skipped
            return result
        raise DrugsFDAImportError(f"{where}: cannot decode text")  # unreachable: latin-1 can't fail

    def _consume(
        self,
        spec: _TableSpec,
        encoding: str,
        where: str,
        count: _RowCount,
        consume: Callable[[Iterator[_Row]], _T],
    ) -> _T:
        """Decode one table with encoding and run consume over its rows."""
        try:
            with (
                self._archive.open(self._members[spec.name]) as raw,
                io.TextIOWrapper(raw, encoding=encoding, newline="") as text,
            ):
                return consume(_rows(text, where, spec.columns, count))
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise DrugsFDAImportError(f"{where}: truncated or corrupt zip data ({exc})") from exc
        except OSError as exc:
            raise DrugsFDAImportError(f"{where}: cannot read ({_reason(exc)})") from exc


def _find_members(archive: zipfile.ZipFile, zip_path: Path) -> dict[str, str]:
    """Table name -> archive member, matched by file name in any case; names missing tables."""
    by_name = {member.rsplit("/", 1)[-1].lower(): member for member in archive.namelist()}
    members = {spec.name: by_name.get(spec.name.lower(), "") for spec in _ALL_TABLES}
    missing = [name for name, member in members.items() if not member]
    if missing:
        raise DrugsFDAImportError(
            f"{zip_path}: missing table{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            "(is this the Drugs@FDA bulk download?)"
        )
    return members


def _rows(
    text: Iterable[str], where: str, columns: tuple[str, ...], count: _RowCount
) -> Iterator[_Row]:
    """Well-formed rows reduced to columns; rows of the wrong width are counted and skipped."""
    reader = csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        header = next(reader, None)
        if header is None:
            raise DrugsFDAImportError(f"{where}: empty table (no header row)")
        indices = _column_indices(header, columns, where)
        count.width = len(header)
        for fields in reader:
            if not fields:
                continue  # blank line
            count.rows += 1
            fields = _drop_extra_empty_fields(fields, count.width)
            if len(fields) != count.width:
                count.bad(reader.line_num, len(fields))
                continue
            yield tuple(fields[index].strip() for index in indices)
    except csv.Error as exc:
        raise DrugsFDAImportError(f"{where}, line {reader.line_num}: {exc}") from exc


def _column_indices(header: list[str], columns: tuple[str, ...], where: str) -> list[int]:
    """Positions of the wanted columns; names the first one the header lacks."""
    positions = {name.strip().lstrip("\ufeff").lower(): i for i, name in enumerate(header)}
    indices = []
    for column in columns:
        if column.lower() not in positions:
            found = ", ".join(name.strip() for name in header)
            raise DrugsFDAImportError(f"{where}: header lacks column {column} (found: {found})")
        indices.append(positions[column.lower()])
    return indices


def _drop_extra_empty_fields(fields: list[str], width: int) -> list[str]:
    """Cut empty fields beyond the header's width (a stray trailing tab)."""
    if len(fields) > width and not any(value.strip() for value in fields[width:]):
        return fields[:width]
    return fields


def _check_malformed(where: str, count: _RowCount) -> None:
    """Refuse a table when more than 1% of its rows had the wrong number of fields."""
    if count.skipped <= count.rows * _MAX_MALFORMED_FRACTION:
        return
    raise DrugsFDAImportError(
        f"{where}: {count.skipped} of {count.rows} rows have the wrong number of fields "
        f"(first at line {count.first_bad_line}: {count.first_bad_fields} fields, header has "
        f"{count.width}); more than {_MAX_MALFORMED_FRACTION:.0%} malformed, not importing"
    )


# --- table consumers -------------------------------------------------------------------------


def _status_labels(rows: Iterator[_Row]) -> dict[str, str]:
    """MarketingStatusID -> short label ("prescription", "otc", ...)."""
    labels = {}
    for status_id, description in rows:
        text = " ".join(description.split()).lower()
        labels[status_id] = _STATUS_LABELS.get(text, text)
    return labels


def _product_statuses(
    rows: Iterator[_Row], labels: dict[str, str]
) -> dict[tuple[str, str], set[str]]:
    """(ApplNo, ProductNo) -> marketing status labels."""
    statuses: dict[tuple[str, str], set[str]] = {}
    for status_id, appl_no, product_no in rows:
        key = (_appl_no(appl_no), _product_no(product_no))
        statuses.setdefault(key, set()).add(labels.get(status_id, "unknown"))
    return statuses


def _application_types(rows: Iterator[_Row]) -> dict[str, str]:
    """ApplNo -> ApplType (NDA, ANDA, BLA)."""
    return {_appl_no(appl_no): appl_type.upper() for appl_no, appl_type in rows}


def _first_approvals(rows: Iterator[_Row]) -> dict[str, str]:
    """ApplNo -> earliest approved original submission, "YYYY-MM-DD"."""
    approvals: dict[str, str] = {}
    for appl_no, kind, status, date in rows:
        day = _iso_day(date)
        if kind.upper() != "ORIG" or status.upper() != "AP" or day is None:
            continue
        appl = _appl_no(appl_no)
        if appl not in approvals or day < approvals[appl]:
            approvals[appl] = day
    return approvals


def _collect_products(rows: Iterator[_Row], tables: _Tables) -> tuple[dict[str, _Ingredient], int]:
    """Group products by ingredient; return the groups and the number of products."""
    ingredients: dict[str, _Ingredient] = {}
    products = 0
    for appl_no, product_no, drug_name, active in rows:
        ingredient = _ingredient_key(active)
        if not ingredient:
            continue
        products += 1
        appl = _appl_no(appl_no)
        appl_type = tables.application_types.get(appl, "")
        entry = ingredients.setdefault(ingredient, _Ingredient())
        entry.applications[appl] = appl_type + appl
        entry.statuses.update(tables.product_statuses.get((appl, _product_no(product_no)), ()))
        brand = _clean_brand(drug_name)
        if brand and appl_type in _BRAND_APPLICATION_TYPES:
            entry.brands.add(brand)
    return ingredients, products


# --- building the lexicon -------------------------------------------------------------------


def _build_lexicon(
    ingredients: dict[str, _Ingredient], approvals: dict[str, str]
) -> tuple[dict[str, DrugRecord], dict[str, str]]:
    """Records by ingredient, and the name -> ingredient index."""
    first = {key: _earliest(entry, approvals) for key, entry in ingredients.items()}
    candidates = [c for key in ingredients for c in _generic_names(key)]
    generic = {name for name, _, _, _ in candidates}
    records: dict[str, DrugRecord] = {}
    for key, entry in sorted(ingredients.items()):
        brands = tuple(sorted(b for b in entry.brands if _name_key(b) not in generic))
        candidates.extend((_name_key(brand), 1, True, key) for brand in brands)
        records[key] = DrugRecord(
            ingredient=key,
            brands=brands,
            applications=tuple(sorted(entry.applications.values())),
            first_approval=first[key],
            marketing_status=_overall_status(entry.statuses),
        )
    return records, _best_targets(candidates, first)


def _generic_names(key: str) -> Iterator[tuple[str, int, bool, str]]:
    """(name, tier, exact, key) for an ingredient, its moiety, and a combination's components."""
    components = _components(key)
    yield key, 0, True, key
    tier = 0 if len(components) == 1 else 2
    for component in components:
        if tier:
            yield component, tier, True, key
        moiety = _strip_salts(component)
        if moiety and moiety != component:
            yield moiety, tier, False, key


def _best_targets(
    candidates: list[tuple[str, int, bool, str]], first: dict[str, str | None]
) -> dict[str, str]:
    """Pick one ingredient per name: lowest tier, then earliest approval, exact, alphabetical."""
    best: dict[str, tuple[int, str, bool, str]] = {}
    for name, tier, exact, key in candidates:
        rank = (tier, first[key] or _NO_DATE, not exact, key)
        if name not in best or rank < best[name]:
            best[name] = rank
    return {name: rank[3] for name, rank in sorted(best.items())}


def _brand_count(records: dict[str, DrugRecord]) -> int:
    """Distinct brand names (ignoring case) over all records."""
    return len({_name_key(brand) for record in records.values() for brand in record.brands})


def _earliest(entry: _Ingredient, approvals: dict[str, str]) -> str | None:
    """Earliest first approval over an ingredient's applications."""
    days = [approvals[appl] for appl in entry.applications if appl in approvals]
    return min(days) if days else None


def _overall_status(labels: set[str]) -> str:
    """One status for an ingredient; "discontinued" only if every product is."""
    marketed = [label for label in ("prescription", "otc") if label in labels]
    if marketed:
        return " and ".join(marketed)
    others = sorted(labels - {"discontinued"})
    if others:
        return others[0]
    return "discontinued" if labels else "unknown"


# --- names ------------------------------------------------------------------------------------


def _name_key(text: str) -> str:
    """Lowercase, single-spaced form used for every lookup."""
    return " ".join(text.split()).lower()


def _clean_brand(drug_name: str) -> str:
    """A DrugName as FDA writes it, single-spaced, with "" undoubled."""
    return " ".join(drug_name.replace('""', '"').split())


def _components(active: str) -> list[str]:
    """Sorted distinct ingredients of an ActiveIngredient, split on ";" outside parentheses."""
    if "(" not in active:
        parts = active.split(";")
    else:
        parts, depth, start = [], 0, 0
        for i, char in enumerate(active):
            depth += (char == "(") - (char == ")")
            if char == ";" and depth <= 0:
                parts.append(active[start:i])
                start = i + 1
        parts.append(active[start:])
    return sorted({_name_key(part) for part in parts if part.strip()})


def _ingredient_key(active: str) -> str:
    """The lexicon key for an ActiveIngredient: lowercase components joined by "; "."""
    return "; ".join(_components(active))


def _strip_salts(name: str) -> str:
    """Drop trailing salt/ester/hydrate words: "sorafenib tosylate" -> "sorafenib"."""
    words = name.split()
    while words and words[-1] in _SALT_WORDS:
        words.pop()
    return " ".join(words)


def _appl_no(value: str) -> str:
    """ApplNo as six digits."""
    value = value.strip()
    return value.zfill(6) if value.isdigit() else value


def _product_no(value: str) -> str:
    """ProductNo as three digits."""
    value = value.strip()
    return value.zfill(3) if value.isdigit() else value


def _iso_day(value: str) -> str | None:
    """The "YYYY-MM-DD" of a SubmissionStatusDate, or None if empty or implausible."""
    day = value.strip()[:10]
    return day if _DAY.fullmatch(day) and day >= _EARLIEST_DAY else None


# --- writing and loading ----------------------------------------------------------------------


def _write_atomically(target: Path, document: dict[str, object]) -> None:
    """Write JSON to a temp file beside target, then os.replace it into place."""
    data = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, data.encode("utf-8"), sync=True)
    except OSError as exc:
        raise DrugsFDAImportError(f"{target}: cannot write lexicon ({_reason(exc)})") from exc


def _parse_document(document: object) -> tuple[dict[str, DrugRecord], dict[str, str], str]:
    """Records, name index and source line from a loaded lexicon; TypeError/ValueError if bad."""
    if not isinstance(document, dict) or document.get("format") != LEXICON_FORMAT:
        raise ValueError("not a medlint Drugs@FDA lexicon")
    if document.get("version") != LEXICON_VERSION:
        raise ValueError(f"unsupported lexicon version {document.get('version')!r}")
    raw_records = _as_dict(document["records"])
    records = {key: _record_from_json(key, value) for key, value in raw_records.items()}
    names = {_as_str(name): _as_str(key) for name, key in _as_dict(document["names"]).items()}
    dangling = next((name for name, key in names.items() if key not in records), None)
    if dangling is not None:
        raise ValueError(f"name {dangling!r} points at no record")
    source = _as_dict(document["source"])
    return (
        records,
        names,
        f"{_as_str(source['file'])} (imported {_as_str(source['imported'])[:10]})",
    )


def _record_to_json(record: DrugRecord) -> dict[str, object]:
    """A DrugRecord's JSON form (the ingredient is the key)."""
    return {
        "brands": list(record.brands),
        "applications": list(record.applications),
        "first_approval": record.first_approval,
        "marketing_status": record.marketing_status,
    }


def _record_from_json(key: str, value: object) -> DrugRecord:
    """One DrugRecord from its JSON form."""
    fields = _as_dict(value)
    first = fields["first_approval"]
    return DrugRecord(
        ingredient=key,
        brands=tuple(_as_str(item) for item in _as_list(fields["brands"])),
        applications=tuple(_as_str(item) for item in _as_list(fields["applications"])),
        first_approval=None if first is None else _as_str(first),
        marketing_status=_as_str(fields["marketing_status"]),
    )


def _as_dict(value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, found {type(value).__name__}")
    return value


def _as_list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    return value


def _as_str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, found {type(value).__name__}")
    return value


def _corrupt_lexicon(path: Path, reason: str) -> DrugsFDAImportError:
    """The error for a lexicon file that cannot be used."""
    return DrugsFDAImportError(
        f"{path}: corrupt Drugs@FDA lexicon ({reason}); "
        "re-run `medlint kb import drugsfda PATH.zip`"
    )


def _reason(exc: OSError) -> str:
    """An OSError's human part."""
    return exc.strerror or str(exc)
