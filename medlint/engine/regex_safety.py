"""Refuse rule patterns that can take exponential time (catastrophic backtracking).

Python's regex engine backtracks, so a pattern such as ``(a+)+$`` runs for minutes on forty
``a``s and a ``b``. Rule packs are user files; their patterns are checked when they load, and
one that can backtrack catastrophically is an error with its file and line, not a hang later.

What is refused, inside a repetition that can repeat many times (``*``, ``+``, ``{2,}``):
* another such repetition (``(a+)+``, ``(\\w*\\s?)*``), and
* alternatives that can begin with the same character (``(a|ab)*``, ``(\\w|\\d)+``).
Both are the shapes behind exponential backtracking. The check looks at the pattern's structure
only, so it may refuse a pattern that would in fact be fast; the message says how to rewrite it.
"""

from __future__ import annotations

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _p
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
if hasattr(_c, "POSSESSIVE_REPEAT"):
    _REPEATS.add(_c.POSSESSIVE_REPEAT)  # possessive repeats never backtrack
    _SAFE_REPEATS = {_c.POSSESSIVE_REPEAT}
else:
    _SAFE_REPEATS = set()
_ANY = object()  # a first character that can be anything


def catastrophic(pattern: str) -> str | None:
    """Why ``pattern`` can backtrack catastrophically, or None. The pattern must compile."""
    try:
        parsed = _p.parse(pattern)
    except Exception:  # noqa: BLE001 - the caller compiles the pattern and reports its error
        return None
    return _walk(list(parsed), inside_repeat=False)


def _walk(items: list, inside_repeat: bool) -> str | None:
    for op, arg in items:
        if op in _REPEATS:
            low, high, sub = arg
            if op in _SAFE_REPEATS:
                continue
            many = high == _c.MAXREPEAT or high > _SMALL
            if many and _loose(list(sub)):
                return "a repetition inside a repetition (like (a+)+ or (\\d+\\s*)+)"
            found = _walk(list(sub), inside_repeat or many)
            if found:
                return found
        elif op is _c.SUBPATTERN:
            found = _walk(list(arg[-1]), inside_repeat)
            if found:
                return found
        elif op is _c.BRANCH:
            branches = [list(b) for b in arg[1]]
            if inside_repeat and _overlapping_starts(branches) and not all(_fixed_length(b) for b in branches):
                return "alternatives that can start with the same character inside a repetition (like (a|ab)*)"
            for branch in branches:
                found = _walk(branch, inside_repeat)
                if found:
                    return found
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found = _walk(list(arg[1]), inside_repeat)
            if found:
                return found
    return None


#: a repetition bounded this low cannot backtrack exponentially ("(?:\\s+\\w+){0,3}")
_SMALL = 10


def _loose(items: list) -> bool:
    """Whether a repeated group holds a repetition of its own and no character it must match
    outside one: then the outer and inner repeats can split the same text in many ways."""
    has_repeat, fixed = False, False
    for op, arg in items:
        if op in _REPEATS:
            if arg[1] == _c.MAXREPEAT or arg[1] > 1:
                has_repeat = True
            elif arg[0] >= 1:
                fixed = fixed or not _loose(list(arg[2]))
        elif op is _c.SUBPATTERN:
            inner = list(arg[-1])
            if _loose(inner) or _has_repeat(inner):
                has_repeat = True
            else:
                fixed = True
        elif op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY, _c.CATEGORY):
            fixed = True
    return has_repeat and not fixed


def _has_repeat(items: list) -> bool:
    return any(op in _REPEATS and (arg[1] == _c.MAXREPEAT or arg[1] > 1) for op, arg in items)


def _first(items: list) -> object:
    """The characters a sequence can start with: a set of code points, or _ANY."""
    for op, arg in items:
        if op is _c.LITERAL:
            return {arg}
        if op is _c.NOT_LITERAL or op is _c.ANY or op is _c.IN or op is _c.CATEGORY:
            return _ANY
        if op is _c.SUBPATTERN:
            return _first(list(arg[-1]))
        if op in _REPEATS:
            return _ANY if arg[0] == 0 else _first(list(arg[2]))
        if op is _c.BRANCH:
            return _ANY
        if op is _c.AT:  # an anchor takes no character
            continue
        return _ANY
    return set()  # an empty alternative


def _fixed_length(items: list) -> bool:
    """Whether an alternative always matches one length (then "(a|b)*" cannot split text two ways
    unless the alternatives overlap and differ in length)."""
    for op, arg in items:
        if op in _REPEATS and arg[0] != arg[1]:
            return False
        if op is _c.BRANCH or (op is _c.SUBPATTERN and not _fixed_length(list(arg[-1]))):
            return False
    return True


def _overlapping_starts(branches: list[list]) -> bool:
    seen: set = set()
    for branch in branches:
        first = _first(branch)
        if first is _ANY:
            return True
        if seen & first:  # type: ignore[operator]
            return True
        seen |= first  # type: ignore[operator]
    return False
