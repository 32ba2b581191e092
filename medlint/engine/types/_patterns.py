"""Reading pattern fields (phrases, regex, patterns) out of a rule's YAML."""

from __future__ import annotations

import re
from typing import Any

from ..matching import PatternSpec, _lemma_to_forms, exception_regex
from ..regex_safety import catastrophic
from ..rule import Rule

PATTERN_FIELDS = ("phrases", "regex", "patterns", "ignorecase", "lemma")


def read_patterns(rule: Rule, spec: Any, where: str | None = None) -> PatternSpec:
    """Patterns from ``spec[where]`` (a nested mapping) or, with no ``where``, the rule itself."""
    if where is not None:
        if not isinstance(spec, dict):
            raise rule.error(where, f"'{where}' must be a mapping with phrases, regex or patterns")
        unknown = [k for k in spec if k not in PATTERN_FIELDS]
        if unknown:
            raise rule.error(where, f"unknown field {unknown[0]!r} in '{where}' "
                                    f"(allowed: {', '.join(PATTERN_FIELDS)})")
    name = (lambda key: f"{where}.{key}") if where else (lambda key: key)
    line_key = (lambda key: where) if where else (lambda key: key)
    phrases = _string_list(rule, spec.get("phrases", []), name("phrases"), line_key("phrases"))
    regexes = _string_list(rule, spec.get("regex", []), name("regex"), line_key("regex"))
    for pattern in regexes:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise rule.error(line_key("regex"), f"invalid regex {pattern!r} in '{name('regex')}': {exc}")
        slow = catastrophic(pattern)
        if slow:
            raise rule.error(line_key("regex"), f"regex {pattern!r} in '{name('regex')}' can take exponential "
                                                f"time: {slow}; make the inner part match one way only "
                                                "(e.g. (a+)+ -> a+, (\\d+\\s*)+ -> \\d+(?:\\s+\\d+)*)")
    tokens = spec.get("patterns", [])
    if not isinstance(tokens, list) or not all(
            isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in tokens):
        raise rule.error(line_key("patterns"), f"'{name('patterns')}' must be a list of token "
                                               "patterns (each a list of mappings such as {LOWER: cure})")
    if tokens:
        _check_token_patterns(rule, tokens, name("patterns"), line_key("patterns"))
    result = PatternSpec(phrases, regexes, tokens,
                         ignorecase=_flag(rule, spec, "ignorecase", name, line_key),
                         lemma=_flag(rule, spec, "lemma", name, line_key))
    if result.empty:
        raise rule.error(where, f"'{where or rule.type_name}' needs at least one of phrases, regex, patterns")
    return result


def _check_token_patterns(rule: Rule, tokens: list, name: str, line_key: str | None) -> None:
    """Validate spaCy token patterns while loading, so `medlint rules` reports them too."""
    from spacy.schemas import validate_token_pattern

    for number, pattern in enumerate(tokens, 1):
        try:
            converted = [_lemma_to_forms(token) for token in pattern]
        except ValueError as exc:
            raise rule.error(line_key, f"invalid token pattern {number} in '{name}': {exc}") from None
        problems = validate_token_pattern(converted)
        if problems:
            raise rule.error(line_key, f"invalid token pattern {number} in '{name}': {problems[0]}")


def read_exceptions(rule: Rule):
    phrases = _string_list(rule, rule.spec.get("exceptions", []), "exceptions", "exceptions")
    try:
        return exception_regex(phrases)
    except re.error as exc:
        raise rule.error("exceptions", f"invalid regex in 'exceptions': {exc}") from None


def overlaps_exception(regex, text: str, unit: tuple[int, int], start: int, end: int) -> bool:
    if regex is None:
        return False
    for match in regex.finditer(text, unit[0], unit[1]):
        if match.start() < end and start < match.end():
            return True
    return False


def _flag(rule: Rule, spec: dict, key: str, name, line_key) -> bool:
    value = spec.get(key, True)
    if not isinstance(value, bool):
        raise rule.error(line_key(key), f"'{name(key)}' must be true or false")
    return value


def _string_list(rule: Rule, value: Any, name: str, line_key: str | None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise rule.error(line_key, f"'{name}' must be a list of non-empty strings")
    return list(value)
