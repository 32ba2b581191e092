"""The single-core speed work of issue 17 (item 11): each shortcut gives what the general path
gives, on the tricky cases, and steps aside where it is unsure."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from medlint.document.frontmatter import _loader
from medlint.document.markdown import _NOT_PLAIN, _place_lines, _plain_block, _verbatim_block
from medlint.document.markdown_subset import plain_lines
from medlint.document.model import BlockBuilder, line_starts
from medlint.engine.matching import DocumentLiterals, Matches
from medlint.engine.prefilter import cheapest_first, required_literals
from medlint.document.simple_front_matter import read_simple_front_matter
from medlint.yamlsource import load_bounded


# -- front matter --------------------------------------------------------------------------------

def _loaded(raw: str) -> dict:
    data = load_bounded(raw, _loader())
    return {str(key): value for key, value in data.items()}


@pytest.mark.parametrize("raw", [
    'title: "New research on heart failure"\nauthor: Kenji Sato\ndate: 2025-07-16\ntype: guide\n',
    "title: 'Single quoted'\ndescription: Plain words, with (some) punctuation/and-more?!\n",
    "date: 2026-02-30\n",  # impossible: stays a string
    "a: x\n\nb: y",  # a blank line
    "title:    spaced   out   \n",
    "count: 12\nzero: 0\n",
])
def test_flat_front_matter_reads_as_yaml_does(raw: str) -> None:
    fast = read_simple_front_matter(raw)
    assert fast is not None
    expected = _loaded(raw)
    assert fast == expected
    assert list(fast) == list(expected)
    assert [type(v) for v in fast.values()] == [type(v) for v in expected.values()]


def test_flat_front_matter_keeps_dates_and_impossible_dates() -> None:
    assert read_simple_front_matter("date: 2025-07-16\nreviewed: 2026-02-30") == {
        "date": date(2025, 7, 16), "reviewed": "2026-02-30"}


@pytest.mark.parametrize("raw", [
    "draft: yes", "published: No", "on: x", "value: null", "a: first\na: second", "título: x", "n: 012", "ratio: 1.5", "empty:",
    "when: 2025-7-16", "when: 2025-07-16T10:00:00", 'quote: "with \\" escape"', "quote: 'it''s'",
    "url: https://example.org", "note: a #comment", "list: [a, b]", "tag: !x y", "anchor: &a b",
    "  indented: x", "# comment\ntitle: x", "title: a\tb", "title: a\u00a0b", "title: x\r", "nbsp: \u00a0",
    "og:title: x", '"quoted key": x', "title: |\n  block", "- item", "",
])
def test_flat_front_matter_leaves_the_rest_to_yaml(raw: str) -> None:
    assert read_simple_front_matter(raw) is None


def test_flat_front_matter_agrees_with_yaml_on_random_lines() -> None:
    keys = ["title", "a", "on", "yes", "Null", "x-y", "_k", "ünï", "k1", "y", "NaN"]
    values = ['"a b"', "'x'", "hello", "Yes", "no", "2025-07-16", "2025-02-30", "12", "a: b", "a #c",
              "a#b", "~", "", ".inf", "Kenji Sato  ", "x, y", "(a) b", "a-b", "é", "!tag", "&a", "- a",
              "[a]", "null", "e5", "0x1f", "a/b", "+a", '"a" ', "a'b", "TRUE", "oN", "a?"]
    chance = random.Random(17)
    answered = 0
    for _ in range(3000):
        lines = [chance.choice(keys) + chance.choice([": ", ":  ", ":"]) + chance.choice(values)
                 for _ in range(chance.randint(1, 4))]
        raw = "\n".join(lines)
        fast = read_simple_front_matter(raw)
        if fast is None:
            continue
        answered += 1
        expected = _loaded(raw)
        assert (fast, [type(v) for v in fast.values()]) == (expected, [type(v) for v in expected.values()]), raw
    assert answered > 100


# -- plain Markdown lines ------------------------------------------------------------------------

def _built(source: str, start: int, content: str, kind: str):  # noqa: ANN202
    builder = BlockBuilder()
    _place_lines(source, plain_lines(content), start, len(source), builder)
    return builder.build(kind)


def _shape(block):  # noqa: ANN001, ANN202
    return None if block is None else (block.kind, block.text, list(block.offsets), block.links)


@pytest.mark.parametrize("source, start, content, kind", [
    ("One line.\n", 0, "One line.", "paragraph"),
    ("Two lines\nof text.\n", 0, "Two lines\nof text.", "paragraph"),
    ("Trailing  \nspaces and\n   indented lazy line\n", 0, "Trailing  \nspaces and\n   indented lazy line",
     "paragraph"),
    ("- an item\n  that goes on\n", 0, "an item\nthat goes on", "list_item"),
    ("12. an ordered item\n", 0, "an ordered item", "list_item"),
    ("Words  with  doubled spaces\n", 0, "Words  with  doubled spaces", "paragraph"),
    ("See https://example.org now\n", 0, "See https://example.org now", "paragraph"),
    ("- 1 mg\n", 0, "1 mg", "list_item"),
    ("x\n\ny\n", 3, "y", "paragraph"),
])
def test_plain_blocks_are_what_the_builder_makes(source: str, start: int, content: str, kind: str) -> None:
    expected = _shape(_built(source, start, content, kind))
    verbatim = _verbatim_block(source, content, start, len(source), kind)
    if verbatim is not None:
        assert _shape(verbatim) == expected
        assert len(verbatim.offsets) == len(verbatim.text)
    plain = _plain_block(source, plain_lines(content), start, len(source), kind)
    if plain is not _NOT_PLAIN:
        assert _shape(plain) == expected


def test_verbatim_block_is_one_run() -> None:
    block = _verbatim_block("Two lines\nof text.\n", "Two lines\nof text.", 0, 19, "paragraph")
    assert block is not None and block.text == "Two lines of text."
    assert block.source_offset(9) == 9 and block.source_offset(10) == 10  # the newline is the space


def test_plain_block_steps_aside_for_urls_and_double_spaces() -> None:
    assert _plain_block("a  b\n", plain_lines("a  b"), 0, 5, "paragraph") is _NOT_PLAIN
    assert _plain_block("www.x.org\n", plain_lines("www.x.org"), 0, 10, "paragraph") is _NOT_PLAIN
    assert _verbatim_block("a  b\n", "a  b", 0, 5, "paragraph") is None


# -- line table ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "a", "\n", "a\n", "\n\n", "ab\ncd\n\nef", "x\r\ny\n"])
def test_line_starts(text: str) -> None:
    assert line_starts(text) == [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]


# -- regex keys tested once per document ---------------------------------------------------------

def _regexes(*patterns: str) -> dict:
    return {"key": [(re.compile(p, re.I), cheapest_first(required_literals(re.compile(p, re.I))))
                    for p in patterns]}


def _spans(texts: list[str], regexes: dict, whole: bool) -> list:
    literals = DocumentLiterals(texts)
    found = []
    for text in texts:
        matches = Matches(text, regexes)
        if whole:
            matches.document = literals
        found.append(matches.get("key"))
    return found


@pytest.mark.parametrize("texts", [
    ["A miracle cure for every disease.", "Nothing here."],
    ["Nothing here.", "Or here."],
    ["Cure", "every disease"],  # the words in different blocks: no block matches
    ["CURE FOR ANY ILLNESS", "İstanbul ıı"],  # case folding, dotted and dotless i
])
def test_document_literals_find_what_each_block_finds(texts: list[str]) -> None:
    regexes = _regexes(r"\bcure\b.*\b(?:any|every)\b.*\b(?:disease|illness)\b", r"\bmiracle\b")
    assert _spans(texts, regexes, whole=True) == _spans(texts, regexes, whole=False)


def test_document_literals_skip_a_key_the_document_lacks() -> None:
    literals = DocumentLiterals(["Nothing here.", "Or here."])
    regexes = _regexes(r"\bmiracle\b")["key"]
    assert literals.may_match("key", regexes) is False
    assert DocumentLiterals(["A MIRACLE."]).may_match("key", regexes) is True


# -- text, emphasis and links in one loop --------------------------------------------------------

@pytest.mark.parametrize("source, fast", [
    ("Some teenagers take **amoxicillin** together with aspirin.\n", True),
    ("A *short* line  \nthen a hard break, and [a link](https://example.org/x \"t\") in it.\n", True),
    ("- an item with **bold**\n  and a lazy line\n", True),
    ("Trailing **bold **text\n", True),
    ("Text with &amp; an entity and **bold**.\n", False),  # mapped character by character
    ("See www.example.org and **this**.\n", False),  # a bare URL becomes a link
    ("Code `x` here and **there**.\n", False),
    ("**   ** spaces to fold\n", False),
])
def test_text_block_is_what_the_inline_walk_makes(source: str, fast: bool) -> None:
    from medlint.document.markdown import _inline, _text_block, parser
    from medlint.document.markdown_subset import read_blocks, read_inline
    from medlint.document.model import Document

    block = read_blocks(source)[0]  # type: ignore[index]
    children = read_inline(block.content, parser()) or parser().parseInline(block.content)[0].children
    builder = BlockBuilder()
    _inline(Document(path="a.md", source=source, format="markdown"), children, builder, 0, len(source))
    expected = (_shape(builder.build(block.kind)), builder.links)
    made = _text_block(source, children, 0, len(source), block.kind, 0)
    assert (made is not _NOT_PLAIN) == fast
    if fast:
        built, links = made  # type: ignore[misc]
        assert (_shape(built), links) == expected


# -- a document's words, only those the phrase lists ask about -----------------------------------

def test_words_of_among_is_the_intersection() -> None:
    from medlint.structure.wordindex import words_of

    text = "Click-here, FOLLOW us_on \u201cX\u201d \u2014 2024. Share this."
    among = frozenset({"click", "share", "absent", "us_on"})
    assert words_of(text, among) == words_of(text) & among  # type: ignore[operator]
    assert words_of("caf\u00e9", among) is None


def test_narrowing_asks_only_about_the_words_it_keeps() -> None:
    from medlint.document import parse_document
    from medlint.structure import rules_content as content
    from medlint.structure.wordindex import words_of

    asked = content._asked_words()
    for phrases in (content._disclaimer(), content._boilerplate()[0]):
        assert phrases is not None
        assert phrases.key_words <= asked
        assert all(needed is None or needed <= asked for needed in phrases.words)
    document = parse_document("Share this article. This is not medical advice; talk to your doctor.\n", "a.md")
    text = content.DocumentText(document.blocks)
    assert text.words is not None and text.words <= asked
    for phrases in (content._disclaimer(), content._boilerplate()[0]):
        whole = content.DocumentText.__new__(content.DocumentText)
        whole.text, whole._folded = text.text, None
        whole.words = words_of(text.text)  # every word of the document
        assert content.narrowed(phrases, text) is content.narrowed(phrases, whole)
