"""Cheap substring tests that tell when a regular expression cannot match a text.

Python's regex engine tries every alternative of a long phrase list at every word of a text,
which made a few patterns a large share of a linting pass, although most blocks hold none of
their words. ``required_literals`` reads a pattern's parse tree for the plain text every match
must contain ("percent" or "%"), so that a regex is run only where the case-folded text holds it;
``Alternatives`` does so for each alternative of a phrase list. The test is a necessary condition, never a
sufficient one: the regex still decides, so the matches are the ones it would find anyway.

Only ASCII characters count as literals, and texts are compared in ``fold``'s form (case-folded,
the dotless and the dotted i as "i"): every character that ``re.IGNORECASE`` matches to an
ASCII literal folds to that literal (``tests/core/test_speed_prefilter.py`` checks this over all
of Unicode), so the test is sound for case-sensitive and case-insensitive patterns alike.

A class of ASCII digits (``[0-9]``) needs one of its digits. ``\\d`` matches any Unicode digit,
so it needs "0" to "9" only in a text whose folded form is ASCII (``ascii_digits=True``): digits
have no case, so a folded ASCII text came from one whose only digits are ASCII.
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import buildcache
from ..persistent_memo import PersistentMemo

try:  # Python 3.11+
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

Needs = tuple[frozenset[str], ...]  # every set must have a member in the text

_MAX_CHOICES = 64  # a set of more strings than this costs more to test than it saves
_MAX_SETS = 3
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)  # Python 3.11+


def _plain(code: int) -> bool:
    return 32 <= code < 127


#: re.IGNORECASE matches "i" to the dotless small i and to the dotted capital I, which case-fold
#: to themselves and to "i" plus a combining dot above
_I_FORMS = str.maketrans({"\u0131": "i", "\u0307": None})


def fold(text: str) -> str:
    """The form in which texts are searched for literals. Dropping combining dots can only join
    letters, which makes the test weaker, never wrong."""
    folded = text.casefold()
    if "\u0131" in folded or "\u0307" in folded:
        folded = folded.translate(_I_FORMS)
    return folded


_DIGITS = frozenset("0123456789")


def _digits(items, ascii_digits: bool) -> frozenset[str] | None:  # noqa: ANN001 - a class's items
    """The digits a character class stands for, when it holds only digits (see the module's note)."""
    found: set[str] = set()
    for op, value in items:
        if op is _sre.LITERAL and 48 <= value <= 57:
            found.add(chr(value))
        elif op is _sre.RANGE and 48 <= value[0] <= value[1] <= 57:
            found.update(map(chr, range(value[0], value[1] + 1)))
        elif op is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT and ascii_digits:
            found |= _DIGITS
        else:
            return None
    return frozenset(found) or None


def _sequence(items, ascii_digits: bool = False) -> list[frozenset[str]]:  # noqa: ANN001 - a parsed subpattern
    """The sets of strings of which a match of this sequence contains one each."""
    needs: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            needs.append(frozenset(["".join(run).casefold()]))
            run.clear()

    for op, value in items:
        if op is _sre.LITERAL and _plain(value):
            run.append(chr(value))
            continue
        flush()
        if op is _sre.SUBPATTERN:  # (group, added flags, removed flags, subpattern)
            needs += _sequence(value[-1], ascii_digits)
        elif op is _ATOMIC and op is not None:
            needs += _sequence(value, ascii_digits)
        elif op in _REPEATS and value[0] >= 1:
            needs += _sequence(value[2], ascii_digits)
        elif op is _sre.IN:
            digits = _digits(value, ascii_digits)
            if digits:
                needs.append(digits)
        elif op is _sre.BRANCH:
            choices: set[str] = set()
            for branch in value[1]:
                best = _best(_sequence(branch, ascii_digits))
                if best is None:
                    choices = set()
                    break
                choices |= best
            if choices and len(choices) <= _MAX_CHOICES:
                needs.append(frozenset(choices))
    flush()
    return needs


def _best(needs: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective set: the one whose shortest string is longest, then the smallest."""
    return min(needs, key=lambda s: (-min(map(len, s)), len(s)), default=None)


def required_literals(pattern: re.Pattern[str], limit: int = _MAX_SETS) -> Needs:
    """Sets of case-folded strings: each match of ``pattern`` contains a member of every set;
    the ``limit`` most selective sets, the most selective first."""
    return source_literals(pattern.pattern, pattern.flags, limit=limit)


def source_literals(source: str, flags: int = 0, ascii_digits: bool = False, limit: int = _MAX_SETS) -> Needs:
    """``required_literals`` of the pattern ``source`` would compile to, read from its parse
    alone (compiling a pattern only to read its literals would parse it twice).
    ``ascii_digits``: the needs for texts whose folded form is ASCII (``\\d`` is "0" to "9").

    Kept from run to run (a cold run reads a hundred patterns' parses, the same each time)."""
    return _LITERALS(source, int(flags), bool(ascii_digits), limit)


def _read_literals(source: str, flags: int, ascii_digits: bool, limit: int) -> Needs:
    try:
        parsed = _sre.parse(source, flags)
    except Exception:  # noqa: BLE001 - an internal parser that changed, or no pattern: no test, no harm
        return ()
    if parsed.state.flags & re.VERBOSE:  # white space and comments are no literals there
        return ()
    needs = [s for s in _sequence(parsed, ascii_digits) if len(s) <= _MAX_CHOICES]
    needs.sort(key=lambda s: (-min(map(len, s)), len(s)))
    return tuple(needs[:limit])


_LITERALS = PersistentMemo("prefilter-literals", lambda: buildcache.file_hash(__file__), _read_literals)


def cheapest_first(needs: Needs) -> Needs:
    """``needs`` in the order that tests them fastest when the text lacks one: the smallest sets
    first (a set the text lacks costs a search per member; a rare "%" is one search)."""
    return tuple(sorted(needs, key=lambda choices: (len(choices), -min(map(len, choices)))))


def possible(needs: Needs, folded: str) -> bool:
    """Whether a folded text (``fold``) holds a member of every set (so a match is possible)."""
    contains = folded.__contains__  # map() runs the tests in C: this is called per block and rule
    for choices in needs:
        if not any(map(contains, choices)):
            return False
    return True


class Alternatives:
    """``head(?:a|b|...)`` searched with only the alternatives whose literals the text holds.

    An alternative that cannot match anywhere in a text never decides a match, so leaving it
    out gives the same matches, in the same order, as the whole pattern. Most texts hold the
    literals of none or one of the alternatives: no search at all, or a short one. The patterns
    compiled for each combination are kept (a few hundred at most).
    """

    _KEPT = 512

    def __init__(self, head: str, alternatives: list[str], flags: int = 0) -> None:
        self.head, self.alternatives, self.flags = head, list(alternatives), flags
        self.needs = [source_literals(part, flags) for part in self.alternatives]
        self.regex = re.compile(self._source(range(len(self.alternatives))), flags)  # the whole
        self.pattern = self.regex.pattern
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
        # one test per alternative, its most selective set: a plain string where it is one
        self._always = [i for i, needs in enumerate(self.needs) if not needs]
        self._single = [(i, next(iter(needs[0]))) for i, needs in enumerate(self.needs)
                        if needs and len(needs[0]) == 1]
        self._any = [(i, tuple(needs[0])) for i, needs in enumerate(self.needs) if needs and len(needs[0]) > 1]

    def _source(self, chosen) -> str:  # noqa: ANN001 - indices of alternatives
        return self.head + "(?:" + "|".join(self.alternatives[i] for i in chosen) + ")"

    def _for(self, text: str) -> re.Pattern[str] | None:
        folded = fold(text)
        chosen = self._always + [i for i, literal in self._single if literal in folded]
        chosen += [i for i, choices in self._any if any(literal in folded for literal in choices)]
        if not chosen:
            return None
        chosen = tuple(sorted(chosen))
        regex = self._compiled.get(chosen)
        if regex is None:
            if len(self._compiled) >= self._KEPT:
                self._compiled.clear()
            regex = self._compiled[chosen] = re.compile(self._source(chosen), self.flags)
        return regex

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        regex = self._for(text)
        return regex.search(text, *args) if regex is not None else None

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        regex = self._for(text)
        return regex.match(text, *args) if regex is not None else None

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        regex = self._for(text)
        return regex.finditer(text, *args) if regex is not None else iter(())
