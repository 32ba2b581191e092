"""Several phrase lists searched in one pass (``PhraseGroup``), and an index of only the words
that start phrases (``WordIndex(text, only)``), find what each list finds by itself."""

from __future__ import annotations

import random

import pytest

from medlint.structure import inference
from medlint.structure.wordindex import PhraseGroup, Phrases, WordIndex

from test_structure_wordindex import PATTERNS, TRICKY, VOCABULARY, by_regex

LISTS = [
    Phrases(VOCABULARY),
    Phrases(["side", "effects", "care", "study"]),  # shares first words with the first list
    Phrases(["heart attack", "heart", "attack", "can't find that page"]),
    None,
    Phrases(VOCABULARY, PATTERNS),  # name patterns: searched by itself
    Phrases(["\u00e9tude", "study"]),  # a first word outside ASCII: the alternation
]


@pytest.mark.parametrize("raw", [False, True])
@pytest.mark.parametrize("text", TRICKY)
def test_a_group_finds_what_each_list_finds(text: str, raw: bool) -> None:
    group = PhraseGroup(LISTS, raw=raw)
    found = group.find(WordIndex(text))
    assert found == [p.find(text, raw=raw) if p is not None else [] for p in LISTS]
    assert found == [by_regex(p, text, raw) if p is not None else [] for p in LISTS]


def test_a_group_agrees_on_random_texts() -> None:
    rng = random.Random(17)
    pieces = ["side", "effects", "side effects", "-", " ", "  ", ", ", "Study", "the", "care", "health", "heart",
              "attack", "Can't", "can\u2019t", "find", "that", "page", "\u017ftudy", "\u00e9tude", "mab", "nivolumab",
              "drug", "s", "_", "."]
    group = PhraseGroup(LISTS)
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert group.find(WordIndex(text)) == [p.find(text) if p is not None else [] for p in LISTS], text


@pytest.mark.parametrize("text", TRICKY)
def test_an_index_of_some_words_finds_what_a_full_one_finds(text: str) -> None:
    only = frozenset(["side", "effects", "study", "heart"])  # not every first word of the lists
    for phrases in LISTS:
        if phrases is None:
            continue
        assert phrases.find(WordIndex(text, only)) == phrases.find(WordIndex(text)), text
    group = PhraseGroup(LISTS)
    assert group.find(WordIndex(text, only)) == group.find(WordIndex(text))
    assert set(WordIndex(text, only).positions) <= only


def test_the_inference_groups_read_the_sample_as_the_lists_do() -> None:
    vocab = inference.vocabulary()
    text = ("Researchers published in a journal the study found side effects, dosage and how it works. "
            "Apply for benefits, sign in to your account, pay the copay. The symptoms are caused by a "
            "mutation; diagnosis, treatment, prognosis, screening, vaccines and how common it is. " * 3)
    sample = WordIndex(text, vocab.first_words)
    assert vocab.body_lists.find(sample) == [p.find(text) if p is not None else [] for p in vocab.body_lists.lists]
    assert vocab.aspect_lists.find(sample) == [p.find(text, raw=True) for p in vocab.aspects.values()]
    assert any(vocab.body_lists.find(sample)) and any(vocab.aspect_lists.find(sample))
