"""Issue 17, item 11 (document building and the spaCy feed): each faster structure against the
plain computation it replaced, on random and tricky input."""

from __future__ import annotations

import gc
import random
import re
import weakref

import pytest

from medlint import fingerprint, nlp
from medlint.document import parse_document
from medlint.document.model import Block, BlockBuilder, OffsetRuns

# -- finding keys: sentence ends from one scan per file --------------------------------------

_PLAIN_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s|\n\s*\n")


def _window_sentence(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] as a scan of each finding's own window finds it."""
    lo = max(0, start - 600)
    ends = list(_PLAIN_SENTENCE_END.finditer(text[lo:start]))
    begin = lo + ends[-1].end() if ends else lo
    after = _PLAIN_SENTENCE_END.search(text, end, min(len(text), end + 600))
    finish = after.start() + 1 if after else min(len(text), end + 600)
    return text[begin:finish]


_PIECES = ["word", "x", " ", " ", ".", "!", "?", "\n", "\n\n", '"', "'", ")", "]", ". \n\n", ".\n\n\n",
           "\u00a0", "\t", "é", "Dr. ", "e.g. ", "5.5 ", "?!\" ", "  \n \n"]


@pytest.mark.parametrize("seed", range(4))
def test_sentence_ends_match_a_scan_of_each_window(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(400):
        # long texts put the 600-character window's edge inside runs of punctuation and space
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 1500)))
        ends = fingerprint._SentenceEnds(text)
        for _ in range(15):
            start = rng.randint(0, len(text))
            end = rng.randint(start, min(len(text), start + 40))
            found = text[ends.begin(start):fingerprint._finish(text, end)]
            assert found == _window_sentence(text, start, end), (text, start, end)


def test_keys_of_messages_ignore_numbers_and_repeat() -> None:
    from medlint.finding import Finding, Severity

    def finding(message: str) -> Finding:
        return Finding("readability.grade", Severity.WARNING, 1, 1, 1, 1, message)

    keys = fingerprint.finding_keys("text", [finding("grade 12"), finding("grade 13"), finding("ease low")])
    assert keys[0] == keys[1] != keys[2]
    assert fingerprint.finding_keys("text", []) == []


# -- the spaCy feed ------------------------------------------------------------------------------

_PLAIN_SYMBOL_RUN = re.compile(r"(?:[^\w\s]|_){33,}")
_PLAIN_ABBREVIATION_BREAK = re.compile(r"\.\s+[a-z0-9]|[apAP]\.[mM]\.\s+[A-Z]")


def test_calm_blanks_the_same_runs_as_the_plain_pattern() -> None:
    rng = random.Random(7)
    symbols = list("_-*[]\"'.!#\u2014\u00a0 \na1é\u3000\u200b\u00ad")
    for _ in range(4000):
        text = "".join(rng.choice(symbols if rng.random() < 0.9 else "ab") for _ in range(rng.randint(0, 200)))
        expected = _PLAIN_SYMBOL_RUN.sub(lambda m: " " * len(m.group()), text)
        assert nlp._calm(text) == expected, text
    # a run that starts or ends between the characters sampled
    for lead in range(20):
        text = "a" * lead + "_" * 33 + " b"
        assert nlp._calm(text) == "a" * lead + " " * 33 + " b"
        assert nlp._calm("a" * lead + "=" * 32 + " b") == "a" * lead + "=" * 32 + " b"


def test_abbreviation_check_agrees_with_the_plain_pattern() -> None:
    rng = random.Random(3)
    alphabet = list("apAPmM.. \n\tx5Z\u00a0")
    for _ in range(50000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert bool(nlp._ABBREVIATION_BREAK.search(text)) == bool(_PLAIN_ABBREVIATION_BREAK.search(text)), text
    assert nlp._ABBREVIATION_BREAK.search("open until 4 p.m. Contact us")
    assert nlp._ABBREVIATION_BREAK.search("approx. 5 mL")
    assert not nlp._ABBREVIATION_BREAK.search("It works. Then stop.")


_TOKENS = ["a", "Word", "b.", "Dr.", "e.g.", "...", "!", "?", ".", ",", '"', "'", ")", "(", "5.5", "U.S.",
           "\u3002", "\uff01", "\u00bf", "-", "\u2014", "\n", " ", "x!", "?!", "\u2026", "..", "\u2022", "''"]


def test_sentence_starts_match_spacys_sentencizer() -> None:
    from spacy.pipeline import Sentencizer

    pipeline = nlp.get_pipeline(None)
    stock = Sentencizer()
    rng = random.Random(11)
    texts = ["".join(rng.choice(_TOKENS) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 40)))
             for _ in range(3000)] + ["", " ", "."]
    docs = [pipeline.tokenizer(text) for text in texts]
    expected = [bytes(stock.predict([doc])[0]) for doc in docs]
    for size in (1, 2, 7, 256):
        found = [flags for at in range(0, len(docs), size)
                 for flags in nlp._sentence_starts(docs[at:at + size], stock.punct_chars)]
        assert found == expected, size


def test_the_pipeline_sets_the_same_sentence_starts_as_spacy() -> None:
    import spacy

    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    texts = ["Take it daily. Stop if sick! Ask why?", "One (two). Three", "", "no stop here", "A. B. C."]
    for text, doc in zip(texts, nlp.pipe(None, texts)):
        expected = [token.is_sent_start for token in reference(text)]
        assert [token.is_sent_start for token in doc] == expected
        assert list(doc.user_data[nlp.SENTENCE_STARTS]) == [int(start) for start in expected]


# -- blocks: offsets as runs -----------------------------------------------------------------


def test_offset_runs_read_as_the_list_they_stand_for() -> None:
    source = "Hello  world &amp; more\n  next line"
    builder = BlockBuilder()
    builder.add("Hello  world ", 0)  # a folded double space: a new run after it
    builder.add_mapped("&", 13)  # one character for an entity
    builder.add_mapped("ab", 18)  # two characters standing where one entity does
    builder.add(" more", 17)
    builder.space(23)
    builder.add("  next line", 24)
    block = builder.build("paragraph")
    assert block is not None and block.text == "Hello world &ab more next line"
    # each space stands where the white space it folds begins
    expected = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 18, 18, 17, 18, 19, 20, 21, 23,
                26, 27, 28, 29, 30, 31, 32, 33, 34]
    for index in range(-3, len(block.text) + 3):
        assert block.source_offset(index) == expected[min(max(index, 0), len(expected) - 1)]
    assert block.offsets == expected  # read: the list, kept from now on
    assert block.offsets is block.offsets
    assert block.source_span(6, 11) == (7, 12)
    assert source[7:12] == "world"


def test_offsets_given_as_a_list_or_set_later_stay_a_list() -> None:
    block = Block(kind="heading", text="", offsets=[5], level=2)
    assert block.offsets == [5] and block.source_offset(3) == 5
    built = BlockBuilder()
    built.add("abc", 10)
    runs_block = built.build("paragraph")
    assert runs_block is not None and isinstance(runs_block.__dict__["_offsets"], OffsetRuns)
    runs_block.offsets = [1, 2]
    assert runs_block.source_offset(1) == 2 and runs_block.offsets == [1, 2]
    assert runs_block == Block(kind="paragraph", text="abc", offsets=[1, 2])


def test_offsets_map_every_character_of_a_parsed_article_back() -> None:
    text = ("---\ntitle: \"A &amp; B\"\n---\n# Heading *one*\n\nPara with [a link](https://x.org) and  two "
            "spaces\nand a second line.\n\n- item one\n  continued\n1. first\n\n<p>Caf&eacute; &amp; more</p>\n")
    document = parse_document(text, "a.md")
    assert document.blocks
    for block in document.blocks + document.front_matter_prose:
        listed = block.offsets
        for index, char in enumerate(block.text):
            assert block.source_offset(index) == listed[index]
            if char.isalpha() and char != "\u00e9":
                assert text[listed[index]] == char


def test_a_closed_document_is_freed_without_the_cycle_collector() -> None:
    document = parse_document("# Title\n\nText.\n\n## Part\n\nMore text.\n", "a.md")
    block = weakref.ref(document.blocks[-1])
    section = weakref.ref(document.blocks[-1].section)
    enabled = gc.isenabled()
    gc.disable()
    try:
        document.close()
        del document
        assert block() is None and section() is None
    finally:
        if enabled:
            gc.enable()
