"""engine/prefilter.py: the literal tests may skip a regex only where it cannot match."""

from __future__ import annotations

import random
import re
import sys

import pytest

from medlint.engine.matching import MatcherHub, PatternSpec
from medlint.engine.prefilter import Alternatives, fold, possible, required_literals
from medlint.nlp import get_pipeline
from medlint.structure import data


def test_literal_characters_fold_like_ignorecase() -> None:
    """The soundness premise: a character re.IGNORECASE matches to a literal the prefilter uses
    folds to that literal (the dotless and the dotted i need ``fold``'s fix: casefold() alone
    keeps the first and turns the second into two characters)."""
    literals = [c for c in map(chr, range(32, 127)) if required_literals(re.compile(re.escape(c)))]
    assert {"i", "I", "k", "s", " "} <= set(literals)
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for literal in literals:
        for found in re.finditer(re.escape(literal), everything, re.IGNORECASE):
            assert fold(found.group()) == literal.casefold(), (literal, found.group())


def test_required_literals_of_typical_patterns() -> None:
    needs = required_literals(re.compile(r"\b\d+\s*(?:%|percent)\s+(?:lower|higher)\b", re.IGNORECASE))
    assert frozenset({"%", "percent"}) in needs
    assert frozenset({"lower", "higher"}) in needs
    assert required_literals(re.compile(r"\w+|\d")) == ()  # a branch without literals: no test
    assert required_literals(re.compile(r"(?:risk)?\d")) == ()  # optional: not required
    assert required_literals(re.compile(r"(?:ab)+c")) == (frozenset({"ab"}), frozenset({"c"}))
    assert required_literals(re.compile("FDA Approved")) == (frozenset({"fda approved"}),)


WORDS = ["risk", "Risk", "RİSK", "rısk", "ſhare", "share", "on", "facebook", "50%", "percent", "lower",
         "ＳＨＡＲＥ", "doesn't", "replace", "Straße", "STRASSE", "K", "\u212a", "-", "  ", "\n", "i"]


@pytest.mark.parametrize("pattern", [
    r"\b\d+(?:\.\d+)?\s*(?:%|percent)\s+(?:lower|higher)\s+(?:\w+\s+){0,2}?(?:risk|chance)\b",
    r"\bshare (?:this|it)? ?on (?:facebook|x)\b",
    r"(?<![\w-])(?:strasse|kilo[\s-]+k)(?![\w-])",
    r"(?:ab|cd)+e?",
])
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_prefilter_never_hides_a_match(pattern: str, flags: int) -> None:
    regex = re.compile(pattern, flags)
    needs = required_literals(regex)
    assert needs
    rng = random.Random(pattern)
    for _ in range(3000):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8)))
        if regex.search(text):
            assert possible(needs, fold(text)), text


def test_alternatives_find_what_the_whole_pattern_finds() -> None:
    parts = [r"share\s+on\b", r"(?:tweet|pin) this\b", r"k\b", r"ab", r"abc", r"\d+%", r"\w+ly\b"]
    alternatives = Alternatives(r"\b", parts, re.IGNORECASE)
    whole = re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)
    assert alternatives.pattern == whole.pattern
    rng = random.Random(3)
    words = [*WORDS, "abc", "ab", "ABCD", "tweet", "PIN", "this", "50%", "quickly", "\u212a"]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        assert [m.span() for m in alternatives.finditer(text)] == [m.span() for m in whole.finditer(text)], text
        assert bool(alternatives.search(text)) == bool(whole.search(text))
        got, want = alternatives.match(text, 1), whole.match(text, 1)
        assert (got and got.span()) == (want and want.span())


def test_phrase_lists_keep_their_matches() -> None:
    """The boilerplate and disclaimer phrase lists on texts made of their own phrases."""
    phrases = data.load("phrases")
    lists = [phrases["disclaimer"], phrases["boilerplate"]["anywhere"]]
    rng = random.Random(7)
    for entries in lists:
        regex = data.phrase_regex(entries)
        filtered = data.phrase_alternatives(entries)
        assert filtered.pattern == regex.pattern
        plain = [p for p in entries if not p.startswith("/")]
        for _ in range(500):
            text = " ".join(rng.choice([*plain, "the", "Share", "ON", "x", "facebook"]) for _ in range(4))
            text = text.upper() if rng.random() < 0.3 else text
            assert [m.span() for m in filtered.finditer(text)] == [m.span() for m in regex.finditer(text)]


def test_hub_regex_keys_skip_only_impossible_texts() -> None:
    hub = MatcherHub(get_pipeline(None))
    hub.add("rr", PatternSpec([], [r"\b\d+\s*(?:%|percent)\s+lower\s+risk\b"], []))
    nlp = get_pipeline(None)
    for text, expected in [("a 30% lower risk of stroke", [(2, 16)]), ("30 PERCENT LOWER RISK", [(0, 21)]),
                           ("no figures here", None), ("a lower risk", None)]:
        assert hub.run(nlp(text), text).get("rr") == expected
