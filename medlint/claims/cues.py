"""The claim model's long patterns, searched only with the alternatives a sentence can match.

Every sentence with a trigger word, a number or a named drug or condition is read for approval
wording, research claims, citations and guideline topics. Each of those patterns is a list of a
dozen alternatives, and Python's regex engine tries every one at every position of the text,
although most sentences hold the words of none or one of them. A ``Cue`` keeps, per alternative,
the plain text every match of it must contain (``engine.prefilter.required_literals``), and
searches a text with a pattern of only the alternatives whose literals the text holds. An
alternative that cannot match anywhere in a text never decides a match, so the matches are those
of the whole pattern, in the same order. Callers that test one sentence against several patterns
fold it once (``prefilter.fold``) and pass the folded form.
"""

from __future__ import annotations

import re
import sys
from itertools import compress
from typing import Iterator, Sequence

from ..engine.prefilter import Needs, cheapest_first, fold, possible, source_literals


class Cue:
    """``"|".join(alternatives)``, compiled with ``flags``, searched alternative by alternative.

    The alternatives must hold no capturing groups (callers read only the whole match), so that a
    pattern of some of them gives the same match objects as the whole. Nothing is compiled or
    parsed until the first search: a run over one article needs only a few of the claim model's
    patterns, and start-up should not pay for the rest."""

    _KEPT = 256  # sub-patterns compiled for combinations of alternatives

    def __init__(self, alternatives: Sequence[str], flags: int = 0) -> None:
        self.alternatives = list(alternatives)
        self.flags = flags
        self.pattern = "|".join(self.alternatives)
        if _capturing(self.pattern):
            raise ValueError("a Cue's alternatives must hold no capturing groups")
        self._regex: re.Pattern[str] | None = None
        #: per kind of text (any, folded ASCII): the literal tests of the alternatives
        self._tests: tuple[_Tests, _Tests] | None = None
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}

    @property
    def regex(self) -> re.Pattern[str]:
        """The whole pattern."""
        if self._regex is None:
            regex = re.compile(self.pattern, self.flags)
            if regex.groups:
                raise ValueError("a Cue's alternatives must hold no capturing groups")
            self._regex = regex
        return self._regex

    def _literal_tests(self) -> tuple["_Tests", "_Tests"]:
        if self._tests is None:  # an ASCII text's only digits are 0-9 (prefilter): sharper needs
            self._tests = (_Tests([source_literals(part, self.flags) for part in self.alternatives]),
                           _Tests([source_literals(part, self.flags, True) for part in self.alternatives]))
        return self._tests

    def chosen(self, folded: str) -> tuple[int, ...]:
        """The alternatives whose literals ``folded`` (a ``fold``-ed text) holds, in order."""
        return self._literal_tests()[folded.isascii()].chosen(folded)

    def for_chosen(self, chosen: tuple[int, ...]) -> re.Pattern[str] | None:
        """The pattern of the alternatives ``chosen`` (``chosen``'s result); None for none."""
        if not chosen:
            return None
        if len(chosen) == len(self.alternatives):
            return self.regex
        regex = self._compiled.get(chosen)
        if regex is None:
            if len(self._compiled) >= self._KEPT:
                self._compiled.clear()
            regex = self._compiled[chosen] = re.compile("|".join(self.alternatives[i] for i in chosen), self.flags)
        return regex

    def for_text(self, text: str, folded: str | None = None) -> re.Pattern[str] | None:
        """The pattern to search ``text`` with; None when no alternative can match in it."""
        return self.for_chosen(self.chosen(fold(text) if folded is None else folded))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize, *,
               folded: str | None = None) -> re.Match[str] | None:
        regex = self.for_text(text, folded)
        return regex.search(text, pos, endpos) if regex is not None else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize, *,
                 folded: str | None = None) -> Iterator[re.Match[str]]:
        regex = self.for_text(text, folded)
        return regex.finditer(text, pos, endpos) if regex is not None else iter(())


class _Tests:
    """The literal tests of a Cue's alternatives, for one kind of text.

    Each alternative's first (most selective) set of literals is tested for all alternatives at
    once: one pass over the literals in C (``map`` and ``compress``), which gives a bit mask of
    those the text holds. The alternatives whose first set has a bit in it, with the rest of their
    sets to test, are kept per mask: most sentences hold one of a few combinations of cue words."""

    _KEPT = 4096  # masks remembered

    def __init__(self, needs: list[Needs]) -> None:
        literals = list(dict.fromkeys(literal for alternative in needs if alternative
                                      for literal in sorted(alternative[0])))
        bit = {literal: 1 << number for number, literal in enumerate(literals)}
        self.literals = tuple(literals)
        self.bits = tuple(bit[literal] for literal in literals)
        self.tested = [(i, sum(bit[literal] for literal in alternative[0]), cheapest_first(alternative[1:]))
                       for i, alternative in enumerate(needs) if alternative]
        self.always = tuple(i for i, alternative in enumerate(needs) if not alternative)
        self._by_mask: dict[int, list[tuple[int, Needs]]] = {}

    def chosen(self, folded: str) -> tuple[int, ...]:
        mask = sum(compress(self.bits, map(folded.__contains__, self.literals)))
        candidates = self._by_mask.get(mask)
        if candidates is None:
            if len(self._by_mask) >= self._KEPT:
                self._by_mask.clear()
            candidates = self._by_mask[mask] = [(i, rest) for i, first, rest in self.tested if first & mask]
        found = [i for i, rest in candidates if not rest or possible(rest, folded)]
        if self.always:
            return tuple(sorted(found + list(self.always)))
        return tuple(found)


def _structure(pattern: str) -> Iterator[tuple[int, str]]:
    """Each character of ``pattern`` that stands outside escapes and character classes, with its
    index: the characters that open and close groups and separate alternatives."""
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            at = _class_end(pattern, at) + 1
            continue
        yield at, char
        at += 1


def _capturing(pattern: str) -> bool:
    """Whether ``pattern`` opens a capturing group: "(" outside a class, not escaped, and not
    "(?" unless it is "(?P<" (a named group)."""
    return any(char == "(" and (pattern[at + 1:at + 2] != "?" or pattern[at + 2:at + 4] == "P<")
               for at, char in _structure(pattern))


def _class_end(pattern: str, at: int) -> int:
    """The index of the "]" that closes the class opened at ``at``: "]" right after "[" or "[^"
    is a member, not its end."""
    at += 1
    if pattern[at:at + 1] == "^":
        at += 1
    if pattern[at:at + 1] == "]":
        at += 1
    while pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at


def top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` cut at the ``|`` that stand outside every group and character class."""
    parts: list[str] = []
    depth, start = 0, 0
    for at, char in _structure(pattern):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:at])
            start = at + 1
    parts.append(pattern[start:])
    return parts


def cue(pattern: str, flags: int = 0) -> Cue:
    """A ``Cue`` of one pattern written as a whole: the same regex, cut into its alternatives."""
    return Cue(top_level_alternatives(pattern), flags)
