"""Built-in data of the structure rules: section definitions, inference words, phrase lists.

The data lives in ``rules/structure/*.yaml`` so that editors can extend it without code. What
is read from it is kept in the build cache (``medlint.buildcache``, by the files' contents), so
that a cold run does not parse the YAML again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .. import buildcache
from ..engine.prefilter import Alternatives
from ..resources import builtin_rules_dir
from ..yamlsource import safe_loader

T = TypeVar("T")


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """One data file of ``rules/structure``; a missing optional file reads as empty."""
    path = builtin_rules_dir() / "structure" / f"{name}.yaml"
    if not path.is_file():
        return {}
    return _cached(f"structure-{name}", path, lambda: _read(path), lambda value: isinstance(value, dict))


def _read(path: Path) -> dict[str, Any]:
    import yaml

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=safe_loader())
    return data if isinstance(data, dict) else {}


def _cached(name: str, path: Path, build: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """``build()``, kept in the build cache under the contents of ``path`` and of this module
    (data that marshal cannot store, such as a YAML date, is simply built on every run)."""
    key = (str(path), buildcache.file_hash(path), buildcache.file_hash(__file__))
    return buildcache.cached(buildcache.per_source(name, path), key, build, valid)


@functools.lru_cache(maxsize=None)
def kb_drug_names() -> tuple[str, ...]:
    """Generic names, brands and aliases from the knowledge base, when it is there."""
    path = builtin_rules_dir() / "kb" / "drugs.yaml"
    if not path.is_file():
        return ()
    return _cached("structure-kb-drug-names", path, lambda: _drug_names(path),
                   lambda value: isinstance(value, tuple) and all(isinstance(v, str) for v in value))


def _drug_names(path: Path) -> tuple[str, ...]:
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=safe_loader()) or {}
    except yaml.YAMLError:
        return ()
    names: list[str] = []
    for drug in data.get("drugs", []) if isinstance(data, dict) else []:
        if not isinstance(drug, dict):
            continue
        for key in ("generic", "brands", "aliases"):
            value = drug.get(key)
            items = value if isinstance(value, list) else [value]
            names.extend(str(v) for v in items if isinstance(v, str) and len(v) > 3)
    return tuple(dict.fromkeys(names))


def phrase_regex(phrases: list[str] | tuple[str, ...], *, anchored: bool = False) -> re.Pattern[str] | None:
    """One case-insensitive regex for a phrase list; entries ``/.../`` are regexes already.

    Phrases match as whole words: ``\\b`` is added on a side only when the phrase starts or ends
    with a word character, so ``tags:`` still matches before a space.
    """
    parts = _phrase_parts(phrases, anchored)
    return re.compile(parts[0] + "(?:" + "|".join(parts[1]) + ")", re.IGNORECASE) if parts else None


def phrase_alternatives(phrases: list[str] | tuple[str, ...]) -> Alternatives | None:
    """``phrase_regex`` for long texts and many blocks: each search uses only the phrases whose
    words the text holds (the same matches, see ``engine.prefilter``)."""
    parts = _phrase_parts(phrases, False)
    return Alternatives(parts[0], parts[1], re.IGNORECASE) if parts else None


def _phrase_parts(phrases: list[str] | tuple[str, ...], anchored: bool) -> tuple[str, list[str]] | None:
    """The head and the alternatives of a phrase list's regex: ``head(?:a|b|...)``."""
    alternatives: list[tuple[bool, str]] = []  # (begins at a word boundary, pattern without it)
    for phrase in phrases:
        phrase = str(phrase)
        if len(phrase) > 2 and phrase.startswith("/") and phrase.endswith("/"):
            body = phrase[1:-1]
            bounded = body.startswith(r"\b")
            alternatives.append((bounded, f"(?:{body[2:] if bounded else body})"))
            continue
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        end = r"\b" if re.search(r"\w$", phrase) else ""
        alternatives.append((bool(re.match(r"\w", phrase)), body + end))
    if not alternatives:
        return None
    prefix = r"^\s*" if anchored else ""
    if all(bounded for bounded, _ in alternatives):
        # one \b test up front lets the scan skip mid-word positions before trying any phrase
        return prefix + r"\b", [part for _, part in alternatives]
    return prefix, [(r"\b" + part if bounded else part) for bounded, part in alternatives]
