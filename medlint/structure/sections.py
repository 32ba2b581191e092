"""Section definitions, per-type profiles, and matching headings to sections.

A profile says which sections an article type needs. It is built from the data file
``rules/structure/sections.yaml`` and the ``sections`` configuration key, and cached by the
(frozen, hashable) configuration value.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..document.headings import REFERENCES_HEADINGS, normalize_heading
from . import data

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4]")


def heading_key(text: str) -> str:
    """'2. Risks & Side-Effects:' -> 'risks and side effects'; "What's" -> 'whats'."""
    text = normalize_heading(_APOSTROPHES.sub("", text))
    text = text.replace("&", " and ").replace("/", " ").replace("-", " ").replace("_", " ")
    return " ".join(text.split())


def slug(text: str) -> str:
    return heading_key(text).replace(" ", "-")


def _wildcard(pattern: str) -> re.Pattern[str]:
    """'how is * diagnosed' -> a regex over a whole normalised heading; '*' is 1-8 words."""
    words = heading_key(pattern.replace("*", " WILDCARD ")).split()
    body = " ".join(r"\S+(?: \S+){0,7}" if w == "wildcard" else re.escape(w) for w in words)
    return re.compile(rf"^{body}$")


@dataclass(frozen=True)
class SectionDef:
    key: str
    name: str
    labels: tuple[str, ...]  # the name and headings as written, for messages
    headings: frozenset[str] = frozenset()  # normalised whole headings
    wildcards: tuple[re.Pattern[str], ...] = ()
    keywords: tuple[str, ...] = ()  # normalised phrases that count anywhere in a heading
    intro_counts: bool = False
    needs_numbers: bool = False

    @classmethod
    def build(cls, key: str, name: str, headings: Iterable[str], keywords: Iterable[str] = (),
              *, intro_counts: bool = False, needs_numbers: bool = False) -> "SectionDef":
        labels = tuple(dict.fromkeys([name, *headings]))
        plain = frozenset(heading_key(h) for h in labels if "*" not in h)
        wild = tuple(_wildcard(h) for h in labels if "*" in h)
        words = tuple(dict.fromkeys(w for w in (heading_key(k) for k in keywords) if w))
        return cls(key, name, labels, plain, wild, words, intro_counts, needs_numbers)

    def _rebuild(self, name: str, headings: Iterable[str]) -> "SectionDef":
        return SectionDef.build(self.key, name, headings, self.keywords,
                                intro_counts=self.intro_counts, needs_numbers=self.needs_numbers)

    def with_headings(self, extra: Iterable[str]) -> "SectionDef":
        """More headings that count; they are listed right after the name in messages."""
        return self._rebuild(self.name, [*extra, *self.labels])

    def renamed(self, name: str) -> "SectionDef":
        """A new display name, which also counts as a heading (the old name still does)."""
        return self._rebuild(name, self.labels)

    def shown_headings(self, limit: int = 6) -> list[str]:
        """Headings that would count, as a reader would write them ('*' shown as '...')."""
        return [label.replace("*", "...") for label in self.labels][:limit]


@dataclass(frozen=True)
class Profile:
    """What one article type needs."""

    type: str
    required: tuple[str, ...]
    if_treatment: tuple[str, ...]
    order: tuple[str, ...]
    defs: Mapping[str, SectionDef] = field(hash=False, compare=False, default_factory=dict)

    @property
    def relevant(self) -> list[SectionDef]:
        keys = dict.fromkeys([*self.required, *self.if_treatment, *self.order, "references"])
        return [self.defs[k] for k in keys if k in self.defs]


# -- built-in data ------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def builtin_defs() -> dict[str, SectionDef]:
    defs: dict[str, SectionDef] = {}
    sections = data.load("sections").get("sections", {})
    references = sections.get("references", {})
    ref_headings = list(references.get("headings", [])) + [h.title() for h in REFERENCES_HEADINGS]
    for key, spec in sections.items():
        headings = list(spec.get("headings", []))
        keywords = list(spec.get("keywords", []))
        if key == "references" or spec.get("also-references"):
            headings += ref_headings
            keywords += list(references.get("keywords", []))
        defs[key] = SectionDef.build(key, spec.get("name", key), headings, keywords,
                                     intro_counts=bool(spec.get("intro-counts")),
                                     needs_numbers=bool(spec.get("needs-numbers")))
    return defs


def builtin_types() -> dict[str, dict[str, Any]]:
    return dict(data.load("sections").get("types", {}))


def resolve(ref: str, defs: Mapping[str, SectionDef]) -> str | None:
    """A section named by key ('risks'), slug or display name ('Risks and side effects')."""
    if ref in defs:
        return ref
    if slug(ref) in defs:
        return slug(ref)
    wanted = heading_key(ref)
    for key, definition in defs.items():
        if heading_key(definition.name) == wanted:
            return key
    return None


# -- profiles -----------------------------------------------------------------------------------

def thaw_sections(frozen: Any) -> dict[str, dict[str, Any]]:
    """The validated ``sections`` value back from its frozen form (see settings.validate_sections)."""
    result: dict[str, dict[str, Any]] = {}
    for type_name, spec in dict(frozen or ()).items():
        spec = dict(spec)
        for mapping in ("rename", "define"):
            if mapping in spec:
                spec[mapping] = dict(spec[mapping])
        if "synonyms" in spec:
            spec["synonyms"] = {k: list(v) for k, v in dict(spec["synonyms"]).items()}
        result[type_name] = spec
    return result


@functools.lru_cache(maxsize=32)
def build_profiles(frozen: Any = ()) -> dict[str, Profile]:
    config = thaw_sections(frozen)
    base = builtin_defs()
    types = builtin_types()
    common = config.get("all", {})
    profiles: dict[str, Profile] = {}
    for type_name in dict.fromkeys([*types, *config]):
        if type_name == "all":
            continue
        builtin = types.get(type_name, {})
        own = config.get(type_name, {})
        defs = dict(base)
        for layer in (common, own):
            for key, name in layer.get("define", {}).items():
                defs.setdefault(key, SectionDef.build(key, name, []))
        for key, name in (builtin.get("names") or {}).items():
            if key in defs:
                defs[key] = defs[key].renamed(name)
        for layer in (common, own):
            for key, name in layer.get("rename", {}).items():
                defs[key] = defs[key].renamed(name)
            for key, extra in layer.get("synonyms", {}).items():
                defs[key] = defs[key].with_headings(extra)
        required = list(own.get("required", builtin.get("required", [])))
        if_treatment = list(own.get("if-treatment", builtin.get("if-treatment", [])))
        for layer in (common, own):
            required += [k for k in layer.get("add", []) if k not in required]
            removed = set(layer.get("remove", []))
            required = [k for k in required if k not in removed]
            if_treatment = [k for k in if_treatment if k not in removed]
        order = list(own.get("order", builtin.get("order", [])))
        profiles[type_name] = Profile(type_name, tuple(required), tuple(if_treatment), tuple(order), defs)
    return profiles


# -- matching -----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _keyword_regex(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def match_heading(text: str, candidates: Iterable[SectionDef]) -> set[str]:
    """Keys of the sections a heading stands for, among ``candidates``.

    Whole-heading synonyms and keywords count; a keyword inside a longer keyword of another
    section does not. Wildcard headings ('What is *') count only when nothing else matched, so
    'What are the side effects?' is the risks section, not an overview.
    """
    key = heading_key(text)
    if not key:
        return set()
    candidates = list(candidates)
    found = {d.key for d in candidates if key in d.headings}
    spans: list[tuple[int, int, str]] = []
    for definition in candidates:
        for word in definition.keywords:
            if word not in key:  # the regex needs the word itself: skip compiling and running it
                continue
            for m in _keyword_regex(word).finditer(key):
                spans.append((m.start(), m.end(), definition.key))
    for start, end, owner in spans:
        inside_longer = any(s <= start and end <= e and (e - s) > (end - start) and o != owner
                            for s, e, o in spans)
        if not inside_longer:
            found.add(owner)
    if not found:
        found = {d.key for d in candidates if any(p.match(key) for p in d.wildcards)}
    return found
