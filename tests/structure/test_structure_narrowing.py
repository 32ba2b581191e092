"""Residue and disclaimer phrases narrowed to a document find what the whole lists find."""

from __future__ import annotations

import pytest

from medlint.document import parse_document
from medlint.structure import rules_content
from medlint.structure.rules_content import DocumentText, narrowed
from medlint.structure.wordindex import required_words, words_of

DOCUMENTS = [
    "# Asthma\n\nAsthma affects the airways.\n\nClick here to read more. Follow us on Twitter.\n",
    "Share this article\n\nWe use cookies. Accept all cookies?\n\nThis is not a substitute for advice.\n",
    "doubleclick here; click-here; CLICK\nHERE; clickhere; click  here.\n\nTalk to your doctor before you start.\n",
    "\u017fhare on facebook; \u212aeep it; Share it on X; tweet this; email this page.\n",
    "Caf\u00e9 news: subscribe to our newsletter \u2014 \u201cfollow us on\u201d Instagram.\n\nNo cookies here.\n",
    "Consult your doctor before taking it. For informational purposes only.\n",
    "Nothing to see.\n",
]


def _lists():
    return [rules_content._boilerplate()[0], rules_content._disclaimer()]


@pytest.mark.parametrize("source", DOCUMENTS)
def test_narrowed_lists_find_the_same_in_every_block(source: str) -> None:
    document = parse_document(source, "page.md")
    text = DocumentText(document.blocks)
    for phrases in _lists():
        small = narrowed(phrases, text)
        for block in document.blocks:
            whole = [m.span() for m in phrases.pattern.finditer(block.text)]
            found = [m.span() for m in small.finditer(block.text)] if small is not None else []
            assert found == whole, (block.text, phrases.pattern.pattern[:60])


def test_narrowing_drops_phrases_a_document_lacks() -> None:
    document = parse_document("Click here and follow us on Mastodon.\n", "page.md")
    boilerplate = rules_content._boilerplate()[0]
    small = narrowed(boilerplate, DocumentText(document.blocks))
    assert small is not None and len(small.alternatives) < len(boilerplate.pattern.alternatives)
    assert [m.group() for m in small.finditer(document.blocks[0].text)] == ["Click here", "follow us on"]
    nothing = parse_document("Asthma affects the airways.\n", "page.md")
    assert narrowed(rules_content._disclaimer(), DocumentText(nothing.blocks)) is None


def test_required_words_of_plain_phrases_only() -> None:
    assert required_words("save my name, email, and website") == frozenset(
        {"save", "my", "name", "email", "and", "website"})
    assert required_words("Tags:") == frozenset({"tags"})
    assert required_words("e-mail this") == frozenset({"e", "mail", "this"})
    assert required_words("/\\bclick here\\b/") is None  # a regex
    assert required_words(" click here") is None  # padding drops the word boundary
    assert required_words("caf\u00e9 news") is None


def test_words_of_reads_ascii_words_and_gives_up_on_others() -> None:
    assert words_of("Click-here, FOLLOW us_on \u201cX\u201d \u2014 2024.") == frozenset(
        {"click", "here", "follow", "us_on", "x", "2024"})
    assert words_of("caf\u00e9") is None
    assert words_of("\u017fhare") is None  # the long s matches s case-insensitively: not ASCII
