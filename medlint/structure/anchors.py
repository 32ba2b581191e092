"""The plain text every match of a regex starts with, for phrase lists searched per document.

``engine.prefilter`` reads the literals a match must contain somewhere, one set per piece: for
the disclaimer entry ``(?:talk|speak) (?:to|with) (?:your|a) (?:doctor|...) before ...`` that is
"talk" or "speak", "doctor" or another, and " before ", which most health articles hold apart.
Here the pieces that open the pattern are multiplied out instead: every match starts with one of
"talk to your doctor before ", "speak with a physician before ", ... (32 strings), which almost
no article holds, so the entry is left out of the document's search.

The same rules as the prefilter's make the test sound: only ASCII literals count, and a text is
compared in ``engine.prefilter.fold``'s form, to which every character that ``re.IGNORECASE``
matches to an ASCII literal folds.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

_LIMIT = 64  # strings kept: more cost more to test than they save
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT}


def leading_literals(source: str, flags: int = 0) -> frozenset[str] | None:
    """Case-folded strings one of which starts every match of ``source`` (after any zero-width
    assertion); None when nothing useful can be said (an empty string would start some match)."""
    try:
        parsed = _sre.parse(source, flags)
    except Exception:  # noqa: BLE001 - an internal parser that changed: no test, no harm
        return None
    if parsed.state.flags & re.VERBOSE:
        return None
    found, _ = _sequence(list(parsed))
    if not found or "" in found:
        return None
    return frozenset(found)


def _sequence(items: list) -> tuple[set[str], bool]:
    """(strings one of which starts every match of the sequence, whether they are its whole
    matches: only then can what follows the sequence be appended)."""
    prefixes = {""}
    for op, value in items:
        found, whole = _item(op, value)
        combined = {p + f for p in prefixes for f in found}
        if len(combined) > _LIMIT:
            return prefixes, False
        prefixes = combined
        if not whole:
            return prefixes, False
    return prefixes, True


def _item(op, value) -> tuple[set[str], bool]:  # noqa: ANN001 - a parsed regex item
    if op is _sre.LITERAL:
        if 32 <= value < 127:
            return {chr(value).casefold()}, True
        return {""}, False
    if op is _sre.AT:  # \b, ^, $: match no character
        return {""}, True
    if op is _sre.SUBPATTERN:  # (group, added flags, removed flags, subpattern)
        if value[1] or value[2]:
            return {""}, False  # (?i:...) and the like change what a literal matches
        return _sequence(list(value[-1]))
    if op is _sre.BRANCH:
        found: set[str] = set()
        whole = True
        for branch in value[1]:
            strings, complete = _sequence(list(branch))
            found |= strings
            whole = whole and complete
        return found, whole
    if op in _REPEATS:
        low, high, body = value
        if low == high == 1:
            return _sequence(list(body))
        if low == 0 and high == 1:  # optional: present or not
            strings, complete = _sequence(list(body))
            return strings | {""}, complete
    return {""}, False
