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
from typing import Iterator, NamedTuple, Sequence

from ..engine.prefilter import Needs, fold, possible, required_literals


class _Source(NamedTuple):
    pattern: str
    flags: int


class Cue:
    """``"|".join(alternatives)``, compiled with ``flags``, searched alternative by alternative.

    The alternatives must hold no capturing groups (callers read only the whole match), so that a
    pattern of some of them gives the same match objects as the whole."""

    _KEPT = 256  # sub-patterns compiled for combinations of alternatives

    def __init__(self, alternatives: Sequence[str], flags: int = 0) -> None:
        self.alternatives = list(alternatives)
        self.flags = flags
        self.regex = re.compile("|".join(self.alternatives), flags)
        self.pattern = self.regex.pattern
        if self.regex.groups:
            raise ValueError("a Cue's alternatives must hold no capturing groups")
        # required_literals reads only a pattern's source and flags: no need to compile each part
        self.needs: list[Needs] = [required_literals(_Source(part, flags)) for part in self.alternatives]  # type: ignore[arg-type]
        self._tested = [(i, needs) for i, needs in enumerate(self.needs) if needs]
        self._always = [i for i, needs in enumerate(self.needs) if not needs]
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}

    def chosen(self, folded: str) -> tuple[int, ...]:
        """The alternatives whose literals ``folded`` (a ``fold``-ed text) holds, in order."""
        found = [i for i, needs in self._tested if possible(needs, folded)]
        if self._always:
            found = sorted(found + self._always)
        return tuple(found)

    def for_text(self, text: str, folded: str | None = None) -> re.Pattern[str] | None:
        """The pattern to search ``text`` with; None when no alternative can match in it."""
        chosen = self.chosen(fold(text) if folded is None else folded)
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

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize, *,
               folded: str | None = None) -> re.Match[str] | None:
        regex = self.for_text(text, folded)
        return regex.search(text, pos, endpos) if regex is not None else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize, *,
                 folded: str | None = None) -> Iterator[re.Match[str]]:
        regex = self.for_text(text, folded)
        return regex.finditer(text, pos, endpos) if regex is not None else iter(())


def top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` cut at the ``|`` that stand outside every group and character class."""
    parts: list[str] = []
    depth, start, at = 0, 0, 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":  # a class: "]" right after "[" or "[^" is a member, not its end
            at += 1
            if pattern[at:at + 1] == "^":
                at += 1
            if pattern[at:at + 1] == "]":
                at += 1
            while pattern[at] != "]":
                at += 2 if pattern[at] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:at])
            start = at + 1
        at += 1
    parts.append(pattern[start:])
    return parts


def cue(pattern: str, flags: int = 0) -> Cue:
    """A ``Cue`` of one pattern written as a whole: the same regex, cut into its alternatives."""
    return Cue(top_level_alternatives(pattern), flags)
