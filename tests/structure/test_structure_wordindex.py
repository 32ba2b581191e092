"""The word index of the type inference finds exactly what the phrase alternation finds."""

from __future__ import annotations

import random

import pytest

from medlint.structure import inference
from medlint.structure.wordindex import Phrases, WordIndex

VOCABULARY = ["side effects", "side", "effects", "study", "the study", "studies", "co-author", "can't find that page",
              "heart attack", "care", "health care", "100 percent", "oxymorphone extended-release (opana er)",
              "ad26.cov2.s covid-19 vaccine", "drug", "drugs"]
PATTERNS = ["[a-z]{4,}mab", "[a-z]{3,}tinib|[a-z]{3,}rafenib", "[a-z]{3,}ectomy"]


def by_regex(phrases: Phrases, text: str, raw: bool = False) -> list[str]:
    """What the type inference found before the index: the alternation over the text."""
    source = text if raw else text.replace("\u2019", "'")
    return [m.group().lower() for m in phrases.pattern.finditer(source)]


TRICKY = [
    "Side effects are rare. SIDE EFFECTS of the Study were mild; side-effects, side\teffects.",
    "sideeffects side- effects -side effects side effects- the_study study_ studies' study's",
    "The study, the  study and the-study: a co-author (co author) and co-authors.",
    "Page: Can't find that page. Can\u2019t find that page! cant find that page",
    "A heart attack, heart-attacks, Heart Attack.",
    "Health care costs; health-care; health\u00a0care; healthcare; care.",
    "100 percent sure; 100-percent; 1000 percent.",
    "Oxymorphone extended-release (Opana ER) was withdrawn; oxymorphone extended release (opana er).",
    "The Ad26.COV2.S COVID-19 vaccine; ad26 cov2 s covid 19 vaccine.",
    "Nivolumab and pembrolizumab; LENVATINIB; sorafenib-based; mab; abmab; a mastectomy.",
    "\u017ftudy (long s), \u212aelvin, D\u0130ABETES, \u0131nsulin, drug\u0307s, caf\u00e9 drug, na\u00efve drugs.",
    "\u201cStudy\u201d \u2014 the study\u2026 \u2018drugs\u2019 \u2022 care\u00b7study",
    "drug2 2drug drug_ _drug drug\u00b2 drugs\u0301",
    "",
    "-",
    "study",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_index_finds_what_the_alternation_finds(text: str) -> None:
    phrases = Phrases(VOCABULARY, PATTERNS)
    assert phrases.find(text) == by_regex(phrases, text)
    assert phrases.find(text, raw=True) == by_regex(phrases, text, raw=True)
    assert phrases.search(WordIndex(text)) == bool(by_regex(phrases, text))
    assert phrases.contains(text) == bool(by_regex(phrases, text, raw=True))


def test_tricky_texts_do_match_something() -> None:
    """The cases above are not vacuous: the index finds phrases, plural forms stay apart."""
    phrases = Phrases(VOCABULARY, PATTERNS)
    found = phrases.find(TRICKY[0])
    assert found == ["side effects", "side effects", "the study", "side-effects", "side\teffects"]
    assert phrases.find("Nivolumab, abmab and a mastectomy") == ["nivolumab", "mastectomy"]
    assert phrases.find("\u017ftudy") == ["\u017ftudy"]  # re.IGNORECASE matches the long s to s
    assert phrases.find("Can\u2019t find that page") == ["can't find that page"]
    assert phrases.find("Can\u2019t find that page", raw=True) == []


def test_the_longest_phrase_wins_and_matches_do_not_overlap() -> None:
    phrases = Phrases(["side", "side effects", "effects"])
    assert phrases.find("side effects effects") == ["side effects", "effects"]
    assert phrases.find("side-effects") == ["side-effects"]
    assert phrases.find("side-effect") == []  # 'side' is followed by a hyphen: not a whole word


def test_a_name_beats_a_name_pattern_at_the_same_word() -> None:
    phrases = Phrases(["nivolumab injection"], ["[a-z]{4,}mab"])
    assert phrases.find("Nivolumab injection and nivolumab") == ["nivolumab injection", "nivolumab"]


def test_lists_the_index_cannot_serve_fall_back_to_the_alternation() -> None:
    for words in (["\u00e9tude", "study"], ["(see) note", "study"]):
        phrases = Phrases(words)
        assert phrases.buckets is None
        text = "\u00c9tude and study; (see) note"
        assert phrases.find(text) == by_regex(phrases, text)


def test_random_texts_agree_with_the_alternation() -> None:
    pieces = ["side", "effects", "Side", "EFFECTS", "study", "the", "The", "studies", "co", "author", "-", " ",
              "  ", ", ", ". ", "'", "\u2019", "(", ")", "heart", "attack", "care", "health", "100", "percent",
              "nivolumab", "xmab", "sorafenib", "\u00e9", "\u017f", "_", "2", "\n", "drug", "drugs", "s"]
    phrases = Phrases(VOCABULARY, PATTERNS)
    rng = random.Random(17)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert phrases.find(text) == by_regex(phrases, text), text
        assert phrases.find(text, raw=True) == by_regex(phrases, text, raw=True), text


def test_the_built_in_vocabulary_agrees_with_its_alternation() -> None:
    vocab = inference.vocabulary()
    lists = [vocab.specific, vocab.generic, vocab.news, vocab.news_body, vocab.describing,
             *vocab.body.values(), *vocab.other.values(), *vocab.aspects.values()]
    text = ("Statins are medicines. Atorvastatin and Humira (adalimumab) treat it; lisinopril in April. "
            "Researchers published in a journal the study found side effects, dosage and how it works. "
            "Apply for benefits, sign in to your account, pay the copay. The symptoms are caused by a "
            "mutation; diagnosis, treatment, prognosis and how common it is.")
    for phrases in lists:
        assert phrases is not None
        assert phrases.find(text) == by_regex(phrases, text)
    assert "atorvastatin" in vocab.specific.find(text)


def _sample_by_counting(prose: str) -> str:
    """The sample as the inference first cut it: at the SAMPLE_WORDS-th space after the start."""
    cut = 0
    for _ in range(inference.SAMPLE_WORDS):
        cut = prose.find(" ", cut + 1)
        if cut == -1:
            return prose
    return prose[:cut]


@pytest.mark.parametrize("prose", ["", " ", "a", " a b", "a  b " * 900, "word " * 1499 + "end", "word " * 1500,
                                   " " + "word " * 1600, "x" * 20])
def test_the_sample_is_cut_where_it_was(prose: str) -> None:
    assert inference._sample(prose) == _sample_by_counting(prose)
