"""Word lists of the plain-language rules: jargon with plain alternatives, known acronyms.

A rule names its lexicon with the ``lexicon`` field: a path relative to the rule pack file, or
the name of a file in the built-in ``rules/lexicons`` folder. Files are read once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import buildcache
from ..resources import builtin_rules_dir
from ..yamlsource import SourceError, safe_loader


@dataclass(frozen=True)
class JargonTerm:
    term: str
    plain: tuple[str, ...]
    variants: tuple[str, ...]
    category: str


@dataclass(frozen=True)
class AcronymLists:
    known: frozenset[str]
    ignore: frozenset[str]


def lexicon_path(name: str, rule_file: Path) -> Path:
    candidate = (rule_file.parent / name)
    if candidate.is_file():
        return candidate.resolve()
    builtin = builtin_rules_dir() / "lexicons" / name
    if builtin.is_file():
        return builtin
    raise FileNotFoundError(name)


def rule_lexicon(rule: Any, default: str) -> Path:
    """The lexicon a rule names in its ``lexicon`` field (default ``default``), found next to the
    rule's pack or among the built-in lexicons; a bad name is the rule file's error."""
    name = rule.spec.get("lexicon", default)
    if not isinstance(name, str):
        raise rule.error("lexicon", "'lexicon' must be a file name")
    try:
        return lexicon_path(name, Path(rule.origin.path))
    except FileNotFoundError:
        raise rule.error("lexicon", f"lexicon {name!r} not found next to the rule pack "
                                    "or among the built-in lexicons") from None


def _load(path: Path) -> Any:
    import yaml  # here: the lexicons usually come from the build cache

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=safe_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceError(path, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(path, None, f"cannot read lexicon: {exc}") from None


def _strings(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None
    return tuple(v.strip() for v in value)


@functools.lru_cache(maxsize=8)
def jargon(path: Path) -> tuple[JargonTerm, ...]:
    """The lexicon's terms; its YAML is read once and kept in the build cache (by its content)."""
    key = (str(path), buildcache.file_hash(path), buildcache.file_hash(__file__))
    fields = buildcache.cached(buildcache.per_source("jargon-lexicon", path), key,
                               lambda: [(t.term, t.plain, t.variants, t.category) for t in _jargon(path)])
    return tuple(JargonTerm(*values) for values in fields)


def _jargon(path: Path) -> tuple[JargonTerm, ...]:
    data = _load(path)
    entries = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SourceError(path, None, "a jargon lexicon needs 'terms: [{term, plain, variants, category}]'")
    terms = []
    for number, entry in enumerate(entries, 1):
        term = entry.get("term") if isinstance(entry, dict) else None
        plain = _strings(entry.get("plain")) if isinstance(entry, dict) else None
        variants = _strings(entry.get("variants")) if isinstance(entry, dict) else None
        if not isinstance(term, str) or not term.strip() or not plain or variants is None:
            raise SourceError(path, None, f"terms entry {number} ({term!r}) needs a 'term' and a list "
                                          "of 'plain' alternatives ('variants' is an optional list)")
        terms.append(JargonTerm(term.strip(), plain, variants, str(entry.get("category") or "")))
    return tuple(terms)


@functools.lru_cache(maxsize=8)
def acronyms(path: Path) -> AcronymLists:
    """The lexicon's lists; its YAML is read once and kept in the build cache (by its content)."""
    key = (str(path), buildcache.file_hash(path), buildcache.file_hash(__file__))
    known, ignore = buildcache.cached(
        buildcache.per_source("acronym-lexicon", path), key,
        lambda: (lambda lists: (lists.known, lists.ignore))(_acronyms(path)),
        lambda value: isinstance(value, tuple) and len(value) == 2
        and all(isinstance(v, frozenset) for v in value))
    return AcronymLists(known, ignore)


def _acronyms(path: Path) -> AcronymLists:
    data = _load(path)
    if not isinstance(data, dict):
        raise SourceError(path, None, "an acronym lexicon is a mapping with 'known' and 'ignore' lists")
    lists = {}
    for key in ("known", "ignore"):
        values = _strings(data.get(key))
        if values is None:
            raise SourceError(path, None, f"'{key}' must be a list of strings")
        lists[key] = frozenset(values)
    return AcronymLists(lists["known"], lists["ignore"])
