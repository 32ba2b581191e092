"""claims/cues.py: a Cue finds exactly what its whole pattern finds, on every kind of text."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from medlint.claims import patterns as p
from medlint.claims import scope as s
from medlint.claims.cues import Cue, cue, top_level_alternatives
from medlint.claims.kb import load_kb
from medlint.engine.prefilter import fold

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def _cues() -> dict[str, Cue]:
    found = {name: value for module in (p, s) for name, value in vars(module).items() if isinstance(value, Cue)}
    found["guideline_hint"] = load_kb().guideline_hint
    return found


def test_the_claim_patterns_are_cues() -> None:
    assert {"APPROVAL", "EXPERIMENTAL", "PENDING", "PROSPECT", "AVAILABLE", "RESEARCH_CLAIM", "CITATION",
            "guideline_hint"} <= set(_cues())


@pytest.mark.parametrize("pattern, parts", [
    (r"a|b", ["a", "b"]),
    (r"\ba(?:b|c)|d", [r"\ba(?:b|c)", "d"]),
    (r"[|]x|y", ["[|]x", "y"]),
    (r"[]|]x|y", ["[]|]x", "y"]),
    (r"[^]|]x|y", ["[^]|]x", "y"]),
    (r"[\]|]x|y", [r"[\]|]x", "y"]),
    (r"\|a|b", [r"\|a", "b"]),
    (r"(?<=\()x|(?P<n>y|z)", [r"(?<=\()x", "(?P<n>y|z)"]),
    (r"single", ["single"]),
])
def test_top_level_alternatives(pattern: str, parts: list[str]) -> None:
    assert top_level_alternatives(pattern) == parts
    assert "|".join(parts) == pattern


def test_each_cue_compiles_the_pattern_it_was_written_as() -> None:
    for name, found in _cues().items():
        assert found.regex.pattern == "|".join(found.alternatives), name
        assert len(found.alternatives) > 1, name


def test_a_cue_refuses_capturing_groups() -> None:
    with pytest.raises(ValueError):
        cue(r"(a)|b")
    cue(r"(?:a)|b")  # non-capturing groups are fine


TRICKY = [
    # case, hyphens, plurals, word boundaries
    "The FDA APPROVED it.", "fda-approved drug", "It was disapproved and preapproved.", "approvals",
    "Studies show", "STUDIES SHOWED", "trial data suggests", "a trials-based review", "Research",
    "researchers found", "re-search shows", "one in four", "1 in 10 adults", "3 out of 5", "10%", "10 per cent",
    "O.K.'d by regulators", "OK'd", "okayed", "green-lit", "green lighted", "got the nod", "has the go-ahead",
    "signed off on", "still experimental", "investigational", "awaiting FDA approval", "under review",
    "if approved", "PDUFA date", "could win approval", "is available over-the-counter", "you can buy it",
    "recommended dose", "recommends it", "treatment options include", "used to treat", "on store shelves",
    "(Smith et al., 2020)", "[12]", "[^note]", "(FDA label, 2021)", "https://x.y", "doi:10.1", "Source: CDC",
    "published in JAMA", "<sup>1</sup>", "text\u00b9", "colorectal cancer", "mammograms", "low-dose CT",
    "pack-years", "Hep B", "HBV", "PPSV23", "PCV 20", "Prevnar", "opioids", "HPV", "Gardasil",
    # Unicode: characters re.IGNORECASE matches to ASCII letters, and ones it does not
    "ſtudies ſhow", "\u212aids", "İnvestigational", "ınvestigational", "STRAẞE", "Ｓtudies", "caf\u00e9",
    "approv\u0307ed", "approved\u00a0for", "studies\u2009show", "\u0661 in \u0661\u0660", "Approved\u2014still",
]


def _texts() -> list[str]:
    rng = random.Random(11)
    texts = list(TRICKY)
    for _ in range(1500):
        texts.append(" ".join(rng.choice(TRICKY) for _ in range(rng.randint(1, 4))))
    for path in sorted(CORPORA.rglob("*")):  # the repository's articles, a sentence at a time
        if path.suffix in (".md", ".txt", ".html") and path.is_file():
            texts += re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8", errors="replace"))
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


@pytest.mark.parametrize("name", sorted(_cues()))
def test_a_cue_finds_what_its_whole_pattern_finds(name: str, texts: list[str]) -> None:
    found = _cues()[name]
    for text in texts:
        want = [m.span() for m in found.regex.finditer(text)]
        assert [m.span() for m in found.finditer(text)] == want, text
        assert [m.span() for m in found.finditer(text, folded=fold(text))] == want, text
        hit = found.search(text)
        assert (hit and hit.span()) == (want[0] if want else None), text
        if len(text) > 6:  # with bounds, as the claim model searches inside a clause
            got = found.search(text, 2, len(text) - 2)
            expected = found.regex.search(text, 2, len(text) - 2)
            assert (got and got.span()) == (expected and expected.span()), text


def test_a_cue_skips_texts_without_its_words() -> None:
    research = p.RESEARCH_CLAIM
    assert research.for_text("Wash your hands.") is None
    chosen = research.for_text("Studies show it helps.")
    assert chosen is not None and chosen is not research.regex  # only the alternatives with those words
