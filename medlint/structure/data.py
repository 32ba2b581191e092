"""Built-in data of the structure rules: section definitions, inference words, phrase lists.

The data lives in ``rules/structure/*.yaml`` so that editors can extend it without code.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

from ..resources import builtin_rules_dir


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """One data file of ``rules/structure``; a missing optional file reads as empty."""
    path = builtin_rules_dir() / "structure" / f"{name}.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


@functools.lru_cache(maxsize=None)
def kb_drug_names() -> tuple[str, ...]:
    """Generic names, brands and aliases from the knowledge base, when it is there."""
    path = builtin_rules_dir() / "kb" / "drugs.yaml"
    if not path.is_file():
        return ()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
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
    parts = []
    for phrase in phrases:
        phrase = str(phrase)
        if len(phrase) > 2 and phrase.startswith("/") and phrase.endswith("/"):
            parts.append(f"(?:{phrase[1:-1]})")
            continue
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        start = r"\b" if re.match(r"\w", phrase) else ""
        end = r"\b" if re.search(r"\w$", phrase) else ""
        parts.append(f"{start}{body}{end}")
    if not parts:
        return None
    prefix = r"^\s*" if anchored else ""
    return re.compile(prefix + "(?:" + "|".join(parts) + ")", re.IGNORECASE)
