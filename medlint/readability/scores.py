"""Readability formulas over counts, written as textstat 0.7.8 writes them (same operations in
the same order, so the floats are identical), plus the reliability rules."""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from .counts import Counts

SMOG_MIN_SENTENCES = 30  # SMOG was normed on samples of 30 sentences
MIN_WORDS = 100  # below this every formula is a rough guess

#: formula names accepted in configuration -> key in the scores
FORMULAS = {
    "smog": "smog",
    "flesch-kincaid": "flesch_kincaid_grade",
    "gunning-fog": "gunning_fog",
    "coleman-liau": "coleman_liau",
}
LABELS = {
    "smog": "SMOG",
    "flesch_kincaid_grade": "Flesch-Kincaid",
    "gunning_fog": "Gunning fog",
    "coleman_liau": "Coleman-Liau",
}
SHORT_LABELS = {"smog": "SMOG", "flesch_kincaid_grade": "FK", "gunning_fog": "Fog",
                "coleman_liau": "CLI"}


@functools.lru_cache(maxsize=1)
def _flesch_constants() -> tuple[float, float, float]:
    from .textstat_data import data

    return data()["flesch"]


class Scores(NamedTuple):
    """The scores of one text (a NamedTuple: nine are built per document, cheaply)."""

    smog: float
    flesch_kincaid_grade: float
    flesch_reading_ease: float
    gunning_fog: float
    coleman_liau: float
    dale_chall: float
    words: int
    sentences: int
    average_sentence_length: float

    @property
    def reliable(self) -> bool:
        return self.words >= MIN_WORDS

    @property
    def smog_reliable(self) -> bool:
        return self.sentences >= SMOG_MIN_SENTENCES

    def grade(self, formula: str = "smog") -> tuple[float, str]:
        """The grade level to hold against a target and the score it came from.

        SMOG needs 30 sentences; a shorter text is graded with Flesch-Kincaid instead.
        """
        key = FORMULAS.get(formula, "smog")
        if key == "smog" and not self.smog_reliable:
            key = "flesch_kincaid_grade"
        return getattr(self, key), key

    def brief(self, shown: str) -> str:
        """The other grade, reading ease and size, for a message that already shows ``shown``:
        'SMOG 13.4, reading ease 33.3, 75 words in 4 sentences'."""
        other = "flesch_kincaid_grade" if shown == "smog" else "smog"
        return (f"{SHORT_LABELS[other]} {getattr(self, other):.1f}, "
                f"reading ease {self.flesch_reading_ease:.1f}, "
                f"{self.words} words in {self.sentences} sentences")

    def to_json(self, formula: str = "smog") -> dict[str, Any]:
        grade, key = self.grade(formula)
        return {
            "smog": self.smog,
            "flesch_kincaid_grade": self.flesch_kincaid_grade,
            "flesch_reading_ease": self.flesch_reading_ease,
            "gunning_fog": self.gunning_fog,
            "coleman_liau": self.coleman_liau,
            "dale_chall": self.dale_chall,
            "words": self.words,
            "sentences": self.sentences,
            "average_sentence_length": self.average_sentence_length,
            "reliable": self.reliable,
            "smog_reliable": self.smog_reliable,
            "grade": grade,
            "grade_formula": key,
        }


def _ratio(numerator: float, denominator: float) -> float:
    try:
        return numerator / denominator
    except ZeroDivisionError:
        return 0.0


def score(counts: Counts) -> Scores:
    words = counts.words
    sentences = counts.sentence_count
    words_per_sentence = _ratio(words, sentences)
    syllables_per_word = _ratio(counts.syllables, words)

    if words_per_sentence == 0 or syllables_per_word == 0:
        reading_ease = 0.0
        kincaid = 0.0
    else:
        base, per_sentence, per_syllable = _flesch_constants()
        reading_ease = base - per_sentence * words_per_sentence - per_syllable * syllables_per_word
        kincaid = (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59

    try:
        smog = (1.043 * (30 * (counts.polysyllables / sentences)) ** 0.5) + 3.1291
    except ZeroDivisionError:
        smog = 0.0

    letters = _ratio(counts.letters, words) * 100
    sentences_per_100 = _ratio(sentences, words) * 100
    if letters == 0 or sentences_per_100 == 0:
        coleman = 0.0
    else:
        coleman = (0.058 * letters) - (0.296 * sentences_per_100) - 15.8

    try:
        fog = 0.4 * (words_per_sentence + 100 * counts.hard_words / words)
    except ZeroDivisionError:
        fog = 0.0

    try:
        unfamiliar = 100 * counts.unfamiliar_words / words
    except ZeroDivisionError:
        dale_chall = 0.0
    else:
        dale_chall = (0.1579 * unfamiliar) + (0.0496 * words_per_sentence)
        if unfamiliar > 5:
            dale_chall += 3.6365

    # positional, in field order: a NamedTuple's generated __new__ takes keywords at twice the cost
    return Scores(smog, kincaid, reading_ease, fog, coleman, dale_chall, words, sentences,
                  words_per_sentence)
