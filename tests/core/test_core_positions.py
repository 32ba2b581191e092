"""Findings point at the exact characters in the original file, whatever the markup around them.

Each case gives the source, the word `claims.hype` must find, and its expected 1-based line,
column and end column (one past the last character). The source slice at those positions must
be the word itself.
"""

from __future__ import annotations

import pytest

from medlint.config import Config
from medlint.linter import Source, lint_sources

HYPE_ONLY = Config(base={"select": ["claims.hype"]})


def hype_positions(source: str | bytes, path: str) -> list[tuple[int, int, int, int]]:
    data = source.encode("utf-8") if isinstance(source, str) else source
    findings = lint_sources([Source(path, data, HYPE_ONLY)])[0].findings
    assert all(f.rule == "claims.hype" for f in findings)
    return [(f.line, f.column, f.end_line, f.end_column) for f in findings]


def source_slice(source: str, line: int, column: int, end_column: int) -> str:
    text = source.split("\n")[line - 1]
    return text[column - 1:end_column - 1]


MARKDOWN_CASES = [
    # (id, source, word, line, column, end_column)
    ("front-matter", "---\ntitle: Sleep\nauthor: Jo\n---\n\n# Sleep\n\nA miracle pill.\n", "miracle", 8, 3, 10),
    ("emphasis", "Some *miracle* and **breakthrough** news.\n", "miracle", 1, 7, 14),
    ("strong", "Some *miracle* and **breakthrough** news.\n", "breakthrough", 1, 22, 34),
    ("nested-emphasis", "***A miracle***, _truly_.\n", "miracle", 1, 6, 13),
    ("link-text", "See [the miracle study](https://example.com/miracle-x) today.\n", "miracle", 1, 10, 17),
    ("after-link", "[A](https://example.com/a \"title\") breakthrough.\n", "breakthrough", 1, 36, 48),
    ("after-image", "![miracle alt](pic.png) breakthrough\n", "breakthrough", 1, 25, 37),
    ("after-ref-link", "Read [this][ref] breakthrough.\n\n[ref]: https://example.com\n", "breakthrough", 1, 18, 30),
    ("after-autolink", "<https://example.com/miracle> breakthrough\n", "breakthrough", 1, 31, 43),
    ("after-inline-code", "Call `miracle()` a breakthrough.\n", "breakthrough", 1, 20, 32),
    ("after-double-backtick", "Run ``a ` miracle`` then breakthrough.\n", "breakthrough", 1, 26, 38),
    ("after-multiline-code", "Use `x\nmiracle` for breakthrough.\n", "breakthrough", 2, 14, 26),
    ("code-span-across-lines", "Use `x miracle\nend` miracle\n", "miracle", 2, 6, 13),
    ("entity-amp", "Tom &amp; Jerry found a miracle.\n", "miracle", 1, 25, 32),
    ("entities", "&copy; &#169; &#xA9; &nbsp;miracle\n", "miracle", 1, 28, 35),
    ("entity-repeated-text", "*a &amp; b* a & b miracle\n", "miracle", 1, 19, 26),
    ("unknown-entity", "&bogus; miracle\n", "miracle", 1, 9, 16),
    ("escapes", "An \\*escaped\\* \\[miracle\\]\n", "miracle", 1, 18, 25),
    ("inline-html", "Text <span>inline miracle</span> here.\n", "miracle", 1, 19, 26),
    ("html-comment", "Text <!-- note --> a miracle\n", "miracle", 1, 22, 29),
    ("bullet-list", "- first item\n- the miracle item\n", "miracle", 2, 7, 14),
    ("list-continuation", "- first item\n  continues with a miracle\n", "miracle", 2, 20, 27),
    ("ordered-list", "1. one\n10. ten miracle\n", "miracle", 2, 9, 16),
    ("loose-list-para", "* item\n\n  second paragraph miracle\n", "miracle", 3, 20, 27),
    ("blockquote", "> quoted text\n> with a miracle inside\n", "miracle", 2, 10, 17),
    ("quote-in-list", "> - quoted list\n>   with breakthrough\n", "breakthrough", 2, 10, 22),
    ("table", "| a | b |\n|---|---|\n| plain | a miracle cell |\n", "miracle", 3, 13, 20),
    ("table-2nd-row", "| a | b |\n|---|---|\n| x | y |\n| breakthrough | z |\n", "breakthrough", 4, 3, 15),
    ("heading", "## A miracle heading ##\n", "miracle", 1, 6, 13),
    ("setext-heading", "Setext miracle\n==============\n", "miracle", 1, 8, 15),
    ("crlf", "# Title\r\n\r\nA line\r\nwith a miracle here.\r\n", "miracle", 4, 8, 15),
    ("crlf-front-matter", "---\r\ntitle: T\r\n---\r\n\r\nThe miracle.\r\n", "miracle", 5, 5, 12),
    ("tabs", "Tab\tseparated\tmiracle\n", "miracle", 1, 15, 22),
    ("non-ascii", "Café naïve — “quoted” 😀 miracle.\n", "miracle", 1, 25, 32),
    ("combining-marks", "Cafe\u0301 miracle\n", "miracle", 1, 7, 14),
    ("hard-break", "Line one  \nhard break miracle\n", "miracle", 2, 12, 19),
    ("after-fenced-code", "```\nmiracle\n```\n\nA breakthrough.\n", "breakthrough", 5, 3, 15),
    ("after-html-block", "<div>\nraw miracle\n</div>\n\nAfter breakthrough.\n", "breakthrough", 5, 7, 19),
    ("bom", "\ufeff---\ntitle: T\n---\nA miracle.\n", "miracle", 4, 3, 10),
]


@pytest.mark.parametrize("source, word, line, column, end_column",
                         [case[1:] for case in MARKDOWN_CASES], ids=[case[0] for case in MARKDOWN_CASES])
def test_markdown_positions(source, word, line, column, end_column):
    positions = hype_positions(source, "article.md")
    assert (line, column, line, end_column) in positions, positions
    assert source_slice(source, line, column, end_column) == word


def test_markdown_every_finding_is_the_word():
    source = ("---\ntitle: x\n---\n# A miracle?\n\nA *miracle*, a [breakthrough](u) &amp; `miracle` "
              "and **miracle**.\n\n- breakthrough\n\n> miracle\n")
    positions = hype_positions(source, "article.md")
    words = [source_slice(source, line, column, end_column) for line, column, _, end_column in positions]
    assert words == ["miracle", "miracle", "breakthrough", "miracle", "breakthrough", "miracle"]


def test_code_and_link_targets_are_never_reported():
    source = "Words [x](https://example.com/miracle).\n\n```\nmiracle\n```\n\n`breakthrough`\n"
    assert hype_positions(source, "article.md") == []


HTML_CASES = [
    ("entity-before", "<p>Tom &amp; Jerry <b>miracle</b></p>", "miracle", 1, 23, 30),
    ("nested-tags", "<p>A <em>nested <strong>miracle</strong></em>\n  on two lines breakthrough</p>",
     "breakthrough", 2, 16, 28),
    ("nested-tags-1", "<p>A <em>nested <strong>miracle</strong></em></p>", "miracle", 1, 25, 32),
    ("named-entities", "<p>caf&eacute; miracle &#8212; breakthrough</p>", "breakthrough", 1, 32, 44),
    ("nbsp", "<p>A&nbsp;miracle</p>", "miracle", 1, 11, 18),
    ("entity-without-semicolon", "<p>x&copy miracle</p>", "miracle", 1, 11, 18),
    ("attributes-with-gt", "<p title='a > b'>caf&#233;<br>miracle</p>", "miracle", 1, 31, 38),
    ("list-crlf", "<ul>\r\n<li>One <a href='/x'>miracle</a></li>\r\n</ul>", "miracle", 2, 22, 29),
    ("heading", "<h2>A miracle <small>heading</small></h2>", "miracle", 1, 7, 14),
    ("table-cell", "<table><tr><td>cell</td><td>breakthrough</td></tr></table>", "breakthrough", 1, 29, 41),
    ("non-ascii", "<p>😀 é miracle</p>", "miracle", 1, 8, 15),
    ("after-script", "<script>var miracle = 1;</script>\n<p>The breakthrough</p>", "breakthrough", 2, 8, 20),
    ("front-matter", "---\ntitle: T\n---\n<p>miracle</p>", "miracle", 4, 4, 11),
    ("unclosed", "<p>unclosed <b>miracle", "miracle", 1, 16, 23),
]


@pytest.mark.parametrize("source, word, line, column, end_column",
                         [case[1:] for case in HTML_CASES], ids=[case[0] for case in HTML_CASES])
def test_html_positions(source, word, line, column, end_column):
    positions = hype_positions(source, "page.html")
    assert (line, column, line, end_column) in positions, positions
    assert source_slice(source, line, column, end_column) == word


TEXT_CASES = [
    ("paragraph", "Title Here\n\nThe miracle paragraph.\nMore breakthrough.\n", "breakthrough", 4, 6, 18),
    ("crlf", "Title Here\r\n\r\nThe miracle paragraph.\r\n", "miracle", 3, 5, 12),
    ("indented", "\tIndented miracle\n", "miracle", 1, 11, 18),
    ("list", "Heading\n\n1. one miracle\n2. two\n", "miracle", 3, 8, 15),
    ("non-ascii", "é😀 miracle\r\nsecond breakthrough\r\n", "breakthrough", 2, 8, 20),
    ("heading", "A miracle heading\n\nBody text.\n", "miracle", 1, 3, 10),
]


@pytest.mark.parametrize("source, word, line, column, end_column",
                         [case[1:] for case in TEXT_CASES], ids=[case[0] for case in TEXT_CASES])
def test_plain_text_positions(source, word, line, column, end_column):
    positions = hype_positions(source, "notes.txt")
    assert (line, column, line, end_column) in positions, positions
    assert source_slice(source, line, column, end_column) == word


def test_position_after_undecodable_bytes_counts_the_replacement_character():
    data = "Café: a miracle.\n".encode("latin-1")
    findings = lint_sources([Source("a.txt", data, HYPE_ONLY)])[0].findings
    assert [(f.line, f.column, f.end_column) for f in findings] == [(1, 9, 16)]


def test_multi_line_match_has_end_on_a_later_line():
    source = "It was a game\nchanger for us.\n"
    positions = hype_positions(source, "article.md")
    assert positions == [(1, 10, 2, 8)]
