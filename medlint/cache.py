"""The result cache of `medlint check`: a file's findings, stored per rule family.

Each linted file has one entry, named by a hash of its path and bytes, that holds one record per
rule family: what those rules found (before severity overrides, which are applied on every run,
so changing a severity never costs a re-run) and what they added to the file's metrics. A
record's key is a hash of everything else its findings depend on: medlint's version and code, the
versions of its dependencies, the rule packs and their data (rules/ and the user's rule
folders), the active rules of the family's package and their options, the configuration values
rules read, the spaCy model, and, only for the families that read them, the user's
knowledge-base data (approval overlay, drug lexicon) and the run's date. So `medlint kb update`
re-runs only the claim rules, and a new day only the rules that compare dates with today.

A family here is the set of rules whose types come from one Python package (the claim rules,
the structure rules, the readability rules, the rules written in YAML): rules of one package
share per-document analyses, so they are run and stored together. The structure rules that read
the date are stored apart from the others.

An entry also keeps the file's whole result as the last run assembled it (findings after severity
overrides, in report order, with their keys and the metrics) and that result's part of the JSON
report, under a key made of its families' keys and the severity overrides: a run that finds it
reads neither the family records nor lays out the report again. It is only a copy: whenever it
is missing or stale, the result is assembled from the families and the copy written again.

An entry is one file, written atomically (a temporary file, then a rename): a line of JSON (the
format, the result's key, the sizes and a CRC-32 of the two parts that follow), the result and its
report part (UTF-8 text), then the family records (JSON). The result is written with ``marshal``,
its values as they are (a date packed as in a family record), as the build cache and Python's own
``__pycache__`` do: only the Python and medlint that wrote it read it (both are in the key), and
only after its checksum matched; it reads back in half the time of JSON. A part that cannot be
read, fails its check or does not have the expected shape counts as missing, and the entry is
written again.
Entries unused for 30 days are deleted, then the least recently used ones while the folder holds
over 500 MB; this pruning runs at most once a day, at the end of a run, and also empties the
folders of earlier entry formats.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import math
import os
import re
import time
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence

from .cache_keys import FORMAT, digest, pipeline, rule_data, software, user_kb
from .config import Config, Settings
from .finding import Finding, Severity
from .fingerprint import finding_keys
from .linter import FileResult, RuleOutcome, Source, active_rules, finish, run_rules
from .reporters.jsonfmt import LaidOut
from .resources import user_cache_dir
from .rulecatalog import catalogue
from .writeback import replace_file

MAX_AGE_DAYS = 30
MAX_BYTES = 500_000_000
PRUNE_EVERY = 24 * 3600  # seconds
_ENTRY = re.compile(r"^[0-9a-f]{64}\.json$")  # the name of earlier formats' entries too
_TEMPORARY = re.compile(r"^\.[0-9a-f]{64}\..*\.tmp$")


def default_cache_dir() -> Path:
    """``results`` in the user cache folder (see :func:`medlint.resources.user_cache_dir`)."""
    return user_cache_dir() / "results"


@dataclass
class _Plan:
    """How one file's active rules split into families, and the part of each family's key that
    does not depend on the file."""

    settings: Settings
    families: dict[str, list[str]]  # family -> active rule ids, in run order
    family_of: dict[str, str]  # rule id -> family
    position: dict[str, int]  # rule id -> place among the active rules
    keys: dict[str, str]  # family -> key before the file and the date
    dated: set[str]  # families keyed by the date
    days: dict[date, "_DayKeys"] = field(default_factory=dict)

    def on(self, today: date) -> "_DayKeys":
        """The keys of a run on ``today`` (the same for every file of the plan)."""
        known = self.days.get(today)
        if known is None:
            families = {family: digest(self.keys[family], today.isoformat() if family in self.dated else None)[:32]
                        for family in self.families}
            # the assembled result: its families' records, and the severity overrides applied to them
            result = digest(FORMAT, list(families.values()), self.settings.severity)[:32]
            known = self.days[today] = _DayKeys(families, result)
        return known


@dataclass(frozen=True)
class _DayKeys:
    families: dict[str, str]  # family -> key of its record
    result: str  # key of the assembled result and its report part


# -- entries -----------------------------------------------------------------------------------

class _Unstorable(Exception):
    """A value JSON cannot give back exactly; such an entry is not written."""


def _pack(value: Any) -> Any:
    """JSON for ``value`` that :func:`_unpack` turns back into an equal value of the same types."""
    kind = type(value)
    if value is None or kind in (bool, str, int):
        return value
    if kind is float:
        if not math.isfinite(value):
            raise _Unstorable(value)
        return value
    if kind is list:
        return [_pack(item) for item in value]
    if kind is tuple:
        return {"~tuple": [_pack(item) for item in value]}
    if kind is date:
        return {"~date": value.isoformat()}
    if kind is dict:
        if all(type(key) is str and not key.startswith("~") for key in value):
            return {key: _pack(item) for key, item in value.items()}
        return {"~items": [[_pack(key), _pack(item)] for key, item in value.items()]}
    raise _Unstorable(value)


def _plain(value: Any) -> bool:
    """Whether JSON gives ``value`` back as it is (no tuples, dates or non-text keys)."""
    kind = type(value)
    if value is None or kind in (bool, str, int):
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is list:
        return all(_plain(item) for item in value)
    if kind is dict:
        return all(type(key) is str and _plain(item) for key, item in value.items())
    return False


def _store(value: Any) -> Any:
    """``value`` as JSON: as it is when JSON keeps it exactly (most metrics), else packed."""
    return ["=", value] if _plain(value) else ["~", _pack(value)]


def _load(stored: Any) -> Any:
    tag, value = stored
    if tag == "=":
        return value
    if tag == "~":
        return _unpack(value)
    raise ValueError(f"unknown tag {tag!r}")


def _unpack(value: Any) -> Any:
    if isinstance(value, list):
        return [_unpack(item) for item in value]
    if isinstance(value, dict):
        if len(value) == 1:
            (tag, inner), = value.items()
            if tag == "~tuple":
                return tuple(_unpack(item) for item in inner)
            if tag == "~date":
                return date.fromisoformat(inner)
            if tag == "~items":
                return {_unpack(key): _unpack(item) for key, item in inner}
        return {key: _unpack(item) for key, item in value.items()}
    return value


def _finding_rows(findings: Sequence[Finding], store: Callable[[Any], Any] = _store) -> list[list[Any]]:
    return [[f.rule, str(f.severity), f.line, f.column, f.end_line, f.end_column, f.message, f.suggestion,
             store(f.evidence)] for f in findings]


def _same(value: Any) -> Any:
    return value


def _findings_from(rows: Any, keys: Any, checked: bool = False, load: Callable[[Any], Any] = _load) -> list[Finding]:
    """Findings back from :func:`_finding_rows`, and a check of their keys (one text each).
    ``checked``: the rows passed a checksum of what this code wrote, so their types are not
    checked one by one (a third of the time of a warm run's reading)."""
    findings = []
    for rule, severity, line, column, end_line, end_column, message, suggestion, evidence in rows:
        if not checked:
            if not (type(line) is int and type(column) is int and type(end_line) is int and type(end_column) is int):
                raise ValueError("positions must be whole numbers")
            if not isinstance(rule, str) or not isinstance(message, str):
                raise ValueError("rule and message must be text")
        findings.append(Finding(rule, Severity.parse(severity), line, column, end_line, end_column, message,
                                suggestion, load(evidence)))
    if not isinstance(keys, list) or len(keys) != len(findings) or not all(isinstance(k, str) for k in keys):
        raise ValueError("one key per finding")
    return findings


@dataclass
class _Entry:
    """What one family found in one file: findings (with their keys) in the order made, and
    what each rule added to the file's metrics."""

    findings: list[Finding] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    contributions: list[tuple[str, dict[str, Any], dict[str, list]]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        contributions = [[rule, _store(added), _store(appended)] for rule, added, appended in self.contributions]
        return {"findings": _finding_rows(self.findings), "keys": list(self.keys), "contributions": contributions}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "_Entry":
        keys = data["keys"]
        findings = _findings_from(data["findings"], keys)
        contributions = []
        for rule, added, appended in data["contributions"]:
            added, appended = _load(added), _load(appended)
            if not isinstance(added, dict) or not isinstance(appended, dict) or \
                    not all(isinstance(v, list) for v in appended.values()):
                raise ValueError("contributions are mappings")
            contributions.append((rule, added, appended))
        return cls(findings, keys, contributions)


_RAW, _PACKED = 0, 1  # how an entry's result holds evidence and metrics: as they are, or as _store gives them


class _Stored:
    """One entry file as read: its header checked, its parts decoded when asked for."""

    def __init__(self, data: bytes, start: int, header: dict[str, Any]) -> None:
        self.data, self.start, self.header = data, start, header
        self.result_size, self.text_size = header["sizes"]

    @classmethod
    def parse(cls, data: bytes) -> "_Stored | None":
        end = data.find(b"\n")
        try:
            header = json.loads(data[:end]) if end > 0 else None
        except ValueError:
            return None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            return None
        sizes, result_key, check = header.get("sizes"), header.get("result"), header.get("check")
        if not (isinstance(sizes, list) and len(sizes) == 2 and all(type(n) is int and n >= 0 for n in sizes)
                and (result_key is None or isinstance(result_key, str)) and type(check) is int):
            return None
        return cls(data, end + 1, header)

    def result(self, path: str, key: str) -> FileResult | None:
        """The assembled result when it was stored under ``key`` and reads back whole."""
        if self.header["result"] != key:
            return None
        part = self.data[self.start:self.start + self.result_size + self.text_size]
        if len(part) != self.result_size + self.text_size or zlib.crc32(part) != self.header["check"]:
            return None
        try:
            form, rows, keys, metrics = marshal.loads(part[:self.result_size])
            if form not in (_RAW, _PACKED):
                return None
            load = _same if form == _RAW else _load
            findings = _findings_from(rows, keys, checked=True, load=load)
            metrics = load(metrics)
            if not isinstance(metrics, dict):
                return None
            text = part[self.result_size:].decode("utf-8")
        except (ValueError, TypeError, KeyError, AttributeError, EOFError):
            return None
        if not text:
            return None
        return LaidOut.of(FileResult(path, findings, metrics, keys), text)

    def families(self) -> dict[str, Any]:
        """The family records (by key), each still as JSON; none when they do not read back."""
        try:
            families = json.loads(self.data[self.start + self.result_size + self.text_size:])
        except ValueError:
            return {}
        return families if isinstance(families, dict) else {}


def _entry_bytes(families: dict[str, Any], result_key: str | None, result: LaidOut | None) -> bytes:
    """An entry file: see the module's docstring. ``result`` is left out when not exactly storable."""
    result_part = text_part = b""
    if result is not None and result_key is not None:
        try:
            try:  # marshal keeps the values as they are, unless one is of a type it does not know
                result_part = marshal.dumps((_RAW, _finding_rows(result.findings, _same), list(result.keys),
                                             result.metrics))
            except ValueError:  # a date: packed as in the family records
                result_part = marshal.dumps((_PACKED, _finding_rows(result.findings), list(result.keys),
                                             _store(result.metrics)))
            text_part = (result.text or "").encode("utf-8")
        except (_Unstorable, ValueError, TypeError):
            result_part = text_part = b""
    if not result_part:
        result_key = None
    header = {"format": FORMAT, "result": result_key, "sizes": [len(result_part), len(text_part)],
              "check": zlib.crc32(result_part + text_part)}
    return b"".join([json.dumps(header).encode("ascii"), b"\n", result_part, text_part,
                     json.dumps(families, ensure_ascii=False, allow_nan=False).encode("utf-8")])


# -- the cache -----------------------------------------------------------------------------------

class ResultCache:
    """Findings per (file, rule family) in ``folder``; see the module's docstring."""

    def __init__(self, folder: Path | str) -> None:
        self.root = Path(folder)
        self.folder = self.root / f"v{FORMAT}"
        self._folder_text = str(self.folder)
        self._plans: dict[tuple[int, Settings], _Plan] = {}
        self._configs: list[Config] = []  # keeps the configs of _plans' keys alive
        self._by_config: dict[int, tuple[Config, _Plan]] = {}  # configurations without overrides
        self.wrote = False
        self.write_error: str | None = None

    # -- planning --------------------------------------------------------------------------
    def _plan(self, source: Source) -> _Plan:
        config = source.config or Config(root=Path.cwd())
        if not config.overrides:  # one plan for all the configuration's files
            cached = self._by_config.get(id(config))
            if cached is not None and cached[0] is config:
                return cached[1]
        settings = config.settings_for(source.path)
        cached = self._plans.get((id(config), settings))
        if cached is not None:
            return cached
        if len(self._plans) > 256:  # workers get new copies of the configurations with each chunk
            self._plans.clear()
            self._configs.clear()
            self._by_config.clear()
        rules = catalogue(config.rule_dirs)
        active = active_rules(rules, settings)
        families: dict[str, list[str]] = {}
        family_of: dict[str, str] = {}
        for rule in active:
            family_of[rule.id] = rule.family
            families.setdefault(rule.family, []).append(rule.id)
        packages: dict[str, list[str]] = {}
        for rule in active:  # a package's rules share analyses: its whole active set is in each key
            packages.setdefault(rule.family.removesuffix("+date"), []).append(rule.id)
        options = settings.options_for()
        common = digest(software(), rule_data(config.rule_dirs), rules.key, pipeline(config.nlp_model),
                         settings.values)
        keys, dated = {}, set()
        by_id = {rule.id: rule for rule in active}
        for name, ids in families.items():
            members = [by_id[i] for i in ids]
            package_ids = packages[name.removesuffix("+date")]
            reads_kb = any(rule.reads_knowledge_base for rule in members)
            keys[name] = digest(common, name, ids, package_ids,
                                 [(i, sorted(options.get(i, {}).items())) for i in package_ids],
                                 user_kb(config.drug_lexicon) if reads_kb else None)
            if any(rule.reads_today for rule in members):
                dated.add(name)
        plan = _Plan(settings, families, family_of, {rule.id: n for n, rule in enumerate(active)}, keys, dated)
        self._plans[(id(config), settings)] = plan
        self._configs.append(config)
        if not config.overrides:
            self._by_config[id(config)] = (config, plan)
        return plan

    def _entry_path(self, source: Source) -> str:
        name = hashlib.sha256(source.path.encode("utf-8", "surrogateescape") + b"\0"
                              + _content_hash(source.data).encode("ascii")).hexdigest()
        return os.path.join(self._folder_text, name[:2], f"{name}.json")

    # -- reading and writing ---------------------------------------------------------------
    def _read(self, path: str) -> _Stored | None:
        """The entry of one file; None when it is missing or its header is not of this format."""
        try:
            data, modified = _read_file(path)
        except OSError:
            return None
        if time.time() - modified > 24 * 3600:  # pruning goes by last use
            with _quiet():
                os.utime(path)
        return _Stored.parse(data)

    def _found(self, plan: _Plan, stored: _Stored | None, today: date) -> dict[str, "_Entry"]:
        """The families of ``plan`` in a file's stored entry; a damaged one counts as missing."""
        records = stored.families() if stored is not None else {}
        keys = plan.on(today).families
        found = {}
        for family in plan.families:
            data = records.get(keys[family])
            if data is None:
                continue
            try:
                found[family] = _Entry.from_json(data)
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # corrupt or truncated: counts as missing and is written again
        return found

    def _write(self, path: str, plan: _Plan, today: date, entries: dict[str, "_Entry"],
               result: LaidOut | None) -> None:
        if self.write_error is not None:
            return
        keys = plan.on(today)
        families = {}
        for family, entry in entries.items():
            try:
                families[keys.families[family]] = entry.to_json()
            except (_Unstorable, ValueError, TypeError):
                pass  # not exactly storable: that family runs again next time
        complete = len(families) == len(plan.families)  # else the result is not stored either
        try:
            data = _entry_bytes(families, keys.result, result if complete else None)
        except (ValueError, TypeError):
            return
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _mark_cache_folder(self.root)
            replace_file(Path(path), data)
            self.wrote = True
        except OSError as exc:
            self.write_error = f"cannot write the result cache in {self.root}: {exc.strerror or exc}"

    # -- linting ---------------------------------------------------------------------------
    def lookup(self, source: Source, today: date) -> FileResult | None:
        """The file's result when every family's entry is there, else None."""
        plan = self._plan(source)
        path = self._entry_path(source)
        stored = self._read(path)
        if stored is None:
            return None
        result = stored.result(source.path, plan.on(today).result)
        if result is not None:
            return result
        found = self._found(plan, stored, today)
        if len(found) < len(plan.families):
            return None
        result = LaidOut.of(_assemble(source.path, plan, found))
        self._write(path, plan, today, found, result)  # e.g. after a new severity override
        return result

    def lint(self, sources: Sequence[Source], today: date | None = None) -> list[FileResult]:
        """Results of ``sources``: families found in the cache are read, the others run and
        are stored."""
        today = today or date.today()
        plans, found, paths = [], [], []
        results: list[FileResult | None] = [None] * len(sources)
        for i, source in enumerate(sources):
            plan = self._plan(source)
            plans.append(plan)
            paths.append(self._entry_path(source))
            stored = self._read(paths[i])
            results[i] = stored.result(source.path, plan.on(today).result) if stored is not None else None
            found.append(self._found(plan, stored, today) if results[i] is None else {})
        todo = [i for i, plan in enumerate(plans) if results[i] is None and len(found[i]) < len(plan.families)]
        only = [frozenset(rule for family, ids in plans[i].families.items() if family not in found[i]
                          for rule in ids) for i in todo]
        outcomes = run_rules([sources[i] for i in todo], today=today, only=only, trace=True)
        for i, plan in enumerate(plans):
            if results[i] is None and i not in todo:
                results[i] = LaidOut.of(_assemble(sources[i].path, plan, found[i]))
                self._write(paths[i], plan, today, found[i], results[i])
        for i, subset, outcome in zip(todo, only, outcomes):
            made = _split(outcome, plans[i], subset)
            if made is None:  # stopped by the time budget, or a finding of no active rule
                results[i] = _uncached(sources[i], today, outcome, found[i])
                continue
            entries = {**found[i], **made}
            results[i] = LaidOut.of(_assemble(sources[i].path, plans[i], entries))
            self._write(paths[i], plans[i], today, entries, results[i])
        return [result for result in results if result is not None]

    def prune(self, now: float | None = None) -> None:
        """Delete old entries (see the module's docstring), at most once a day."""
        now = time.time() if now is None else now
        stamp = self.folder / ".pruned"
        try:
            if now - stamp.stat().st_mtime < PRUNE_EVERY:
                return
        except OSError:
            pass
        prune_folder(self.folder, now)
        for earlier in range(1, FORMAT):  # entries no run of this medlint reads again
            prune_folder(self.root / f"v{earlier}", now, max_age_days=0, max_bytes=-1)
            with _quiet():
                (self.root / f"v{earlier}" / ".pruned").unlink()
        with _quiet():
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp.touch()
            os.utime(stamp, (now, now))


def prune_folder(folder: Path, now: float, max_age_days: float = MAX_AGE_DAYS, max_bytes: int = MAX_BYTES) -> None:
    """Delete this cache's entries unused for ``max_age_days``, then the least recently used
    ones while the rest hold over ``max_bytes``; also temporary files left by a killed run.
    Only files named as entries are ever touched."""
    kept: list[tuple[float, int, Path]] = []
    try:
        shards = [d for d in folder.iterdir() if d.is_dir() and re.fullmatch(r"[0-9a-f]{2}", d.name)]
    except OSError:
        return
    for shard in shards:
        try:
            names = os.listdir(shard)
        except OSError:
            continue
        for name in names:
            path = shard / name
            try:
                info = path.stat()
            except OSError:
                continue
            if _TEMPORARY.match(name):
                if now - info.st_mtime > 3600:
                    with _quiet():
                        path.unlink()
                continue
            if not _ENTRY.match(name):
                continue
            if now - info.st_mtime > max_age_days * 24 * 3600:
                with _quiet():
                    path.unlink()
            else:
                kept.append((info.st_mtime, info.st_size, path))
    total = sum(size for _, size, _ in kept)
    for _, size, path in sorted(kept):
        if total <= max_bytes:
            break
        with _quiet():
            path.unlink()
        total -= size


# -- helpers -------------------------------------------------------------------------------------

def _read_file(path: str) -> tuple[bytes, float]:
    """A file's bytes and modification time (os-level calls: a warm run reads an entry per file)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd)
        chunks = []
        asked = max(size.st_size + 1, 65536)
        while True:
            chunk = os.read(fd, asked)
            if chunk:
                chunks.append(chunk)
            if len(chunk) < asked:  # the end (a short read of a regular file), and no second call to see it
                break
        return b"".join(chunks), size.st_mtime
    finally:
        os.close(fd)


def _content_hash(data: bytes | str) -> str:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return ("t" if isinstance(data, str) else "b") + hashlib.sha256(raw).hexdigest()


def _split(outcome: RuleOutcome, plan: _Plan, subset: frozenset[str]) -> dict[str, _Entry] | None:
    """The outcome of a run of ``subset`` as one entry per family run."""
    if not outcome.complete:
        return None
    entries = {family: _Entry() for family, ids in plan.families.items() if ids[0] in subset}
    keys = finding_keys(outcome.text, outcome.findings)
    for finding, key in zip(outcome.findings, keys):
        entry = entries.get(plan.family_of.get(finding.rule, ""))
        if entry is None:
            return None
        entry.findings.append(finding)
        entry.keys.append(key)
    for contribution in outcome.contributions:
        entry = entries.get(plan.family_of.get(contribution[0], ""))
        if entry is None:
            return None
        entry.contributions.append(contribution)
    return entries


def _assemble(path: str, plan: _Plan, entries: dict[str, _Entry]) -> FileResult:
    """One file's result from its families' entries, as a run of all its rules gives it."""
    findings: list[Finding] = []
    keys: list[str] = []
    contributions = []
    for family in plan.families:
        entry = entries[family]
        findings.extend(entry.findings)
        keys.extend(entry.keys)
        contributions.extend(entry.contributions)
    metrics: dict[str, Any] = {}
    # in the order the rules run; an analysis two families made (each made it when run alone)
    # counts once, from the rule that made it first
    for _, added, appended in sorted(contributions, key=lambda c: plan.position.get(c[0], len(plan.position))):
        if any(key in metrics for key in added):
            continue
        metrics.update(added)
        for key, items in appended.items():
            metrics.setdefault(key, []).extend(items)
    return finish(path, "", findings, metrics, plan.settings, keys)


def _uncached(source: Source, today: date, outcome: RuleOutcome, found: dict[str, _Entry]) -> FileResult:
    """A file the cache cannot serve: when part of its families came from the cache, all its
    rules run again, as without a cache."""
    if not found:
        return outcome.result()
    return run_rules([source], today=today)[0].result()


class _quiet:
    """Ignore an OSError (a file another process removed first)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> bool:
        return kind is not None and issubclass(kind, OSError)


_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file marks a cache folder of medlint (https://bford.info/cachedir/).\n")


def _mark_cache_folder(root: Path) -> None:
    """A CACHEDIR.TAG, so that backup tools skip the folder."""
    tag = root / "CACHEDIR.TAG"
    if not tag.exists():
        with _quiet():
            tag.write_text(_TAG, encoding="ascii")
