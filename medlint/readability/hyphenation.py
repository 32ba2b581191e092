"""Hyphenation points of a word, as Pyphen finds them with its English (en_US) patterns.

textstat counts a word the CMU dictionary lacks as Pyphen's hyphenation points plus one. Pyphen
parses its 11,000 patterns (and textstat imports its whole package) on first use: about a tenth
of a second of every cold run, for the handful of such words an article has. medlint reads the
same pattern file (``hyph_en_US.dic`` in the installed Pyphen), keeps the parsed table in the
build cache (``medlint.buildcache``, by the file's content) and applies Liang's rule the same
way: every pattern found in ``.word.`` sets its digits at its position, the highest digit wins
at each point, and an odd one is a hyphenation point; points closer than two letters to either
end of the word do not count (Pyphen's ``left=2, right=2``, which textstat keeps). Tests check
the table and the points against Pyphen's own.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from .. import buildcache

LANG_FILE = "hyph_en_US.dic"
LEFT, RIGHT = 2, 2
#: lines of the file that are settings or comments, not patterns (hunspell's format)
_NOT_PATTERNS = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_HEX = re.compile(r"\^{2}([0-9a-f]{2})")  # ^^hh stands for the character hh

#: pattern letters -> its digits up to the last non-zero one, as a string ("0102"): one digit
#: before each letter, then one after the last (strings keep the stored table quick to load)
Patterns = dict[str, str]


class Hyphenator:
    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns
        self.longest = max(map(len, patterns), default=0)

    def count(self, word: str) -> int:
        """How many hyphenation points ``word`` has."""
        dotted = f".{word.lower()}."
        size = len(dotted)
        levels = [0] * (size + 1)
        patterns, longest = self.patterns, self.longest
        for start in range(size - 1):
            for end in range(start + 1, min(start + longest, size) + 1):
                found = patterns.get(dotted[start:end])
                if found is None:
                    continue
                for at, digit in enumerate(found, start):
                    if at > size:
                        break
                    if digit != "0" and int(digit) > levels[at]:
                        levels[at] = int(digit)
        # level i sits before dotted[i]: the point after i - 1 letters of the word
        last = len(word) - RIGHT
        return sum(1 for i, level in enumerate(levels) if level % 2 and LEFT <= i - 1 <= last)


def parse(text: str) -> Patterns:
    """The patterns of a hunspell hyphenation file (its first line, the encoding, skipped)."""
    patterns: Patterns = {}
    for line in text.split("\n")[1:]:
        line = line.strip()
        if not line or line.startswith(_NOT_PATTERNS):
            continue
        line = _HEX.sub(lambda m: chr(int(m.group(1), 16)), line)
        if "/" in line and "=" in line:  # a non-standard hyphenation: its digits are the same
            line = line.split("/", 1)[0]
        letters: list[str] = []
        digits = [0]  # digits[i]: the digit before letter i (and, last, after the last letter)
        pending = False  # a digit already read since the last letter (a second one starts a slot)
        for char in line:
            if char.isdecimal():
                if pending:  # two digits in a row: the second stands before an empty letter
                    letters.append("")
                    digits.append(0)
                digits[-1] = int(char)
                pending = True
            else:
                letters.append(char)
                digits.append(0)
                pending = False
        if not any(digits):
            continue
        last = max(i for i, d in enumerate(digits) if d)
        patterns["".join(letters)] = "".join(map(str, digits[:last + 1]))
    return patterns


def pattern_file() -> Path | None:
    """Pyphen's English pattern file, found without importing Pyphen."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionaries" / LANG_FILE
    return path if path.is_file() else None


def _read(path: Path) -> Patterns:
    raw = path.read_bytes()
    encoding = raw.split(b"\n", 1)[0].decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    return parse(raw.decode(encoding))


def _valid(table: object) -> bool:
    return (isinstance(table, dict) and set(map(type, table)) <= {str} and set(map(type, table.values())) <= {str}
            and "".join(table.values()).isdecimal())


@functools.lru_cache(maxsize=1)
def hyphenator() -> Hyphenator:
    path = pattern_file()
    if path is None:  # an unusual install: let Pyphen find its file
        import pyphen

        path = Path(pyphen.LANGUAGES[pyphen.language_fallback("en_US")])
    key = (str(path), buildcache.file_hash(path), buildcache.file_hash(__file__))
    return Hyphenator(buildcache.cached("hyphenation", key, lambda: _read(path), _valid))
