"""Claim rules, speed round 2: each shortcut gives what the pattern or test it replaces gives."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from medlint.claims import analysis as a
from medlint.claims import patterns as p
from medlint.claims.cues import Cue
from medlint.claims.lazyre import LazyPattern, lazy_compile
from medlint.engine.prefilter import fold, source_literals

CORPORA = Path(__file__).resolve().parents[2] / "corpora"

RATIO_TEXTS = [
    "3 in 10 adults", "It affects 1 in 4.", "12 IN 100", "1 out of 5 people", "1 OUT OF 5", "covid19 in adults",
    "_3 in 10", "x3 in 10", "3.5 in 10", "(3 in 10)", "3\u00a0in\u00a010", "3  in  10", "3\tin 10", "3 inches",
    "3 in", "in 3 in 4 in 5 ", "\u0663 in \u0661\u0660 adults", "\u00b2 in 10", "caf\u00e9 3 in 10", "3 \u0130n 10",
    "3 \u0131n 10", "ab\u0663 in 4", "\u0663\u0664 out of 5 ", "one in four", "10 in", "", "7 in\n8",
]


def _corpus_paragraphs() -> list[str]:
    texts = []
    for path in sorted(CORPORA.rglob("*")):
        if path.suffix in (".md", ".txt", ".html") and path.is_file():
            texts += path.read_text(encoding="utf-8", errors="replace").split("\n\n")
    return texts


def test_ratio_starts_are_where_the_ratio_pattern_matches() -> None:
    rng = random.Random(5)
    texts = RATIO_TEXTS + [" ".join(rng.choice(RATIO_TEXTS) for _ in range(3)) for _ in range(500)]
    for text in texts + _corpus_paragraphs():
        assert p.ratio_starts(text) == [m.start() for m in p.RATIO.finditer(text)], text


def test_ratio_starts_on_words_of_digits_only() -> None:
    assert p.ratio_starts("About 3 in 10 adults") == [6]
    assert p.ratio_starts("covid19 in adults") == []
    assert p.ratio_starts("\u0663 in \u0661\u0660") == [0]  # any Unicode digit, as \d


def test_digit_classes_are_literals_and_unicode_digits_only_in_ascii_texts() -> None:
    assert frozenset("0123456789") in source_literals(r"[0-9]+ mg")
    assert frozenset("123") in source_literals(r"x[1-3]")
    assert frozenset("0123456789") not in source_literals(r"\d+ mg")  # any text: \d is any digit
    assert frozenset("0123456789") in source_literals(r"\d+ mg", ascii_digits=True)
    assert source_literals(r"[^0-9]x") == (frozenset("x"),)  # a negated class needs nothing


def test_a_folded_ascii_text_holds_only_ascii_digits() -> None:
    """The premise of the ASCII needs: no digit outside ASCII folds to ASCII text."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isdecimal() and not char.isascii():
            assert not fold(char).isascii(), hex(code)


def test_folding_keeps_what_lower_casing_finds() -> None:
    """find_predicates tests its cue words on the folded sentence instead of the lower-cased one:
    every character whose lower case holds ASCII folds to the same text, but for the dot of İ."""
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        lowered = char.lower()
        if any(c.isascii() for c in lowered):
            assert fold(char) == lowered or lowered == fold(char) + "\u0307", hex(code)


@pytest.mark.parametrize("text", [
    "It helps 3 in 10 adults.", "It is in the box.", "In \u0663 in \u0661\u0660 cases it fails.",
    "One in four adults.", "Someone in the room.", "3 out of 5 people", "٣ out of ٥ people",
])
def test_a_cue_with_digit_needs_finds_what_its_pattern_finds(text: str) -> None:
    research = p.RESEARCH_CLAIM
    want = [m.span() for m in research.regex.finditer(text)]
    assert [m.span() for m in research.finditer(text)] == want
    assert [m.span() for m in research.finditer(text, folded=fold(text))] == want


def test_the_ratio_alternative_needs_a_number_in_an_ascii_text() -> None:
    ratio = next(i for i, part in enumerate(p.RESEARCH_CLAIM.alternatives) if "out of" in part)
    assert ratio not in p.RESEARCH_CLAIM.chosen(fold("It is in the box."))
    assert ratio in p.RESEARCH_CLAIM.chosen(fold("It is in 3 boxes."))
    assert ratio in p.RESEARCH_CLAIM.chosen(fold("It is in \u0663 boxes."))  # not ASCII: \d is any digit


def test_a_cue_compiles_nothing_until_it_is_used() -> None:
    found = Cue([r"\bstudies show\b", r"\b\d+ in \d+\b"], re.IGNORECASE)
    assert found._regex is None and found._tests is None
    assert found.search("Studies show it") is not None
    assert found.regex.pattern == found.pattern


@pytest.mark.parametrize("pattern", [r"(a)|b", r"x|(?P<n>y)", r"[(]x|(y)"])
def test_a_cue_refuses_capturing_groups_before_compiling(pattern: str) -> None:
    with pytest.raises(ValueError):
        Cue(pattern.split("|"))


@pytest.mark.parametrize("pattern", [r"\(a\)|b", r"[(]x|y", r"(?:a)|(?=b)c", r"(?<!x)y|(?i:z)"])
def test_a_cue_takes_groups_that_capture_nothing(pattern: str) -> None:
    found = Cue(pattern.split("|"))
    assert found.regex.groups == 0


def _inline_lead_by_regex(text: str, start: int) -> tuple[int, int] | None:
    """The inline lead-in as the patterns alone decide it (no string shortcuts)."""
    head = text[start:start + 2]
    if not (len(head) == 2 and head[0] in a._BULLETS and head[1].isspace()):
        if not a._BULLET_BEFORE.search(text, max(0, start - 8), start):
            return None
    colon = text.rfind(":", 0, start)
    if colon < 0 or not a._INLINE_ITEMS.fullmatch(text, colon + 1, start):
        return None
    opening = max(text.rfind(". ", 0, colon), text.rfind("? ", 0, colon)) + 1
    return opening, colon + 1


def test_inline_lead_shortcut_agrees_with_the_patterns() -> None:
    pieces = ["Options include:", " - ", "- ", "Rituximab.", " \u2022 ", "*", " * ", "x", ":", "  ", "\u00a0-\u00a0",
              "a-b", " -", "\n- ", "Panobinostat", ". ", "- -", "\u2003*\u2003"]
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        for start in range(len(text) + 1):
            assert a._inline_lead(text, start) == _inline_lead_by_regex(text, start), (text, start)


def test_a_claim_decides_whether_it_cites_on_first_ask() -> None:
    for text in ["Studies show it works [3].", "Studies show it works.", "See (Smith et al., 2020).",
                 "It works (FDA label, 2021).", "Published in JAMA."]:
        claim = a.SentenceClaim(block=0, start=0, end=len(text), text=text, folded=fold(text))
        assert claim._cited is None
        assert claim.cited == a.cites(text)


def _lazy_patterns() -> dict[str, LazyPattern]:
    import importlib

    found = {}
    for name in ("analysis", "patterns", "scope", "verdicts", "guidance", "tense", "index_verdicts", "products"):
        module = importlib.import_module(f"medlint.claims.{name}")
        for attr, value in vars(module).items():
            values = value if isinstance(value, tuple) else (value,)
            for number, item in enumerate(values):
                item = item[0] if isinstance(item, tuple) and item else item
                if isinstance(item, LazyPattern):
                    found[f"{name}.{attr}[{number}]"] = item
    return found


def test_the_claim_models_patterns_compile_on_first_use() -> None:
    lazy = _lazy_patterns()
    assert len(lazy) > 60  # the module-level patterns of the claim model
    for name, pattern in lazy.items():
        compiled = pattern.compiled  # a typo in any of them fails here, not in some rare sentence
        assert compiled.pattern == pattern.pattern, name


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    lazy = lazy_compile(r"\b(rec)all(?:ed|s)?\b", re.IGNORECASE)
    assert "_compiled" not in vars(lazy)
    text = "Recalled in 2019; the RECALLS went on."
    want = re.compile(r"\b(rec)all(?:ed|s)?\b", re.IGNORECASE)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in want.finditer(text)]
    assert lazy.search(text, 5).span() == want.search(text, 5).span()
    assert lazy.sub("X", text) == want.sub("X", text)
    assert (lazy.flags, lazy.groups) == (want.flags, want.groups)
    assert "search" in vars(lazy)  # later calls go straight to the compiled pattern's methods


def _kb_summary(kb) -> tuple:  # noqa: ANN001
    return (kb.version, kb.as_of, sorted(kb.drugs.items()), sorted(kb.conditions.items()), kb.agencies,
            [(i.id, i.regimen, i.condition, i.events) for i in kb.indications], sorted(kb.market.items()),
            [(g.id, g.date, [t.pattern for t in g.topic_patterns + g.old_patterns + g.new_patterns], g.words)
             for g in kb.guidelines])


def test_the_kb_read_from_the_build_cache_is_the_kb_parsed_from_yaml(tmp_path, monkeypatch) -> None:
    from medlint.claims import kb as kb_module

    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("MEDLINT_NO_BUILD_CACHE", "1")
    kb_module.load_kb.cache_clear()
    parsed = kb_module.load_kb()
    monkeypatch.delenv("MEDLINT_NO_BUILD_CACHE")
    kb_module.load_kb.cache_clear()
    first = kb_module.load_kb()  # parses and stores
    kb_module.load_kb.cache_clear()
    reader = kb_module._Reader(kb_module.kb_dir())
    cached = reader.read()
    kb_module.load_kb.cache_clear()
    assert reader.fresh == set()  # every file came from the cache
    assert _kb_summary(cached) == _kb_summary(first) == _kb_summary(parsed)
    pattern = cached.guidelines[0].old_patterns[0]
    assert "_compiled" not in vars(pattern)  # checked when stored: compiled on first use
    assert pattern.search("Screening should start at age 50.") is not None


def test_stored_yaml_keeps_lines_and_dates() -> None:
    from datetime import date

    from medlint.yamlsource import from_plain, load_yaml, to_plain

    data = load_yaml("items:\n  - id: a\n    date: 2021-07-23\n    n: 3\n  - id: b\n    tags: [x, y]\n", "t.yaml")
    back = from_plain(to_plain(data))
    assert back == data and back["items"][0]["date"] == date(2021, 7, 23)
    assert back["items"][1].line == data["items"][1].line == 5
    assert back["items"][1].line_of("tags") == 6 and back.line_of("items") == data.line_of("items")
    assert back["items"].line_of(1) == data["items"].line_of(1)


def test_a_kb_cache_entry_of_the_wrong_shape_is_parsed_again(tmp_path, monkeypatch) -> None:
    from medlint import buildcache
    from medlint.claims import kb as kb_module

    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    kb_module.load_kb.cache_clear()
    kb_module.load_kb()
    path = kb_module.kb_dir() / "drugs.yaml"
    key = (str(path), buildcache.file_hash(path), buildcache.file_hash(kb_module.__file__),
           buildcache.file_hash(kb_module.read_yaml_file.__code__.co_filename))
    assert buildcache.load(buildcache.per_source("kb-yaml", path), key) is not None
    buildcache.store(buildcache.per_source("kb-yaml", path), key, ("nonsense", 1))
    reader = kb_module._Reader(kb_module.kb_dir())
    assert _kb_summary(reader.read()) == _kb_summary(kb_module.load_kb())
    assert reader.fresh == {"drugs.yaml"}
    kb_module.load_kb.cache_clear()


RELATIVE_RISK = (
    r"\b(?:cuts?|cut|reduces?|reduced|lowers?|lowered|decreases?|decreased|raises?|raised|increases?|increased|"
    r"doubles?|doubled|halves|halved)\s+(?:(?:the|your|their|a person's)\s+)?(?:\w+\s+){0,3}?"
    r"(?:risk|chance|odds|likelihood)\b(?:\s+of\s+[\w\s-]{1,40}?)?\s+by\s+(?:about\s+|nearly\s+|almost\s+|up to\s+)?"
    r"\d+(?:\.\d+)?\s*(?:%|percent)")


def test_cheapest_first_keeps_every_set_and_tests_small_ones_first() -> None:
    from medlint.engine.prefilter import cheapest_first, required_literals

    needs = required_literals(re.compile(RELATIVE_RISK, re.IGNORECASE), limit=4)
    assert frozenset({"%", "percent"}) in needs  # the fourth set: the rarest words of the pattern
    assert frozenset({"%", "percent"}) not in required_literals(re.compile(RELATIVE_RISK, re.IGNORECASE))
    ordered = cheapest_first(needs)
    assert sorted(ordered, key=sorted) == sorted(needs, key=sorted)
    assert [len(s) for s in ordered] == sorted(len(s) for s in needs)


@pytest.mark.parametrize("text", [
    "Walking cuts the risk of stroke by 40%.", "It CUTS YOUR RISK BY 40 PERCENT", "It cuts the risk by half.",
    "Aspirin lowered the odds of a heart attack by about 25 percent, and raised the risk by 2%.",
    "The risk fell by 40%.", "A 40% cut.", "", "cut risk by 4\u0660%",
])
def test_the_hub_finds_what_a_rule_regex_finds(text: str) -> None:
    from medlint.engine.matching import MatcherHub, PatternSpec
    from medlint.nlp import get_pipeline

    nlp = get_pipeline(None)
    hub = MatcherHub(nlp)
    hub.add("rr", PatternSpec([], [RELATIVE_RISK], []))
    want = [m.span() for m in re.compile(RELATIVE_RISK, re.IGNORECASE).finditer(text)] or None
    assert hub.run(nlp(text), text).get("rr") == want
