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
    if op is _sre.IN and all(kind is _sre.LITERAL and 32 <= code < 127 for kind, code in value):
        return {chr(code).casefold() for _, code in value}, True  # (?:s|z), which the parser makes [sz]
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


def at_word_start(source: str, flags: int = 0) -> bool:
    """Whether every match of ``source`` begins with ``\b`` (then a word character)."""
    try:
        parsed = _sre.parse(source, flags)
    except Exception:  # noqa: BLE001 - see leading_literals
        return False
    return _bounded(list(parsed))


def _bounded(items: list) -> bool:
    if not items:
        return False
    op, value = items[0]
    if op is _sre.AT:
        return value is _sre.AT_BOUNDARY
    if op is _sre.SUBPATTERN and not (value[1] or value[2]):
        return _bounded(list(value[-1]))
    if op is _sre.BRANCH:
        return all(_bounded(list(branch)) for branch in value[1])
    return False


_PLAIN_WORD = re.compile(r"[a-z0-9_]+")


class Openings:
    """A set of ``leading_literals``, tested against a folded text: the text is scanned once
    for each distinct first word of the strings ("talk", "speak"), and the strings are compared
    only where that word occurs, instead of one scan of the text per string.

    When every match begins at a word boundary and every string's first word is a whole run of
    ASCII word characters followed by more of the string, a text whose words (all ASCII, as
    ``wordindex.words_of`` reads them) lack all those first words holds none of the strings:
    a set test before any scan."""

    __slots__ = ("strings", "first_words", "_groups")

    def __init__(self, strings: frozenset[str], word_start: bool = False) -> None:
        self.strings = strings
        groups: dict[str, list[str]] = {}
        for string in sorted(strings):
            groups.setdefault(string.split(" ", 1)[0] or string, []).append(string)
        self._groups = tuple((head, tuple(members)) for head, members in groups.items())
        whole_words = word_start and all(
            _PLAIN_WORD.fullmatch(head) and all(len(member) > len(head) for member in members)
            for head, members in self._groups)
        self.first_words = frozenset(groups) if whole_words else None

    def excluded_by(self, words: frozenset[str] | None) -> bool:
        """Whether a text with these words (None: not known) can hold none of the strings."""
        return words is not None and self.first_words is not None and self.first_words.isdisjoint(words)

    def found_in(self, folded: str) -> bool:
        """Whether a folded text holds one of the strings."""
        for head, members in self._groups:
            at = folded.find(head)
            while at != -1:
                if folded.startswith(members, at):
                    return True
                at = folded.find(head, at + 1)
        return False
