"""The curated knowledge base in ``rules/kb/``: entities, dated events and guideline changes.

Every event and guideline carries a source address and a date; loading checks that, and that
every id an entry refers to exists, so a bad edit is reported as ``path:line: what is wrong``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..resources import builtin_rules_dir
from .. import buildcache
from ..yamlsource import LineDict, SourceError, from_plain, read_yaml_file, to_plain
from .cues import Cue
from .lazyre import LazyPattern, lazy_compile

APPROVAL_EVENTS = {"approved", "accelerated-approval", "converted", "reapproved", "eua-authorized", "narrowed"}
ENDING_EVENTS = {"withdrawn", "eua-revoked", "market-withdrawal", "discontinued", "license-suspended"}
EVENT_TYPES = APPROVAL_EVENTS | ENDING_EVENTS | {"not-approved"}


@dataclass(frozen=True)
class Event:
    type: str
    date: date
    source: str
    confirmed: bool
    reference: str | None = None
    note: str | None = None

    @property
    def ends_approval(self) -> bool:
        return self.type in ENDING_EVENTS

    @property
    def grants_approval(self) -> bool:
        return self.type in APPROVAL_EVENTS


@dataclass(frozen=True)
class Drug:
    id: str
    generic: str
    brands: tuple[str, ...]
    names: tuple[str, ...]  # every surface form: generic, brands, aliases, misspellings
    classes: frozenset[str]
    source: str
    #: longer names that contain a name of this drug but mean another product ("Zantac 360")
    not_names: tuple[str, ...] = ()
    #: development codes and former names ("MK-3475", "lambrolizumab"), with the page listing them
    code_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    synonyms: tuple[str, ...]
    parent: str | None
    source: str
    #: the kind its parent's name usually means ("bladder cancer" for urothelial carcinoma)
    usual_kind: bool = False


@dataclass(frozen=True)
class Indication:
    id: str
    regimen: frozenset[str]
    condition: str
    line: str | None  # first | later | None
    biomarker: str | None
    population: str | None
    summary: str
    events: tuple[Event, ...]
    #: the withdrawal ended one product's application; the ingredient may still be approved
    product_only: bool = False
    #: "early" for an approval in early disease (adjuvant, perioperative): it says nothing about
    #: advanced disease ("approved for bladder cancer that progressed after platinum")
    stage: str | None = None

    @property
    def latest(self) -> Event:
        return self.events[-1]

    @property
    def currently_approved(self) -> bool:
        last = self.latest
        return last.grants_approval and last.confirmed

    @property
    def ended(self) -> Event | None:
        """The confirmed event that ended this approval, if it is over."""
        last = self.latest
        return last if last.ends_approval and last.confirmed else None

    def approved_on(self) -> date | None:
        for event in self.events:
            if event.grants_approval:
                return event.date
        return None


@dataclass(frozen=True)
class MarketRecord:
    id: str
    drug: str
    scope: str
    events: tuple[Event, ...]

    @property
    def off_market(self) -> Event | None:
        last = self.events[-1]
        return last if last.ends_approval and last.confirmed else None

    @property
    def maybe_off_market(self) -> Event | None:
        """A removal the sources did not confirm (a date from news only): worth a warning."""
        last = self.events[-1]
        return last if last.ends_approval and not last.confirmed else None


@dataclass(frozen=True)
class Guideline:
    id: str
    body: str
    topic: str
    old_summary: str
    new_summary: str
    date: date
    source: str
    confirmed: bool
    topic_patterns: tuple[LazyPattern, ...]
    old_patterns: tuple[LazyPattern, ...]
    new_patterns: tuple[LazyPattern, ...]
    #: words that put a sentence on this guideline's topic (they make it worth checking)
    words: tuple[str, ...] = ()
    #: what a sentence must say to state this guideline: a "recommendation" (recommends, should,
    #: is eligible) or, for a label's age range, an "approval"
    predicate: str = "recommendation"


@dataclass
class KnowledgeBase:
    version: str
    as_of: date
    drugs: dict[str, Drug] = field(default_factory=dict)
    conditions: dict[str, Condition] = field(default_factory=dict)
    agencies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    indications: list[Indication] = field(default_factory=list)
    market: dict[str, MarketRecord] = field(default_factory=dict)
    guidelines: list[Guideline] = field(default_factory=list)
    #: (drug id, condition id) pairs whose full US history is in the knowledge base
    complete_pairs: frozenset[tuple[str, str]] = frozenset()
    #: matches sentences that may state a guideline (any guideline's first topic pattern)
    guideline_hint: Cue | None = None

    def ancestors(self, condition: str) -> list[str]:
        chain = []
        current = self.conditions.get(condition)
        while current is not None and current.parent and current.parent not in chain:
            chain.append(current.parent)
            current = self.conditions.get(current.parent)
        return chain

    def related(self, a: str, b: str) -> bool:
        """Same condition, or one is a kind of the other (HCC is a liver cancer)."""
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def info(self) -> dict[str, Any]:
        return {"version": self.version, "as_of": self.as_of.isoformat(),
                "drugs": len(self.drugs), "conditions": len(self.conditions),
                "indications": len(self.indications), "events": sum(len(i.events) for i in self.indications)
                + sum(len(m.events) for m in self.market.values()),
                "market_records": len(self.market), "guidelines": len(self.guidelines)}


def kb_dir() -> Path:
    return builtin_rules_dir() / "kb"


@functools.lru_cache(maxsize=2)
def load_kb(directory: Path | None = None) -> KnowledgeBase:
    directory = directory or kb_dir()
    reader = _Reader(directory)
    kb = reader.read()
    reader.store()  # only files the whole knowledge base was built from without an error
    return kb


class _Reader:
    """Reads the KB's files; their parsed YAML comes from the build cache (``medlint.buildcache``)
    when the same content was read before, since parsing it was most of the time loading took.
    The patterns of an entry read from the cache were checked when it was stored, so they are
    compiled on first use; those of a file parsed now are compiled at once, to report a bad one."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._parsed: list[tuple[str, Any, Any]] = []  # (entry name, key, plain data) to store
        self.fresh: set[str] = set()  # the files parsed in this run

    def _yaml(self, name: str) -> Any:
        path = self.directory / name
        entry = buildcache.per_source("kb-yaml", path)
        key = (str(path), buildcache.file_hash(path), buildcache.file_hash(__file__),
               buildcache.file_hash(read_yaml_file.__code__.co_filename))
        stored = buildcache.load(entry, key)
        if stored is not None:
            try:
                return from_plain(stored)
            except (TypeError, ValueError, IndexError, KeyError):
                pass  # not what to_plain writes: parse the file again
        data = read_yaml_file(path)
        self.fresh.add(name)
        try:
            self._parsed.append((entry, key, to_plain(data)))
        except TypeError:  # a value marshal cannot hold: this file is parsed every time
            pass
        return data

    def store(self) -> None:
        for entry, key, plain in self._parsed:
            buildcache.store(entry, key, plain)
        self._parsed.clear()

    def _file(self, name: str, key: str) -> tuple[Path, list[LineDict]]:
        path = self.directory / name
        data = self._yaml(name)
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            raise SourceError(path, getattr(data, "line", 1), f"expected a top-level '{key}' list")
        for item in data[key]:
            if not isinstance(item, LineDict):
                raise SourceError(path, data.line_of(key), f"every '{key}' entry must be a mapping")
        return path, data[key]

    def read(self) -> KnowledgeBase:
        meta_path = self.directory / "meta.yaml"
        meta = self._yaml("meta.yaml")
        if not isinstance(meta, dict):
            raise SourceError(meta_path, 1, "expected a mapping with version and as_of")
        kb = KnowledgeBase(version=_text(meta, "version", meta_path),
                           as_of=_date(meta, "as_of", meta_path))
        self._drugs(kb)
        self._conditions(kb)
        self._agencies(kb)
        self._indications(kb)
        self._market(kb)
        self._guidelines(kb)
        return kb

    def _drugs(self, kb: KnowledgeBase) -> None:
        path, items = self._file("drugs.yaml", "drugs")
        for item in items:
            drug_id = _unique_id(item, path, kb.drugs)
            names = [_text(item, "generic", path)]
            for key in ("brands", "aliases", "misspellings"):
                names.extend(_strings(item, key, path))
            code_names = tuple(_strings(item, "code_names", path))
            if code_names:
                _source(item, path, "code_names_source")
            kb.drugs[drug_id] = Drug(drug_id, item["generic"], tuple(_strings(item, "brands", path)),
                                     tuple(dict.fromkeys(names)), frozenset(_strings(item, "classes", path)),
                                     _source(item, path), tuple(_strings(item, "not_names", path)), code_names)

    def _conditions(self, kb: KnowledgeBase) -> None:
        path, items = self._file("conditions.yaml", "conditions")
        for item in items:
            condition_id = _unique_id(item, path, kb.conditions)
            usual_kind = bool(item.get("usual_kind", False))
            if usual_kind:
                _source(item, path, "usual_kind_source")
            kb.conditions[condition_id] = Condition(condition_id, _text(item, "name", path),
                                                    tuple(_strings(item, "synonyms", path)),
                                                    item.get("parent"), _source(item, path), usual_kind)
        for item in items:
            parent = item.get("parent")
            if parent is not None and parent not in kb.conditions:
                raise SourceError(path, item.line_of("parent"), f"unknown parent condition {parent!r}")

    def _agencies(self, kb: KnowledgeBase) -> None:
        path, items = self._file("agencies.yaml", "agencies")
        for item in items:
            agency_id = _unique_id(item, path, kb.agencies)
            _source(item, path)
            kb.agencies[agency_id] = tuple([_text(item, "name", path), *_strings(item, "synonyms", path)])

    def _indications(self, kb: KnowledgeBase) -> None:
        path, items = self._file("indications.yaml", "indications")
        seen: dict[str, Any] = {}
        complete = set()
        for item in items:
            indication_id = _unique_id(item, path, seen)
            seen[indication_id] = True
            regimen = _strings(item, "regimen", path)
            if not regimen:
                raise SourceError(path, item.line_of("regimen"), f"{indication_id}: empty regimen")
            for drug in regimen:
                if drug not in kb.drugs:
                    raise SourceError(path, item.line_of("regimen"), f"{indication_id}: unknown drug {drug!r}")
            condition = _text(item, "condition", path)
            if condition not in kb.conditions:
                raise SourceError(path, item.line_of("condition"), f"{indication_id}: unknown condition {condition!r}")
            setting = item.get("setting") or {}
            if not isinstance(setting, dict):
                raise SourceError(path, item.line_of("setting"), f"{indication_id}: setting must be a mapping")
            line = setting.get("line")
            if line not in (None, "first", "later"):
                raise SourceError(path, item.line_of("setting"), f"{indication_id}: setting.line must be first or later")
            stage = setting.get("stage")
            if stage not in (None, "early", "advanced"):
                raise SourceError(path, item.line_of("setting"), f"{indication_id}: setting.stage must be early or advanced")
            events = _events(item, path, indication_id)
            kb.indications.append(Indication(
                indication_id, frozenset(regimen), condition, line, setting.get("biomarker"),
                setting.get("population"), str(item.get("summary", indication_id)), events,
                product_only=bool(item.get("product_only", False)), stage=stage))
            if item.get("complete_history"):
                if "complete_history_source" in item:
                    _source(item, path, "complete_history_source")
                complete.update((drug, condition) for drug in regimen)
        kb.complete_pairs = frozenset(complete)

    def _market(self, kb: KnowledgeBase) -> None:
        path, items = self._file("market.yaml", "market")
        for item in items:
            record_id = _text(item, "id", path)
            drug = _text(item, "drug", path)
            if drug not in kb.drugs:
                raise SourceError(path, item.line_of("drug"), f"{record_id}: unknown drug {drug!r}")
            kb.market[drug] = MarketRecord(record_id, drug, str(item.get("scope", "")),
                                           _events(item, path, record_id))

    def _guidelines(self, kb: KnowledgeBase) -> None:
        path, items = self._file("guidelines.yaml", "guidelines")
        for item in items:
            guideline_id = _text(item, "id", path)
            detect = item.get("detect")
            if not isinstance(detect, dict):
                raise SourceError(path, item.line, f"{guideline_id}: needs 'detect' with topic, old and new patterns")
            old, new = item.get("old") or {}, item.get("new") or {}
            kb.guidelines.append(Guideline(
                guideline_id, _text(item, "body", path), _text(item, "topic", path),
                str(old.get("summary", "")), str(new.get("summary", "")), _date(item, "date", path),
                _source(item, path), bool(item.get("confirmed", False)),
                _patterns(detect, "topic", path, checked="guidelines.yaml" not in self.fresh),
                _patterns(detect, "old", path, checked="guidelines.yaml" not in self.fresh),
                _patterns(detect, "new", path, required=False, checked="guidelines.yaml" not in self.fresh), _detect_words(detect, path),
                _predicate(item, path)))
        if kb.guidelines:
            kb.guideline_hint = Cue([f"(?:{g.topic_patterns[0].pattern})" for g in kb.guidelines], re.IGNORECASE)


def _events(item: LineDict, path: Path, owner: str) -> tuple[Event, ...]:
    raw = item.get("events")
    if not isinstance(raw, list) or not raw:
        raise SourceError(path, item.line, f"{owner}: needs a non-empty 'events' list")
    events = []
    for entry in raw:
        if not isinstance(entry, LineDict):
            raise SourceError(path, item.line_of("events"), f"{owner}: every event must be a mapping")
        kind = _text(entry, "type", path)
        if kind not in EVENT_TYPES:
            raise SourceError(path, entry.line_of("type"), f"{owner}: unknown event type {kind!r}")
        confirmed = entry.get("confirmed")
        if not isinstance(confirmed, bool):
            raise SourceError(path, entry.line, f"{owner}: event needs 'confirmed: true' or 'false'")
        events.append(Event(kind, _date(entry, "date", path), _source(entry, path), confirmed,
                            entry.get("reference"), entry.get("note")))
    if [e.date for e in events] != sorted(e.date for e in events):
        raise SourceError(path, item.line_of("events"), f"{owner}: events must be in date order")
    return tuple(events)


def _patterns(detect: LineDict, key: str, path: Path, required: bool = True,
              checked: bool = False) -> tuple[LazyPattern, ...]:
    """``checked``: the patterns compiled before (an entry of the build cache): compile on first use."""
    values = detect.get(key, [])
    if isinstance(values, str):
        values = [values]
    if required and not values:
        raise SourceError(path, detect.line, f"detect.{key} needs at least one pattern")
    compiled = []
    for value in values:
        pattern = lazy_compile(value, re.IGNORECASE) if isinstance(value, str) else None
        try:
            if pattern is None:
                re.compile(value, re.IGNORECASE)  # raises the TypeError reported below
            elif not checked:
                pattern.compiled  # noqa: B018 - compiled now, to report a bad pattern with its line
        except (re.error, TypeError) as exc:
            raise SourceError(path, detect.line_of(key), f"detect.{key}: invalid regex {value!r}: {exc}") from None
        compiled.append(pattern)
    return tuple(compiled)


def _predicate(item: LineDict, path: Path) -> str:
    value = item.get("predicate", "recommendation")
    if value not in ("recommendation", "approval"):
        raise SourceError(path, item.line_of("predicate"), "'predicate' must be recommendation or approval")
    return value


def _detect_words(detect: LineDict, path: Path) -> tuple[str, ...]:
    words = detect.get("words")
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise SourceError(path, detect.line, "detect.words needs the topic's words (a list of strings)")
    return tuple(words)


def _unique_id(item: LineDict, path: Path, seen: dict[str, Any]) -> str:
    value = _text(item, "id", path)
    if value in seen:
        raise SourceError(path, item.line_of("id"), f"duplicate id {value!r}")
    return value


def _text(item: dict, key: str, path: Path) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        line = item.line_of(key) if isinstance(item, LineDict) else None
        raise SourceError(path, line, f"'{key}' must be a non-empty string")
    return value


def _strings(item: LineDict, key: str, path: Path) -> list[str]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SourceError(path, item.line_of(key), f"'{key}' must be a list of strings")
    return list(value)


def _source(item: LineDict, path: Path, key: str = "source") -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise SourceError(path, item.line_of(key) if key in item else item.line,
                          f"every entry needs a '{key}' web address")
    return value


def _date(item: dict, key: str, path: Path) -> date:
    value = item.get(key)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        line = item.line_of(key) if isinstance(item, LineDict) else None
        raise SourceError(path, line, f"'{key}' must be a date like 2021-07-23, not {value!r}") from None
