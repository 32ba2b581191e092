"""The approval index: every ingredient and brand the FDA approved under an NDA or BLA.

One record per active ingredient (or combination, or CBER product) with its first US approval
date, marketing status, whether it was a novel approval, the application, a source address and
its first approved use. The built-in index is ``rules/kb/approvals.tsv``, written by
``scripts/build_approval_index.py``; ``medlint kb update`` writes an overlay of the same format
into the user cache, whose records replace or add to the built-in ones.

The file is tab-separated text: ``#key<TAB>value`` header lines (as-of date, sources, coverage
figures), then one record per line. Loading reads it once per process, on the first lookup
(most documents never ask), and looks names up in a dict.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..resources import builtin_rules_dir, user_cache_dir
from ..writeback import replace_file

FORMAT = "medlint-approval-index 1"
COLUMNS = ("key", "name", "first_approval", "status", "novel", "center", "application", "source",
           "use", "new_uses", "brands", "names")
#: statuses; only "marketed" and "approved" (a new approval whose marketing the data does not
#: tell) let a "not yet approved" claim be judged wrong; "unconfirmed" is an approval known only
#: from a secondary source, which can only warn
STATUSES = ("marketed", "approved", "unconfirmed", "discontinued", "withdrawn", "tentative", "unknown")
OVERLAY_NAME = "approvals-overlay.tsv"


class ApprovalIndexError(Exception):
    """A malformed index or overlay file; str() is ``path:line: what is wrong``."""


@dataclass(frozen=True)
class ApprovalRecord:
    key: str
    name: str  # as people write it: "lecanemab", "Abrysvo (respiratory syncytial virus vaccine)"
    first_approval: date | None  # None: approved before 1982, the date is not in the data
    status: str
    novel: date | None  # the new molecular entity / new biologic approval date, when it was one
    center: str  # CDER or CBER
    application: str
    source: str
    use: str
    #: approved efficacy supplements (new uses, patients or doses backed by new clinical data) in
    #: the Drugs@FDA data; None when that data holds none of the product's applications
    new_uses: int | None
    brands: tuple[str, ...]
    names: tuple[str, ...]  # extra lowercase lookup names: moieties, components, code names

    @property
    def approved_on(self) -> date | None:
        return self.novel or self.first_approval

    @property
    def judgeable(self) -> bool:
        """Whether "X is not approved" can be called wrong from this record alone."""
        return self.status in ("marketed", "approved") and self.approved_on is not None

    def label(self) -> str:
        brand = self.brands[0] if self.brands else ""
        return f"{self.name} ({brand})" if brand and brand.lower() != self.name.lower() else self.name


@dataclass
class ApprovalIndex:
    as_of: date
    records: dict[str, ApprovalRecord]
    #: lowercase name -> (record key, whether the name is a brand: brands need their capital)
    names: dict[str, tuple[str, bool]]
    meta: dict[str, str]
    overlay_as_of: date | None = None
    overlay_path: Path | None = None

    def lookup(self, name: str) -> tuple[ApprovalRecord, bool] | None:
        """The record a name (any case) stands for, and whether it is a brand name."""
        key = normalise(name)
        found = self.names.get(key)
        if found is None:
            bare = _BIOLOGIC_SUFFIX.sub("", key)
            found = self.names.get(bare) if bare != key else None
        if found is None:
            return None
        return self.records[found[0]], found[1]

    def novel_per_year(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for record in self.records.values():
            if record.novel and record.center == "CDER":
                counts[record.novel.year] = counts.get(record.novel.year, 0) + 1
        return dict(sorted(counts.items()))


def normalise(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").split()).lower()


#: FDA's four-letter suffix of biologics since 2017 ("lecanemab-irmb")
_BIOLOGIC_SUFFIX = re.compile(r"-[a-z]{4}$")


def builtin_path() -> Path:
    return builtin_rules_dir() / "kb" / "approvals.tsv"


def overlay_path() -> Path:
    return user_cache_dir() / "kb" / OVERLAY_NAME


@functools.lru_cache(maxsize=4)
def load_index(path: Path | None = None, overlay: Path | None = None) -> ApprovalIndex:
    """The built-in index, with the user's overlay (``medlint kb update``) applied when present.

    A broken overlay is reported, never silently ignored: the caller turns the error into a
    ``path:line`` message."""
    index = read_index(path or builtin_path())
    overlay = overlay if overlay is not None else overlay_path()
    if overlay.is_file():
        apply_overlay(index, read_index(overlay), overlay)
    return index


def apply_overlay(index: ApprovalIndex, extra: ApprovalIndex, path: Path) -> None:
    for key, record in extra.records.items():
        old = index.records.get(key)
        if old is not None:  # an overlay knows the status today; the built-in may know the novel date
            record = replace(record, novel=record.novel or old.novel, use=record.use or old.use,
                             source=record.source if record.novel or not old.novel else old.source,
                             brands=tuple(dict.fromkeys(record.brands + old.brands)))
        index.records[key] = record
    index.names.update(extra.names)
    index.overlay_as_of, index.overlay_path = extra.as_of, path


def header(path: Path) -> dict[str, str]:
    """The '#key<TAB>value' lines at the top of an index, read without loading its records."""
    meta: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith("#"):
                    break
                key, _, value = line[1:].rstrip("\n").partition("\t")
                meta.setdefault(key.strip(), value)
    except (OSError, UnicodeDecodeError):
        return {}
    return meta


def effective_as_of() -> tuple[date | None, date | None]:
    """The built-in index's as-of date and the overlay's (None when there is none), from headers only."""
    dates = []
    for path in (builtin_path(), overlay_path()):
        try:
            dates.append(date.fromisoformat(header(path).get("as_of", "")) if path.is_file() else None)
        except ValueError:
            dates.append(None)
    return dates[0], dates[1]


def read_index(path: Path) -> ApprovalIndex:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ApprovalIndexError(f"{path}: cannot read the approval index ({exc})") from None
    meta: dict[str, str] = {}
    records: dict[str, ApprovalRecord] = {}
    names: dict[str, tuple[str, bool]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition("\t")
            meta.setdefault(key.strip(), value)
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            raise ApprovalIndexError(f"{path}:{number}: expected {len(COLUMNS)} tab-separated fields, found {len(fields)}")
        try:
            record = _record(fields)
        except ValueError as exc:
            raise ApprovalIndexError(f"{path}:{number}: {exc}") from None
        records[record.key] = record
    # a name shared by several records points at the novel approval first ("Cipro" is the 1987
    # new molecular entity, not a later salt's application)
    for record in sorted(records.values(), key=lambda r: r.novel is None):
        _add_names(names, record)
    if meta.get("format") != FORMAT:
        raise ApprovalIndexError(f"{path}:1: not a medlint approval index (expected '#format\t{FORMAT}')")
    try:
        as_of = date.fromisoformat(meta.get("as_of", ""))
    except ValueError:
        raise ApprovalIndexError(f"{path}: the '#as_of' header must be a date like 2026-01-12") from None
    return ApprovalIndex(as_of, records, names, meta)


def _add_names(names: dict[str, tuple[str, bool]], record: ApprovalRecord) -> None:
    # the record's names are its lookup names (its key only when listed: "alcohol" is not one);
    # generic names first: a brand never takes over an ingredient's name
    for name in record.names:
        names.setdefault(normalise(name), (record.key, False))
    for brand in record.brands:
        names.setdefault(normalise(brand), (record.key, True))


def common_words() -> frozenset[str]:
    """Words never used as a name to look up: English stop words and the Dale-Chall list of words
    most fourth-graders know (both ship with medlint's dependencies). Used when an index is built."""
    import textstat
    from spacy.lang.en.stop_words import STOP_WORDS

    easy = Path(textstat.__file__).parent / "resources" / "en" / "easy_words.txt"
    words = set(STOP_WORDS)
    if easy.is_file():
        words |= {w.strip().lower() for w in easy.read_text(encoding="utf-8").split()}
    return frozenset(words)


def lookup_names(names: list[str] | tuple[str, ...], stop: frozenset[str]) -> tuple[str, ...]:
    """The names worth looking up: four letters or more, not a common word, each once."""
    kept = [normalise(n) for n in names if len(n) > 3 and normalise(n) not in stop]
    return tuple(dict.fromkeys(kept))


def _record(fields: list[str]) -> ApprovalRecord:
    values = dict(zip(COLUMNS, fields))
    if not values["key"] or values["key"] != normalise(values["key"]):
        raise ValueError(f"the key {values['key']!r} must be lowercase and single-spaced")
    if values["status"] not in STATUSES:
        raise ValueError(f"unknown status {values['status']!r} (one of {', '.join(STATUSES)})")
    if values["center"] not in ("CDER", "CBER"):
        raise ValueError(f"center must be CDER or CBER, not {values['center']!r}")
    if not values["source"].startswith(("https://", "http://")):
        raise ValueError("every record needs a source web address")
    return ApprovalRecord(
        key=values["key"], name=values["name"] or values["key"],
        first_approval=_day(values["first_approval"], "first_approval"), status=values["status"],
        novel=_day(values["novel"], "novel"), center=values["center"], application=values["application"],
        source=values["source"], use=values["use"],
        new_uses=int(values["new_uses"]) if values["new_uses"].isdigit() else None,
        brands=tuple(b for b in values["brands"].split("|") if b),
        names=tuple(n for n in values["names"].split("|") if n))


def _day(value: str, column: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{column} must be a date like 2023-01-06, not {value!r}") from None


def write_index(path: Path, records: list[ApprovalRecord], meta: dict[str, str]) -> None:
    """Write an index atomically (temporary file, then rename): a failed write keeps the old one."""
    lines = [f"#format\t{FORMAT}"]
    lines += [f"#{key}\t{value}" for key, value in meta.items() if key != "format"]
    lines.append("#columns\t" + "\t".join(COLUMNS))
    for record in sorted(records, key=lambda r: r.key):
        fields = [record.key, record.name, _iso(record.first_approval), record.status, _iso(record.novel),
                  record.center, record.application, record.source, record.use,
                  "" if record.new_uses is None else str(record.new_uses), "|".join(record.brands), "|".join(record.names)]
        if any("\t" in f or "\n" in f for f in fields):
            raise ValueError(f"{record.key}: a field holds a tab or a line break")
        lines.append("\t".join(fields))
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, ("\n".join(lines) + "\n").encode("utf-8"))


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""
