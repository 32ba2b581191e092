"""The raw counts behind every formula, made the way textstat 0.7.8 makes them.

textstat works on one string and recomputes word lists for each formula (its caches hold 128
strings and words). medlint counts each section's scored text once, word by word through a
cache that lasts the whole run, and adds the section counts up for the document. Adding up is
exact because the scored text is the blocks joined by blank lines, each block ending in ``.``,
``!`` or ``?`` (see ``prose.py``): no word and no sentence of textstat's spans two blocks, so no
word or sentence spans two sections either.
"""

from __future__ import annotations

import functools
import re
from operator import itemgetter
from typing import NamedTuple

from . import textstat_data
from .syllables import syllables


class Counts(NamedTuple):
    """A tuple, so that ``total`` adds the fields column by column."""

    words: int = 0
    sentences: int = 0  # before textstat's "at least one sentence" rule; see Counts.sentence_count
    syllables: int = 0
    polysyllables: int = 0  # words of 3+ syllables (SMOG)
    letters: int = 0  # word characters (Coleman-Liau)
    hard_words: int = 0  # not on the Dale-Chall easy list, 3+ syllables (Gunning fog)
    unfamiliar_words: int = 0  # not on the Dale-Chall easy list (Dale-Chall)
    has_text: bool = False

    @property
    def sentence_count(self) -> int:
        """textstat's count: 0 for an empty text, otherwise at least 1."""
        if not self.has_text:
            return 0
        return max(1, self.sentences)


@functools.lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """Dale-Chall's list of about 3,000 words most fourth-graders know (textstat's copy)."""
    return frozenset(textstat_data.data()["easy"])


# Per word as split by textstat: its unfamiliar, hard and polysyllabic flags and its syllables
# packed into one integer, so that a list's totals are one C-level sum. The flag fields hold
# up to _CHUNK words each; syllables sit on top, where no field above can be overrun. Totals
# below 2**63 keep sum() on its machine-integer fast path (any larger total is still exact).
_FIELD = 15
_MASK = (1 << _FIELD) - 1
_CHUNK = _MASK  # words added up per sum, so that no flag field overflows into the next
_packed: dict[str, int] = {}
_PACKED_LIMIT = 50_000


def _pack(word: str) -> int:
    lower = word.lower()
    count = syllables(lower)
    unfamiliar = lower not in easy_words()
    poly = count >= 3
    return (unfamiliar | ((unfamiliar and poly) << _FIELD) | (poly << 2 * _FIELD)
            | (count << 3 * _FIELD))


def _packed_sum(words: list[str]) -> int:
    if len(words) > 1:  # one itemgetter call looks every word up (and gives a tuple)
        return sum(itemgetter(*words)(_packed))
    return sum(map(_packed.__getitem__, words))


def _word_totals(words: list[str]) -> tuple[int, int, int, int]:
    """(syllables, polysyllables, hard words, unfamiliar words) of a word list."""
    if len(words) > _CHUNK:
        parts = [_word_totals(words[at:at + _CHUNK]) for at in range(0, len(words), _CHUNK)]
        return tuple(sum(column) for column in zip(*parts))  # type: ignore[return-value]
    try:
        total = _packed_sum(words)
    except KeyError:  # new words: pack them, then add up again
        new = set(words).difference(_packed)
        if len(_packed) + len(new) > _PACKED_LIMIT:  # bounded for long-running processes
            _packed.clear()
            new = set(words)
        for word in new:
            _packed[word] = _pack(word)
        total = _packed_sum(words)
    return (total >> 3 * _FIELD, (total >> 2 * _FIELD) & _MASK, (total >> _FIELD) & _MASK,
            total & _MASK)


class _KeepTable(dict):  # type: ignore[type-arg]
    """``str.translate`` table that keeps the characters ``pattern`` matches and deletes every
    other one; three times faster than ``re.sub``. Filled on first sight of each character, so
    any Unicode text is covered."""

    def __init__(self, pattern: str) -> None:
        super().__init__()
        self._keeps = re.compile(pattern).match

    def __missing__(self, code: int) -> int | None:
        value = code if self._keeps(chr(code)) else None
        self[code] = value
        return value


_KEPT = r"[\w\s']"  # what textstat's remove_punctuation keeps
_KEEP = _KeepTable(_KEPT)
_KEEP_AND_MARKS = _KeepTable(r"[\w\s'.!?]")
# ASCII text takes a bytes route: ``bytes.translate`` deletes from a fixed 256-byte table, where
# ``str.translate`` looks up every distinct character again on each call.
_ASCII_DROP = bytes(code for code in range(128) if not re.match(_KEPT, chr(code)))
_ASCII_DROP_BUT_MARKS = bytes(code for code in _ASCII_DROP if chr(code) not in ".!?")
_ASCII_SPACE_AND_APOSTROPHE = bytes(code for code in range(128) if chr(code).isspace() or chr(code) == "'")


@functools.lru_cache(maxsize=1)
def _non_contraction_apostrophe() -> re.Pattern[str]:
    return re.compile(textstat_data.data()["apostrophe"])


def _drop_punctuation(text: str, ascii_drop: bytes, table: _KeepTable) -> str:
    if "'" in text:
        text = _non_contraction_apostrophe().sub("", text)
    if text.isascii():
        return text.encode("ascii").translate(None, ascii_drop).decode("ascii")
    return text.translate(table)


def remove_punctuation(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``: apostrophes that do not
    start a contraction ending go first, then all punctuation but apostrophes."""
    return _drop_punctuation(text, _ASCII_DROP, _KEEP)


def word_list(text: str) -> list[str]:
    """textstat's ``list_words``: punctuation (but not contraction apostrophes) removed, split."""
    return remove_punctuation(text).split()


def word_count(text: str) -> int:
    """textstat's ``lexicon_count`` with its defaults."""
    return len(word_list(text))


# count_text's cache: boilerplate sections (disclaimers, sign-up lines) repeat across files.
# Plain tuples of ints, which the garbage collector stops tracking, and a dict emptied when full:
# an LRU cache's entries and named tuples are containers that outlive many collections, and on a
# long run each one adds to the full collections that walk every long-lived object.
_CACHE_LIMIT = 4096
_cache: dict[str, tuple[int, int, int, int, int, int, int, bool]] = {}


def clear_cache() -> None:
    _cache.clear()


def count_text(text: str) -> Counts:
    """Counts for a piece of the scored text (one or more blocks, each ending with sentence
    punctuation), cached by text."""
    found = _cache.get(text)
    if found is None:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        found = _cache[text] = count_block(text)
    return Counts._make(found)


# textstat's sentences are the fragments r"\b[^.!?]+[.!?]*" of the text, less those of two words
# or fewer. Between two runs of ``.``, ``!`` and ``?`` lies a region; a fragment starts at its
# region's first word character and runs to the region's end, and its words are the region's
# whitespace-separated tokens that keep a character once punctuation is removed. So, once
# punctuation other than the marks is removed, the sentences are the regions of three tokens or
# more: no regular expression has to walk the text.
def count_block(text: str) -> tuple[int, int, int, int, int, int, int, bool]:
    """``count_text`` without the cache: the fields of ``Counts``, in order, as a plain tuple."""
    kept = _drop_punctuation(text, _ASCII_DROP_BUT_MARKS, _KEEP_AND_MARKS)
    if "!" in kept or "?" in kept:
        kept = kept.replace("!", ".").replace("?", ".")
    regions = kept.split(".")
    sentences = [len(region.split(None, 2)) for region in regions].count(3)
    stripped = "".join(regions)  # textstat's remove_punctuation(text)
    words = stripped.split()
    # textstat's letters are the word characters: all but white space and kept apostrophes
    if stripped.isascii():
        letters = len(stripped.encode("ascii").translate(None, _ASCII_SPACE_AND_APOSTROPHE))
    else:
        letters = len("".join(words)) - stripped.count("'")
    syllable_count, polysyllables, hard, unfamiliar = _word_totals(words)
    return (len(words), sentences, syllable_count, polysyllables, letters, hard, unfamiliar,
            bool(text))


def total(parts: list[Counts]) -> Counts:
    if not parts:
        return Counts()
    *numbers, has_text = zip(*parts)
    return Counts(*map(sum, numbers), any(has_text))
