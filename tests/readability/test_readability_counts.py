"""The raw counts behind the formulas equal textstat's own, including on awkward text.

medlint reaches textstat's numbers by other routes (a translate table instead of regex removal,
with a bytes route for ASCII text; sentences from the regions between full stops; packed
per-word totals). These tests hold each route to textstat on random text made of the tokens that
decide the edge cases: punctuation-only tokens, apostrophes inside and outside contractions,
abbreviations and numbers with full stops, and letters outside ASCII (and, separately, ASCII
text alone, which takes the bytes route).
"""

from __future__ import annotations

import random

import pytest
import textstat

from medlint.readability import counts

TOKENS = [
    "the", "dose", "was", "given", "hepatocellular", "carcinoma", "patients", "it's", "don't",
    "dogs'", "'tis", "'", "'s", "-", "\u2014", "&", "(see", "note)", "e.g.", "U.S.", "Dr.",
    "3.5", "mg.", "120/80", "x-ray", "well-known", "...", "?!", "!", "?", ".", "end.",
    "caf\u00e9", "na\u00efve", "\u00df", "_", "\u201cquoted\u201d", "#1", "50%", "a", "I",
]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\t", "\u00a0"]
ASCII_TOKENS = [token for token in TOKENS if token.isascii()] + ["Wait!", "Why?", "a.m.", "'", "x'"]
ASCII_SEPARATORS = [" ", " ", " ", "  ", "\n", "\t", "\x0b"]


def random_texts(seed: int, count: int, longest: int = 14, *, tokens: list[str] = TOKENS,
                 separators: list[str] = SEPARATORS) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        size = rng.randint(0, longest)
        parts = []
        for _ in range(size):
            parts.append(rng.choice(tokens))
            parts.append(rng.choice(separators))
        texts.append("".join(parts))
    return texts


def uncached(text: str) -> counts.Counts:
    return counts.Counts._make(counts.count_block(text))


def textstat_counts(text: str) -> tuple[int, int, int]:
    return textstat.lexicon_count(text), textstat.sentence_count(text), textstat.letter_count(text)


@pytest.mark.parametrize("ascii_only", [False, True], ids=["unicode", "ascii"])
@pytest.mark.parametrize("seed", range(4))
def test_words_sentences_and_letters_equal_textstat_on_random_text(seed, ascii_only):
    if ascii_only:
        texts = random_texts(seed, 1500, tokens=ASCII_TOKENS, separators=ASCII_SEPARATORS)
        assert all(text.isascii() for text in texts)
    else:
        texts = random_texts(seed, 1500)
    mismatches = []
    for text in texts:
        found = uncached(text)
        mine = (found.words, found.sentence_count, found.letters)
        if mine != textstat_counts(text):
            mismatches.append((text, mine, textstat_counts(text)))
    assert mismatches == []


def test_remove_punctuation_equals_textstat_on_every_token():
    from textstat.backend.transformations import remove_punctuation

    ascii_texts = random_texts(8, 300, tokens=ASCII_TOKENS, separators=ASCII_SEPARATORS)
    for text in TOKENS + random_texts(7, 300) + ascii_texts:
        assert counts.remove_punctuation(text) == remove_punctuation(text, False), text


def test_syllable_and_word_list_totals_equal_textstat():
    text = " ".join(random_texts(11, 200, longest=30))
    found = uncached(text)
    assert found.syllables == textstat.syllable_count(text)
    assert found.polysyllables == textstat.polysyllabcount(text)
    assert found.unfamiliar_words == textstat.difficult_words(text, syllable_threshold=0, unique=False)
    assert found.hard_words == textstat.difficult_words(text, syllable_threshold=3, unique=False)


def test_a_block_longer_than_one_packed_sum_keeps_its_totals():
    # more words than one packed sum may hold: the per-field totals must not spill over
    text = " ".join(["hepatocellular the medication cat"] * (counts._CHUNK // 2)) + "."
    found = uncached(text)
    assert found.words > counts._CHUNK
    assert found.syllables == textstat.syllable_count(text)
    assert found.polysyllables == textstat.polysyllabcount(text) == found.words // 2
    assert found.unfamiliar_words == textstat.difficult_words(text, syllable_threshold=0, unique=False)
    assert found.hard_words == textstat.difficult_words(text, syllable_threshold=3, unique=False)


def test_counts_add_up_exactly():
    parts = [uncached(text) for text in ("One two three.", "", "Four five six seven.")]
    summed = counts.total(parts)
    assert (summed.words, summed.sentences, summed.has_text) == (7, 2, True)
    assert counts.total([]) == counts.Counts()


def test_the_count_cache_gives_the_uncached_counts_and_stays_bounded(monkeypatch):
    monkeypatch.setattr(counts, "_cache", {})
    monkeypatch.setattr(counts, "_CACHE_LIMIT", 3)
    texts = ["One two three.", "Four five six. Seven!", "Hepatocellular carcinoma is rare.",
             "A fourth text here.", "One two three."]
    for text in texts:
        found = counts.count_text(text)
        assert isinstance(found, counts.Counts)
        assert found == uncached(text)
        assert counts.count_text(text) == found  # the cached answer
        assert 1 <= len(counts._cache) <= 3
    # cached values are plain tuples, which the garbage collector can stop tracking
    assert all(type(value) is tuple for value in counts._cache.values())
