"""engine/matching.py: case-sensitive phrases, matched through the case-folded PhraseMatcher and
checked token by token, give what a case-sensitive (ORTH) PhraseMatcher gives."""

from __future__ import annotations

import random

from spacy.matcher import PhraseMatcher

from medlint.engine.matching import MatcherHub, PatternSpec
from medlint.nlp import get_pipeline

EXACT = ["HCC", "MK-3475", "Today", "NSCLC", "CLL", "Keytruda", "U.S."]
FOLDED = ["liver cancer", "today", "pembrolizumab"]
WORDS = ["HCC", "hcc", "Hcc", "MK-3475", "mk-3475", "Mk-3475", "MK-3475s", "Today", "today", "TODAY", "NSCLC",
         "nsclc", "CLL", "CLL's", "Keytruda", "KEYTRUDA", "keytruda", "(Keytruda)", "U.S.", "u.s.", "liver",
         "Cancer", "LIVER CANCER", "pembrolizumab,", "and", "\u0130", "K\u212aytruda", "HCC-related", "\u2014"]


def _reference(nlp):  # noqa: ANN001, ANN202
    """What the two-matcher hub found: an ORTH matcher for EXACT, a LOWER one for FOLDED."""
    exact, lower = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
    exact.add("exact", list(nlp.tokenizer.pipe(EXACT)))
    exact.add("both", list(nlp.tokenizer.pipe(["Today"])))
    lower.add("folded", list(nlp.tokenizer.pipe(FOLDED)))
    lower.add("both", list(nlp.tokenizer.pipe(["today"])))

    def run(doc) -> dict[str, list[tuple[int, int]]]:  # noqa: ANN001
        found: dict[str, list[tuple[int, int]]] = {}
        for matcher in (lower, exact):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                found.setdefault(nlp.vocab.strings[match_id], []).append((span.start_char, span.end_char))
        return {key: sorted(spans) for key, spans in found.items()}
    return run


def test_case_sensitive_phrases_match_as_an_orth_matcher_would() -> None:
    nlp = get_pipeline(None)
    hub = MatcherHub(nlp)
    hub.add("exact", PatternSpec(EXACT, [], [], ignorecase=False, lemma=False))
    hub.add("folded", PatternSpec(FOLDED, [], [], ignorecase=True, lemma=False))
    # one key with a phrase in both forms: a text that satisfies both gives the span twice
    hub.add("both", PatternSpec(["Today"], [], [], ignorecase=False, lemma=False))
    hub.add("both", PatternSpec(["today"], [], [], ignorecase=True, lemma=False))
    rng = random.Random(5)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9))) for _ in range(1500)]
    texts += ["Today, HCC (MK-3475) and today's liver cancer.", "hcc and mk-3475 in lower case only"]
    reference = _reference(nlp)
    for text in texts:
        doc = nlp(text)
        assert dict(hub.run(doc, text).items()) == reference(doc), text


def test_exact_phrases_keep_their_capitals() -> None:
    nlp = get_pipeline(None)
    hub = MatcherHub(nlp)
    hub.add("code", PatternSpec(["MK-3475"], [], [], ignorecase=False, lemma=False))
    text = "Pembrolizumab (MK-3475), not mk-3475 or Mk-3475."
    assert hub.run(nlp(text), text).get("code") == [(15, 22)]
    assert hub.run(nlp("mk-3475 only"), "mk-3475 only").get("code") is None
