"""The raw counts behind every formula, made the way textstat 0.7.8 makes them.

textstat works on one string and recomputes word lists for each formula (its caches hold 128
strings and words). medlint counts each prose block once, word by word through a cache that
lasts the whole run, and adds the counts up per section and per document. Adding up is exact
because the scored text is the blocks joined by blank lines, each block ending in ``.``, ``!``
or ``?`` (see ``prose.py``): no word and no sentence of textstat's spans two blocks.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .syllables import LANG, syllables

# textstat's sentence splitter (backend/counts/_count_sentences.py) finds the fragments
# r"\b[^.!?]+[.!?]*" and does not count those of 2 words or fewer. A fragment's words are its
# whitespace-separated tokens that hold a word character (removing punctuation empties the
# others), and every fragment starts at a word character. So one scan counts them: at each
# fragment start, the lookahead captures three such tokens before the fragment's end when
# there are three (tokens of punctuation alone may sit between them), or captures nothing;
# three plain words, the usual case, are tried first because they are quick to match.
_BODY = r"[^\s.!?]"  # a character of a token inside a fragment
_SENTENCE = re.compile(
    r"\b(?=(\w+\s+\w+\s+\w)"
    rf"|({_BODY}*\s+(?:[^\w\s.!?]+\s+)*{_BODY}*\w{_BODY}*\s+(?:[^\w\s.!?]+\s+)*{_BODY}*\w)|)"
    r"[^.!?]+[.!?]*")


class Counts(NamedTuple):
    """Immutable, because ``count_text``'s cache hands the same object to every caller; a tuple,
    so that ``total`` adds the fields column by column."""

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
def _easy_words() -> frozenset[str]:
    from textstat.backend.utils import get_lang_easy_words

    return frozenset(get_lang_easy_words(LANG))


# Per word as split by textstat: its unfamiliar, hard and polysyllabic flags and its syllables
# packed into one integer, so that a list's totals are one C-level sum. The flag fields hold
# up to _CHUNK words each; syllables sit on top, where no field above can be overrun. Totals
# below 2**63 keep sum() on its machine-integer fast path (any larger total is still exact).
_FIELD = 15
_MASK = (1 << _FIELD) - 1
_CHUNK = _MASK  # words added up per sum, so that no flag field overflows into the next
_packed: dict[str, int] = {}


def _pack(word: str) -> int:
    lower = word.lower()
    count = syllables(lower)
    unfamiliar = lower not in _easy_words()
    poly = count >= 3
    return (unfamiliar | ((unfamiliar and poly) << _FIELD) | (poly << 2 * _FIELD)
            | (count << 3 * _FIELD))


def _word_totals(words: list[str]) -> tuple[int, int, int, int]:
    """(syllables, polysyllables, hard words, unfamiliar words) of a word list."""
    if len(words) > _CHUNK:
        parts = [_word_totals(words[at:at + _CHUNK]) for at in range(0, len(words), _CHUNK)]
        return tuple(sum(column) for column in zip(*parts))  # type: ignore[return-value]
    packed = _packed
    try:
        total = sum(map(packed.__getitem__, words))
    except KeyError:  # new words: pack them, then add up again
        for word in set(words).difference(packed):
            packed[word] = _pack(word)
        total = sum(map(packed.__getitem__, words))
    return (total >> 3 * _FIELD, (total >> 2 * _FIELD) & _MASK, (total >> _FIELD) & _MASK,
            total & _MASK)


class _KeepTable(dict):  # type: ignore[type-arg]
    """``str.translate`` table that keeps word characters, whitespace and ``'`` and deletes every
    other character: textstat's ``[^\\w\\s']`` removal, three times faster than ``re.sub``.
    Filled on first sight of each character, so any Unicode text is covered."""

    def __missing__(self, code: int) -> int | None:
        value = code if _KEPT_CHAR.match(chr(code)) else None
        self[code] = value
        return value


_KEPT_CHAR = re.compile(r"[\w\s']")
_KEEP = _KeepTable()


@functools.lru_cache(maxsize=1)
def _non_contraction_apostrophe() -> re.Pattern[str]:
    from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

    return re.compile(RE_NONCONTRACTION_APOSTROPHE)


def remove_punctuation(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``: apostrophes that do not
    start a contraction ending go first, then all punctuation but apostrophes."""
    if "'" in text:
        text = _non_contraction_apostrophe().sub("", text)
    return text.translate(_KEEP)


def word_list(text: str) -> list[str]:
    """textstat's ``list_words``: punctuation (but not contraction apostrophes) removed, split."""
    return remove_punctuation(text).split()


def word_count(text: str) -> int:
    """textstat's ``lexicon_count`` with its defaults."""
    return len(word_list(text))


@functools.lru_cache(maxsize=4096)
def count_text(text: str) -> Counts:
    """Counts for one block of prose that ends with sentence punctuation.

    Cached by text: boilerplate (disclaimers, sign-up lines) repeats across files.
    """
    stripped = remove_punctuation(text)
    words = stripped.split()
    syllable_count, polysyllables, hard, unfamiliar = _word_totals(words)
    # textstat's letters are the word characters: the words' characters minus kept apostrophes
    letters = len("".join(words)) - stripped.count("'")
    fragments = _SENTENCE.findall(text)  # ("", "") for each fragment of 2 words or fewer
    sentences = len(fragments) - fragments.count(("", ""))
    return Counts(words=len(words), sentences=sentences, syllables=syllable_count,
                  polysyllables=polysyllables, letters=letters,
                  hard_words=hard, unfamiliar_words=unfamiliar, has_text=bool(text))


def total(parts: list[Counts]) -> Counts:
    if not parts:
        return Counts()
    *numbers, has_text = zip(*parts)
    return Counts(*map(sum, numbers), any(has_text))
