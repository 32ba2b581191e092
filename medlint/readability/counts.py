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
from dataclasses import dataclass

from .syllables import LANG, syllables

# textstat's sentence splitter (backend/counts/_count_sentences.py); fragments of 2 words or
# fewer are not counted as sentences.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_NOT_WORD_CHAR = re.compile(r"\W")
_WORDISH = re.compile(r"\S*\w\S*")


@dataclass
class Counts:
    words: int = 0
    sentences: int = 0  # before textstat's "at least one sentence" rule; see Counts.sentence_count
    syllables: int = 0
    polysyllables: int = 0  # words of 3+ syllables (SMOG)
    letters: int = 0  # word characters (Coleman-Liau)
    hard_words: int = 0  # not on the Dale-Chall easy list, 3+ syllables (Gunning fog)
    unfamiliar_words: int = 0  # not on the Dale-Chall easy list (Dale-Chall)
    has_text: bool = False

    def __iadd__(self, other: Counts) -> Counts:
        self.words += other.words
        self.sentences += other.sentences
        self.syllables += other.syllables
        self.polysyllables += other.polysyllables
        self.letters += other.letters
        self.hard_words += other.hard_words
        self.unfamiliar_words += other.unfamiliar_words
        self.has_text = self.has_text or other.has_text
        return self

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


# Per word as split by textstat: its syllables, polysyllabic, hard and unfamiliar flags packed
# into one integer (32 bits each), so that a block's totals are one C-level sum.
_FIELD = 32
_MASK = (1 << _FIELD) - 1
_packed: dict[str, int] = {}


def _pack(word: str) -> int:
    lower = word.lower()
    count = syllables(lower)
    unfamiliar = lower not in _easy_words()
    poly = count >= 3
    return (count | (poly << _FIELD) | ((unfamiliar and poly) << 2 * _FIELD)
            | (unfamiliar << 3 * _FIELD))


def _word_totals(words: list[str]) -> tuple[int, int, int, int]:
    """(syllables, polysyllables, hard words, unfamiliar words) of a word list."""
    packed = _packed
    for word in set(words).difference(packed):
        packed[word] = _pack(word)
    total = sum(map(packed.__getitem__, words))
    return (total & _MASK, (total >> _FIELD) & _MASK, (total >> 2 * _FIELD) & _MASK,
            total >> 3 * _FIELD)


def remove_punctuation(text: str) -> str:
    from textstat.backend.transformations import remove_punctuation as textstat_remove

    return textstat_remove(text, False)


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
    words = word_list(text)
    syllable_count, polysyllables, hard, unfamiliar = _word_totals(words)
    sentences = 0
    for fragment in _SENTENCE.findall(text):
        # 3+ tokens with a word character are 3+ words for textstat; otherwise count exactly
        if len(_WORDISH.findall(fragment, 0, 400)) > 2 or word_count(fragment) > 2:
            sentences += 1
    return Counts(words=len(words), sentences=sentences, syllables=syllable_count,
                  polysyllables=polysyllables, letters=len(_NOT_WORD_CHAR.sub("", text)),
                  hard_words=hard, unfamiliar_words=unfamiliar, has_text=bool(text))


def total(parts: list[Counts]) -> Counts:
    result = Counts()
    for part in parts:
        result += part
    return result
