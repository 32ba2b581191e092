"""The subset scanner (medlint/document/markdown_subset.py) must build the very Document that
markdown-it builds: compared here on adversarial CommonMark, on seeded random documents, on
the repository's corpora and on the generated benchmark articles."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest

import medlint.document as documents
from medlint.document import detect_format, parse_document
from medlint.document import markdown as markdown_reader
from medlint.document.markdown import parser
from medlint.document.markdown_subset import read_blocks, read_inline
from medlint.document.model import Block, Document, Section

ROOT = Path(__file__).resolve().parents[2]

# -- everything rules can read from a Document, as plain data ----------------------------------


def _block(block: Block) -> tuple:
    return (block.kind, block.text, tuple(block.offsets), block.level, tuple(block.links), block.title,
            block.residue)


def _section(section: Section, index: dict[int, int]) -> tuple:
    return (index.get(id(section.heading)), section.level,
            tuple(index.get(id(block)) for block in section.blocks),
            tuple(_section(child, index) for child in section.children))


def snapshot(document: Document) -> dict[str, Any]:
    index = {id(block): number for number, block in enumerate(document.blocks)}
    return {
        "format": document.format,
        "metadata": repr(document.metadata),
        "metadata_lines": dict(document.metadata_lines),
        "metadata_columns": dict(document.metadata_columns),
        "blocks": [_block(block) for block in document.blocks],
        "sections": _section(document.root, index),
        "block_sections": [index.get(id(block.section.heading)) if block.section else -1
                           for block in document.blocks],
        "directives": list(document.directives),
        "problems": list(document.problems),
        "links": list(document.links),
        "front_matter_prose": [_block(block) for block in document.front_matter_prose],
    }


def both_readings(text: str, path: str = "article.md") -> tuple[dict[str, Any], dict[str, Any]]:
    """The snapshot through the subset reader (where it applies) and through markdown-it alone."""
    fast = snapshot(parse_document(text, path))
    original = markdown_reader.parse_markdown

    def markdown_it_only(document: Document, body_start: int) -> None:
        original(document, body_start, subset=False)

    documents.parse_markdown = markdown_it_only
    try:
        reference = snapshot(parse_document(text, path))
    finally:
        documents.parse_markdown = original
    return fast, reference


ARTICLE = """---
title: Living with asthma
date: 2025-01-02
---

# Living with asthma

Asthma is **common**, and [your GP](https://example.org/gp_care) can help.
Most people manage it *well* with the right inhaler.

## Treatment

Things that can help:

- Use your preventer inhaler every day
- Carry your reliever
  inhaler with you
* Avoid smoke
1. Book a review
2. Bring your inhaler
lazily continued

```yaml
dose: 2 puffs
```

~~~
- not a list
# not a heading
~~~

See [the guide](https://example.org/a(b)c "Guide") for more.
Line with a hard break  
and the rest.
"""

# Each case leaves the subset (whole file or one inline run) or sits at its edge; both readings
# must agree either way.
CASES = {
    "nested list": "- a\n  - b\n    - c\n- d\n",
    "nested ordered": "1. a\n   1. b\n2. c\n",
    "lazy continuation": "- item\nlazy line\n\ntext\n> quote\nlazy quote\n",
    "loose list": "- a\n\n- b\n\n  continued paragraph\n",
    "setext headings": "Title\n=====\n\nSub\n---\n\ntext\n- - -\n",
    "indented code": "text\n\n    code line\n    more\n\nafter\n",
    "lazy indented line": "para\n    still para\n",
    "fence with tildes": "~~~ python\nx = 1\n```\n~~~~\n\nafter\n",
    "unclosed fence": "```\nnever closed\n# heading?\n",
    "fence with backtick info": "```a`b\ntext\n```\n",
    "html block": "<div class=\"callout\">\n<p>Call 999</p>\n</div>\n\ntext\n",
    "html comment directive": "<!-- medlint-disable claims.hype -->\nA miracle cure.\n",
    "reference definitions": "[gp]: https://example.org/gp\n\nSee [gp] and [the GP][gp].\n",
    "not a definition": "[gp] is not defined\n\n[gp](https://example.org) is a link\n",
    "footnote": "Text[^1].\n\n[^1]: Smith J. A study. 2020.\n",
    "table": "| Drug | Dose |\n| --- | --- |\n| metformin | 500 mg |\n",
    "block quote": "> quoted *text*\n> more\n\n> - list in quote\n",
    "hard breaks": "one  \ntwo\\\nthree \nfour\n",
    "entities": "A&amp;E &copy; &#169; &#xA9; &bogus; R&D\n",
    "backslash escapes": "\\*not em\\* \\[not link\\] 1\\. x\n",
    "emphasis edge cases": "***both*** **a *b* c** *a **b** c* a*b*c 5 * 3 **unclosed\n_u_ a_b_c __s__\n",
    "emphasis with links": "**a [b](c) d** [**e**](f) *[g](h)* [i*](j)*\n",
    "code spans": "`a*b*` ``x ` y`` `[not](link)`\n",
    "autolinks and raw html": "<https://example.org> <span>x</span> <!-- c -->\n",
    "images": "![alt *text*](i.png) ! [not image](x)\n",
    "links": "[a](b) [a] (b) [a](<b c>) [](x) [a]() [a](javascript:alert(1)) [a\nb](c) [a [b] c](d)\n",
    "headings": "# \n## Title ##\n### Title#\n####### seven\n#hashtag\n# #\n",
    "heading only code": "## `metformin`\n\ntext\n",
    "ordered interrupts": "para\n2. not a list\n\npara\n1. a list\n",
    "bullet interrupts": "para\n- a list\n+ another\n",
    "empty items": "-\n- a\n1.\n",
    "rules": "***\n___\n- - -\n",
    "tabs": "-\tindented\n\ttabbed code\n",
    "crlf": "# Title\r\n\r\nText\r\nmore\r\n",
    "nbsp and ideographic space": "\u00a0text\n\u3000more\n",
    "mdx": "import X from './x'\nexport const a = 1\n\ntext\n",
    "template tags": "---\ntitle: T\n---\n{% include x.html %}\n\n{{ page.title }} text\n",
    "list marker spacing": "-    four spaces\n-     five spaces\n10.  ten\n",
    "pipes": "a | b\n\n- x | y\n",
    "only blank": "   \n\n  ",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_adversarial_cases_build_the_same_document(name: str) -> None:
    fast, reference = both_readings(CASES[name])
    assert fast == reference


@pytest.mark.parametrize("path", ["article.md", "article.mdx"])
def test_an_everyday_article_goes_through_the_subset_and_matches(path: str) -> None:
    body = ARTICLE.split("---\n", 2)[2]
    blocks = read_blocks(body)
    assert blocks is not None
    assert [block.kind for block in blocks][:4] == ["heading", "paragraph", "heading", "paragraph"]
    assert all(read_inline(block.content, parser()) is not None for block in blocks)
    fast, reference = both_readings(ARTICLE, path)
    assert fast == reference
    assert "https://example.org/a(b)c" in fast["links"]
    assert any(text.startswith("Asthma is common, and your GP can help.") for _, text, *_ in fast["blocks"])


@pytest.mark.parametrize("text", [
    "- a\n  - b\n", "Title\n===\n", "    code\n", "> quote\n", "<div>\n", "| a |\n| - |\n",
    "[a]: /u\n", "***\n", "-\n", "a\tb\n", "a\r\nb\n", "a\u00a0b\n", "- # heading in item\n",
])
def test_the_scanner_declines_what_markdown_it_must_read(text: str) -> None:
    assert read_blocks(text) is None


@pytest.mark.parametrize("text", [
    "a\\*b", "`code`", "_em_", "<span>", "&amp;", "![i](x)", "***x***", "**a *b* c**", "*a", "[a [b] c](d)",
])
def test_the_inline_reader_declines_what_markdown_it_must_read(text: str) -> None:
    assert read_inline(text, parser()) is None


INLINE_CASES = [
    "plain text", "a\nb", "a  \nb", "a \nb", "a   \n   b", "[a](b)", "[a](b \"t\") x", "[a]( b )", "[a\nb](c)",
    "[a](b", "[a] (b)", "[a]", "]x[", "[](x)", "[a]()", "[a](javascript:alert(1))", "[a](b(c)d)",
    "**bold**", "*em*", "x **y** z", "**y**.", "(**y**)", "\"*q*\"", "a * b", "5*3", "a*b*c", "**a*",
    "*a**", "** a**", "**a [b](c) d**", "[**a**](b)", "[*a*](b)", "*[a](b)*", "[a*](b)*", "**a\nb**",
    "Ω *a*", "*—*", "**—**", "x**y**", "**a** **b**", "*a* **b** *c*",
]


@pytest.mark.parametrize("text", INLINE_CASES)
def test_inline_tokens_match_markdown_it(text: str) -> None:
    mine = read_inline(text, parser())
    reference = parser().parseInline(text)[0].children or []
    shape = lambda tokens: [(t.type, t.content, (t.attrs or {}).get("href")) for t in tokens]  # noqa: E731
    if mine is not None:
        assert shape(mine) == shape(reference)


def test_most_inline_cases_take_the_fast_path() -> None:
    taken = sum(read_inline(text, parser()) is not None for text in INLINE_CASES)
    assert taken >= len(INLINE_CASES) * 2 // 3


_STARTS = ["", "", "", "", "- ", "* ", "+ ", "1. ", "2. ", "1) ", "10. ", "01. ", "-    ", "-     ", "  ", "    ",
           "# ", "## ", "###### ", "####### ", "#", "```", "~~~", "``` py", "[b] x", "[b](c) x", "[b]", "[b]: ",
           "-", "1.", "* * *", "---", "===", "> ", "<div>", "| ", "[^1]: "]
_INLINE = ["plain words", "a [link](https://example.org/x) b", "[t](u \"title\")", "[a [b] c](d)", "[a](b",
           "[a\nb](c)", "**bold**", "*em*", "***x***", "* a *", "a*b*c", "**a*", "**a [b](c) d**", "[*a*](b)",
           "x **y**z", "(**y**)", "a * b", "_u_", "`code`", "&amp;", "\\*", "<b>x</b>", "![i](p)", "x  ", "x ",
           "1.5 mg", "a | b", "{{ t }}", "é", "[](x)", "[a](b (c))", "text]", "#"]


def _random_document(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.2:
            lines.append("")
        else:
            words = " ".join(rng.choice(_INLINE) for _ in range(rng.randint(0, 3)))
            lines.append(rng.choice(_STARTS) + words + ("  " if rng.random() < 0.1 else ""))
    return "\n".join(lines) + ("\n" if rng.random() < 0.5 else "")


def test_seeded_random_documents_build_the_same_document() -> None:
    read_by_subset = 0
    for seed in range(600):
        rng = random.Random(seed)
        text = _random_document(rng)
        read_by_subset += read_blocks(text) is not None
        fast, reference = both_readings(text, "a.mdx" if seed % 10 == 0 else "a.md")
        assert fast == reference, f"seed {seed}: {text!r}"
    assert read_by_subset >= 100  # the comparison exercises the scanner, not only markdown-it


def test_repository_corpora_build_the_same_document() -> None:
    compared = 0
    for path in sorted((ROOT / "corpora").rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if detect_format(str(path), text) != "markdown":
            continue
        fast, reference = both_readings(text, str(path))
        assert fast == reference, path
        compared += 1
    assert compared >= 5


SHARED_REAL = ROOT.parent / "shared" / "data" / "real"


@pytest.mark.skipif(not SHARED_REAL.exists(), reason="../shared/data/real/ is not beside this checkout")
def test_real_markdown_pages_build_the_same_document() -> None:
    compared = read_by_subset = 0
    for path in sorted(SHARED_REAL.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if detect_format(str(path), text) != "markdown":
            continue  # the MedQuAD answers are plain text, some VA pages HTML
        fast, reference = both_readings(text, str(path))
        assert fast == reference, path
        compared += 1
        read_by_subset += read_blocks(text.split("---\n", 2)[-1]) is not None
    assert compared >= 100 and read_by_subset >= 10


def test_generated_benchmark_articles_build_the_same_document(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    generate.generate(12, tmp_path, seed=3)
    articles = sorted(tmp_path.rglob("*.md"))
    assert len(articles) == 12
    for path in articles:
        text = path.read_text(encoding="utf-8")
        assert read_blocks(text.split("---\n", 2)[2]) is not None, path
        fast, reference = both_readings(text, str(path))
        assert fast == reference, path
