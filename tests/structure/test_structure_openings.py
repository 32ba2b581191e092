"""The strings that open every match of a regex entry (``structure.anchors``): a document that
holds none of them is never searched for the entry, so every match must start with one."""

from __future__ import annotations

import re

import pytest

from medlint.document import parse_document
from medlint.engine.prefilter import fold
from medlint.structure import rules_content
from medlint.structure.anchors import Openings, at_word_start, leading_literals
from medlint.structure.rules_content import DocumentText, narrowed
from medlint.structure.wordindex import words_of

TALK = r"\b(?:talk|speak) (?:to|with) (?:your|a) (?:doctor|health ?care provider) before (?:you )?(?:start|tak)"
CONSULT = r"\bconsult (?:with )?(?:your|a) (?:doctor|pharmacist)[^.]{0,40}\bbefore\b"


def test_leading_literals_multiply_out_the_opening_pieces() -> None:
    found = leading_literals(r"(?:talk|speak) (?:to|with) a doctor", re.IGNORECASE)
    assert found == {"talk to a doctor", "talk with a doctor", "speak to a doctor", "speak with a doctor"}
    assert leading_literals(r"health ?care", re.IGNORECASE) == {"health care", "healthcare"}
    # what follows a piece that is not plain text is not known: the strings stop there
    assert leading_literals(r"consult\s+your doctor") == {"consult"}
    assert leading_literals(r"Email [^.]+ now") == {"email "}  # compared case-folded


@pytest.mark.parametrize("source", [r"\w+ly", r"[a-z]+ doctor", r"[^a] doctor", r"x*doctor", r"(?:with)?\s+doctor",
                                    r"(?i:talk) to", r"\u00e9tude", r"(?:talk|\w+) to"])
def test_nothing_is_said_when_a_match_may_open_otherwise(source: str) -> None:
    assert leading_literals(source, re.IGNORECASE) is None


def test_optional_pieces_and_character_sets_are_multiplied_out() -> None:
    assert leading_literals(r"(?:with )?doctor") == {"with doctor", "doctor"}
    assert leading_literals(r"(?:s|z)ee") == {"see", "zee"}  # the parser makes the branch [sz]
    assert leading_literals(r"caf\u00e9 news") == {"caf"}  # a letter outside ASCII ends the strings


def test_too_many_strings_stop_early_but_stay_sound() -> None:
    source = "(?:a|b|c|d|e|f|g|h)(?:a|b|c|d|e|f|g|h)(?:a|b|c|d|e|f|g|h)"
    found = leading_literals(source)
    assert found is not None and len(found) <= 64
    assert all(len(s) == 2 for s in found)  # the third piece would make 512


def test_word_start() -> None:
    assert at_word_start(TALK, re.IGNORECASE)
    assert at_word_start(r"\b(?:" + "consult (?:with )?doctor" + ")")
    assert not at_word_start(r"(?:talk|\bspeak) to")
    assert not at_word_start(r"talk to")


TEXTS = [
    "Talk to your doctor before you start.",
    "TALK WITH A HEALTHCARE PROVIDER BEFORE TAKING IT",
    "Please speak  to your doctor before starting.",  # two spaces: no match
    "Smalltalk to your doctor before you start.",  # no word boundary: no match
    "We talk to your doctor before taking samples",
    "Consult with a pharmacist first, before the trip.",
    "consult your doctor. Before anything",
    "\u212aeep calm and talk to a doctor before you start",  # the Kelvin sign: not an ASCII word
    "Talk\nto your doctor before you start",
    "Nothing here.",
]


@pytest.mark.parametrize("source", [TALK, CONSULT])
@pytest.mark.parametrize("text", TEXTS)
def test_a_text_with_a_match_holds_an_opening(source: str, text: str) -> None:
    regex = re.compile(source, re.IGNORECASE)
    strings = leading_literals(source, re.IGNORECASE)
    assert strings is not None
    openings = Openings(strings, at_word_start(source, re.IGNORECASE))
    folded, words = fold(text), words_of(text)
    assert openings.found_in(folded) == any(s in folded for s in strings)  # the grouped scan is the plain test
    holds = not openings.excluded_by(words) and openings.found_in(folded)
    if regex.search(text):
        assert holds, text
    if "smalltalk" in folded:
        assert not holds  # "talk" is no word of it, and every match starts at a word


def test_openings_use_the_words_only_when_they_are_whole() -> None:
    assert Openings(frozenset({"talk to", "speak to"}), True).first_words == {"talk", "speak"}
    assert Openings(frozenset({"talk to"}), False).first_words is None  # no \b before: "smalltalk to"
    assert Openings(frozenset({"e-mail this"}), True).first_words is None  # "e-mail" is two words
    assert Openings(frozenset({"talk"}), True).first_words is None  # "talking" holds it


def test_the_disclaimer_entries_leave_documents_that_lack_their_openings() -> None:
    disclaimer = rules_content._disclaimer()
    plain = parse_document("Talk to a dietitian. See your doctor before noon. Consult the leaflet.\n", "a.md")
    assert narrowed(disclaimer, DocumentText(plain.blocks)) is None
    said = parse_document("Diet matters.\n\nTalk to your doctor before you stop any medicine.\n", "a.md")
    small = narrowed(disclaimer, DocumentText(said.blocks))
    assert small is not None and small.search(said.blocks[1].text) is not None
