"""Reading Markdown, HTML and plain text into Documents, and every kind of bad input."""

from __future__ import annotations

import pytest

from medlint.config import Config
from medlint.document import detect_format, parse_document
from medlint.linter import Source, decode, lint_sources


def kinds(document) -> list[tuple[str, int, str]]:
    return [(block.kind, block.level, block.text) for block in document.blocks]


def prose(document) -> str:
    return " | ".join(block.text for block in document.blocks)


def assert_offsets_map_back(document) -> None:
    """Every character of every block maps to the same character in the file (or an escape)."""
    source = document.source
    for block in document.blocks:
        # a heading with no prose text (only code or an image) keeps one offset: where it stands
        assert len(block.offsets) == (len(block.text) or (1 if block.is_heading else 0))
        assert block.offsets == sorted(block.offsets)
        for char, offset in zip(block.text, block.offsets):
            if char != " ":
                assert 0 <= offset < len(source)


# -- format detection ----------------------------------------------------------------------------

@pytest.mark.parametrize("path, expected", [
    ("a.md", "markdown"), ("a.markdown", "markdown"), ("a.mdx", "markdown"), ("A.MD", "markdown"),
    ("a.html", "html"), ("a.htm", "html"), ("page.HTML", "html"),
    ("a.txt", "text"), ("notes", "text"), ("a.rst", "text"), ("<stdin>", "text"),
])
def test_format_by_extension(path, expected):
    assert detect_format(path, "plain words") == expected


@pytest.mark.parametrize("text", ["<!DOCTYPE html><p>x</p>", "  <html><body>x</body></html>",
                                  "<!doctype HTML>\n<p>x</p>"])
def test_html_detected_by_content_when_the_extension_says_nothing(text):
    assert detect_format("page", text) == "html"
    assert detect_format("<stdin>", text) == "html"


def test_extension_beats_content():
    assert detect_format("a.md", "<!DOCTYPE html><p>x</p>") == "markdown"
    assert detect_format("a.txt", "<html><p>x</p></html>") == "text"


# -- Markdown ------------------------------------------------------------------------------------

MARKDOWN = """\
---
title: Living with asthma
reviewed: 2026-01-05
tags: [lungs, breathing]
---
# Living with asthma

Asthma is *common* and **treatable**.

## Triggers

- Pollen and dust
- Cold air

1. First step
2. Second step

> A quoted patient story.

| Drug | Use |
|------|-----|
| Salbutamol | Relief |

### Deeper

Setext heading
--------------

Last paragraph.
"""


def test_markdown_front_matter_is_metadata_with_lines():
    document = parse_document(MARKDOWN, "a.md")
    assert document.format == "markdown"
    assert document.metadata["title"] == "Living with asthma"
    assert document.metadata["tags"] == ["lungs", "breathing"]
    assert str(document.metadata["reviewed"]) == "2026-01-05"
    assert document.metadata_lines == {"title": 2, "reviewed": 3, "tags": 4}
    assert document.problems == []
    assert "title:" not in prose(document)


def test_markdown_blocks_kinds_and_levels():
    document = parse_document(MARKDOWN, "a.md")
    assert kinds(document) == [
        ("heading", 1, "Living with asthma"),
        ("paragraph", 0, "Asthma is common and treatable."),
        ("heading", 2, "Triggers"),
        ("list_item", 0, "Pollen and dust"),
        ("list_item", 0, "Cold air"),
        ("list_item", 0, "First step"),
        ("list_item", 0, "Second step"),
        ("blockquote", 0, "A quoted patient story."),
        ("table_cell", 0, "Drug"),
        ("table_cell", 0, "Use"),
        ("table_cell", 0, "Salbutamol"),
        ("table_cell", 0, "Relief"),
        ("heading", 3, "Deeper"),
        ("heading", 2, "Setext heading"),
        ("paragraph", 0, "Last paragraph."),
    ]
    assert_offsets_map_back(document)


def test_markdown_section_tree():
    document = parse_document(MARKDOWN, "a.md")
    root = document.root
    assert root.heading is None and root.level == 0
    assert [s.title for s in root.children] == ["Living with asthma"]
    top = root.children[0]
    assert [b.text for b in top.blocks] == ["Asthma is common and treatable."]
    assert [(s.title, s.level) for s in top.children] == [("Triggers", 2), ("Setext heading", 2)]
    triggers = top.children[0]
    assert [s.title for s in triggers.children] == ["Deeper"]
    assert triggers.children[0].parent is triggers
    assert "Cold air" in [b.text for b in triggers.blocks]
    assert [s.title for s in root.walk()] == ["", "Living with asthma", "Triggers", "Deeper", "Setext heading"]
    # all_blocks of a section includes its subsections' headings and blocks
    assert [b.text for b in triggers.all_blocks()][-1] == "Deeper"
    for block in document.blocks:
        assert block.section is not None


def test_markdown_raw_html_blocks_are_read_as_html():
    text = ("# Guide\n\n<p>The <b>first</b> &amp; only\nparagraph.</p>\n\n"
            "<div class=\"callout\">\nCall us today.\n</div>\n\n<h2>Risks</h2>\n\nAfter.\n")
    document = parse_document(text, "a.md")
    assert kinds(document) == [("heading", 1, "Guide"), ("paragraph", 0, "The first & only paragraph."),
                               ("paragraph", 0, "Call us today."), ("heading", 2, "Risks"),
                               ("paragraph", 0, "After.")]
    assert_offsets_map_back(document)
    block = document.blocks[1]
    assert document.position(block.source_offset(block.text.index("only"))) == (3, 27)
    assert [s.title for s in document.root.children[0].children] == ["Risks"]


def test_markdown_footnote_definitions_are_references_not_prose():
    text = "# Tea\n\nGreen tea is popular.[^1]\n\n[^1]: Smith J. Hepatocellular carcinoma and tea. NEJM. 2020.\n"
    assert kinds(parse_document(text, "a.md")) == [("heading", 1, "Tea"),
                                                   ("paragraph", 0, "Green tea is popular.[^1]")]


def test_mdx_import_and_export_statements_are_not_prose():
    text = ("import Chart from '../components/Chart'\nexport const meta = {\n  title: 'BP',\n}\n\n"
            "# Blood pressure\n\nExport your readings for your doctor.\n\n- import is a word here\n")
    assert kinds(parse_document(text, "bp.mdx")) == [
        ("heading", 1, "Blood pressure"), ("paragraph", 0, "Export your readings for your doctor."),
        ("list_item", 0, "import is a word here")]
    # plain Markdown has no such statements: the same lines are prose there
    assert kinds(parse_document(text, "bp.md"))[0][2].startswith("import Chart")


def test_markdown_heading_titles_keep_their_code_and_image_text():
    text = ("# Guide\n\nIntro.\n\n## Using `metformin` safely\n\nWith food.\n\n"
            "## `insulin`\n\nInjected.\n\n## ![Pills](p.png)\n\nAfter.\n")
    document = parse_document(text, "a.md")
    headings = document.headings()
    assert [(h.text, h.label) for h in headings] == [
        ("Guide", "Guide"), ("Using safely", "Using metformin safely"), ("", "insulin"), ("", "Pills")]
    # a heading of code or an image alone still opens its own section, at its own line
    guide = document.root.children[0]
    assert [(s.title, [b.text for b in s.blocks]) for s in guide.children] == [
        ("Using metformin safely", ["With food."]), ("insulin", ["Injected."]), ("Pills", ["After."])]
    assert [document.position(h.source_offset(0)) for h in headings[2:]] == [(9, 4), (13, 4)]
    assert_offsets_map_back(document)


def test_markdown_text_before_the_first_heading_belongs_to_the_root():
    document = parse_document("Intro words.\n\n# Title\n\nBody.\n", "a.md")
    assert [b.text for b in document.root.blocks] == ["Intro words."]
    assert document.headings()[0].text == "Title"
    assert [b.text for b in document.prose_blocks()] == ["Intro words.", "Body."]


@pytest.mark.parametrize("markdown, hidden", [
    ("Text.\n\n```\nfenced code words\n```\n", "fenced"),
    ("Text.\n\n~~~python\nprint('tilde fence')\n~~~\n", "tilde"),
    ("Text.\n\n    indented code words\n", "indented"),
    ("Text with `inline code words` here.\n", "inline"),
    ("Text.\n\n<div class=\"raw-attribute\">\nShown.\n</div>\n", "raw"),
    ("Text.\n\n<script>\nvar rawScript = 1;\n</script>\n", "raw"),
    ("Text.\n\n<pre>\nraw preformatted words\n</pre>\n", "raw"),
    ("Text <span class='x'>\n", "span"),
    ("Text.\n\n<!-- an html comment words -->\n", "comment"),
    ("Text <!-- inline comment words --> more.\n", "comment"),
    ("Text [link words](https://example.com/target-words) more.\n", "target"),
    ("Text ![image alt words](https://example.com/image-url.png) more.\n", "image"),
    ("Text <https://example.com/autolink-words> more.\n", "autolink"),
    ("Text [ref][r] more.\n\n[r]: https://example.com/reference-words\n", "reference"),
])
def test_markdown_non_prose_is_dropped(markdown, hidden):
    document = parse_document(markdown, "a.md")
    assert hidden not in prose(document)
    assert document.blocks[0].text.startswith("Text")


def test_markdown_link_text_is_prose_and_targets_are_links():
    document = parse_document("See [the guideline](https://example.org/g) and <https://x.org>.\n", "a.md")
    assert document.blocks[0].text == "See the guideline and ."
    assert document.links == ["https://example.org/g", "https://x.org"]
    assert document.blocks[0].links == ["https://example.org/g", "https://x.org"]


def test_markdown_bare_urls_are_links_not_prose():
    document = parse_document("Read https://example.org/page for more.\n", "a.md")
    assert "example.org" not in document.blocks[0].text
    assert "https://example.org/page" in document.links


def test_markdown_entities_and_escapes_are_decoded():
    document = parse_document("Salt &amp; pepper, 5 \\* 3, caf&eacute;, &#169; &#x41;.\n", "a.md")
    assert document.blocks[0].text == "Salt & pepper, 5 * 3, café, © A."
    assert_offsets_map_back(document)


def test_markdown_soft_and_hard_breaks_join_lines_with_a_space():
    document = parse_document("One line\nsecond line  \nthird\\\nfourth\n", "a.md")
    assert document.blocks[0].text == "One line second line third fourth"


def test_markdown_nested_list_and_quote():
    document = parse_document("- outer\n  - inner item\n\n> - quoted item\n", "a.md")
    assert kinds(document) == [("list_item", 0, "outer"), ("list_item", 0, "inner item"),
                               ("list_item", 0, "quoted item")]


def test_markdown_front_matter_needs_to_be_at_the_very_top():
    document = parse_document("\n---\ntitle: x\n---\nBody.\n", "a.md")
    assert document.metadata == {}
    assert document.problems == []


def test_markdown_front_matter_closed_with_dots_and_crlf():
    document = parse_document("---\r\ntitle: T\r\n...\r\nBody text.\r\n", "a.md")
    assert document.metadata == {"title": "T"}
    assert [b.text for b in document.blocks] == ["Body text."]


def test_empty_front_matter_is_fine():
    document = parse_document("---\n---\nBody.\n", "a.md")
    assert document.metadata == {} and document.problems == []
    assert [b.text for b in document.blocks] == ["Body."]


def test_byte_order_mark_is_not_prose_and_keeps_offsets():
    document = parse_document("\ufeff---\ntitle: T\n---\n# Head\n", "a.md")
    assert document.metadata == {"title": "T"}
    assert kinds(document) == [("heading", 1, "Head")]
    assert document.position(document.blocks[0].offsets[0]) == (4, 3)


# -- HTML ----------------------------------------------------------------------------------------

HTML = """\
<!DOCTYPE html>
<html>
<head>
  <title>Heart  failure
  basics</title>
  <meta name="author" content="Dr. Ada Lovelace">
  <meta name="description" content="What heart failure is.">
  <style>p { color: red; }</style>
  <script>var hidden = "script words";</script>
</head>
<body>
<nav><a href="/">Home nav words</a></nav>
<h1>Heart failure</h1>
<p>The heart <b>pumps</b> less well &amp; fluid builds up.</p>
<h2>Treatment</h2>
<ul><li>Diuretics</li><li>ACE inhibitors</li></ul>
<table><tr><th>Drug</th><td>Dose</td></tr></table>
<blockquote>A quoted line.</blockquote>
<h6>Small heading</h6>
<aside>Aside words</aside>
<form><label>Form words</label><input name="q"></form>
<footer>Footer words</footer>
<pre><code>code words</code></pre>
<!-- an html comment words -->
</body>
</html>
"""


def test_html_blocks_kinds_and_levels():
    document = parse_document(HTML, "page.html")
    assert document.format == "html"
    assert kinds(document) == [
        ("heading", 1, "Heart failure"),
        ("paragraph", 0, "The heart pumps less well & fluid builds up."),
        ("heading", 2, "Treatment"),
        ("list_item", 0, "Diuretics"),
        ("list_item", 0, "ACE inhibitors"),
        ("table_cell", 0, "Drug"),
        ("table_cell", 0, "Dose"),
        ("blockquote", 0, "A quoted line."),
        ("heading", 6, "Small heading"),
    ]
    assert_offsets_map_back(document)


@pytest.mark.parametrize("hidden", ["script words", "color", "nav words", "Aside words", "Form words",
                                    "Footer words", "code words", "comment words", "Heart failure basics"])
def test_html_non_prose_is_dropped(hidden):
    assert hidden not in prose(parse_document(HTML, "page.html"))


def test_html_title_without_head_is_metadata_not_prose():
    page = "<html>\n<title>COPD: risks | Example Health</title>\n<body><h1>Lung health</h1><p>Breathe.</p>"
    document = parse_document(page, "a.html")
    assert document.metadata["title"] == "COPD: risks | Example Health"
    assert kinds(document) == [("heading", 1, "Lung health"), ("paragraph", 0, "Breathe.")]


def test_html_block_level_containers_keep_their_texts_apart():
    page = ("<address>Written by Jane Doe</address><address>Reviewed by John Roe</address>"
            "<center>Call us today</center><dialog>Close this</dialog>"
            "<video>Your browser cannot play this video.</video><p>Run <kbd>medlint</kbd> now.</p>")
    document = parse_document(page, "a.html")
    assert [b.text for b in document.blocks] == [
        "Written by Jane Doe", "Reviewed by John Roe", "Call us today", "Close this", "Run now."]
    assert_offsets_map_back(document)


def test_html_metadata_from_title_and_meta():
    document = parse_document(HTML, "page.html")
    assert document.metadata["title"] == "Heart failure basics"
    assert document.metadata["author"] == "Dr. Ada Lovelace"
    assert document.metadata["description"] == "What heart failure is."
    assert document.metadata_lines["author"] == 6


def test_html_section_tree():
    document = parse_document(HTML, "page.html")
    top = document.root.children[0]
    assert top.title == "Heart failure"
    assert [s.title for s in top.children] == ["Treatment"]
    assert [s.title for s in top.children[0].children] == ["Small heading"]


def test_html_links_are_collected():
    document = parse_document('<p>See <a href="https://example.org/x">this page</a>.</p>', "a.html")
    assert document.blocks[0].text == "See this page."
    assert document.links == ["https://example.org/x"]


def test_html_loose_text_in_containers_is_a_paragraph():
    document = parse_document("<div>Loose words<p>Inner words</p>tail words</div>", "a.html")
    assert kinds(document) == [("paragraph", 0, "Loose words"), ("paragraph", 0, "Inner words"),
                               ("paragraph", 0, "tail words")]


@pytest.mark.parametrize("markup", [
    "<p>unclosed <b>bold", "</p></div>stray closers", "<<<>>> <p>odd</p>", "<p>&bogus; &#99999999;</p>",
    "<![CDATA[x]]><p>after cdata</p>", "<p a='1' b=\"2\" c>attrs</p>", "<script>never closed",
    "<svg><text>drawing</text></svg><p>after svg</p>", "",
])
def test_malformed_html_never_raises(markup):
    document = parse_document(markup, "a.html")
    assert_offsets_map_back(document)


# -- plain text ----------------------------------------------------------------------------------

PLAIN = """\
Heart failure basics

The heart pumps less well. Fluid
builds up in the legs.

What to do

- Weigh yourself daily.
- Take your pills.

Call your doctor if you gain weight fast.
A closing line without a full stop"""


def test_plain_text_paragraphs_headings_and_lists():
    document = parse_document(PLAIN, "a.txt")
    assert document.format == "text"
    assert kinds(document) == [
        ("heading", 1, "Heart failure basics"),
        ("paragraph", 0, "The heart pumps less well. Fluid builds up in the legs."),
        ("heading", 2, "What to do"),
        ("list_item", 0, "Weigh yourself daily."),
        ("list_item", 0, "Take your pills."),
        ("paragraph", 0, "Call your doctor if you gain weight fast. A closing line without a full stop"),
    ]
    assert [s.title for s in document.root.walk()] == ["", "Heart failure basics", "What to do"]
    assert_offsets_map_back(document)


@pytest.mark.parametrize("text", [
    "Ends with a full stop.\n\nBody text follows.",
    "A question?\n\nBody text follows.",
    "Only a line at the end",
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen\n\nBody.",
    "12345\n\nBody.",
    'Doctors say: "Take it with food."\n\nBody.',
    "(Ask your doctor before you start.)\n\nBody.",
    "She asked, \u201cIs it safe?\u201d\n\nBody.",
])
def test_plain_text_lines_that_are_not_headings(text):
    document = parse_document(text, "a.txt")
    assert document.headings() == []


@pytest.mark.parametrize("line", ['What "HCC" means', "Side effects (common)", "Risks [updated]"])
def test_plain_text_headings_may_end_in_a_quote_or_bracket(line):
    document = parse_document(f"Title\n\n{line}\n\nBody text.", "a.txt")
    assert [h.text for h in document.headings()] == ["Title", line]


def test_plain_text_lead_in_line_and_its_list_in_one_chunk():
    text = ("Signs of a stroke\r\n\r\nCall 911 if you notice any of these:\r\n- face drooping on one side\r\n"
            "- arm weakness or numbness\r\n  in one arm\r\n- slurred speech\r\n\r\nMore text.\r\n")
    document = parse_document(text, "a.txt")
    assert kinds(document) == [
        ("heading", 1, "Signs of a stroke"), ("paragraph", 0, "Call 911 if you notice any of these:"),
        ("list_item", 0, "face drooping on one side"), ("list_item", 0, "arm weakness or numbness in one arm"),
        ("list_item", 0, "slurred speech"), ("paragraph", 0, "More text.")]
    assert_offsets_map_back(document)
    assert document.position(document.blocks[3].source_offset(0)) == (5, 3)
    # without a colon, or with an unindented line after the list, it stays one paragraph
    for chunk in ["A line\n- not a list here", "Notice these:\n- one\nnot indented"]:
        assert [k for k, _, _ in kinds(parse_document(chunk, "a.txt"))] == ["paragraph"]


def test_plain_text_crlf_and_whitespace_only_lines_split_paragraphs():
    document = parse_document("Title words\r\n  \r\nFirst para.\r\n\t\r\nSecond para.\r\n", "a.txt")
    assert kinds(document) == [("heading", 1, "Title words"), ("paragraph", 0, "First para."),
                               ("paragraph", 0, "Second para.")]


def test_plain_text_unknown_extension_is_read_as_text():
    document = parse_document("Some notes here.\n\nMore notes.", "notes.rst")
    assert document.format == "text"
    assert [b.text for b in document.blocks] == ["Some notes here.", "More notes."]


# -- positions -----------------------------------------------------------------------------------

def test_position_is_one_based_line_and_character_column():
    document = parse_document("ab\nçd😀x\n", "a.txt")
    assert document.position(0) == (1, 1)
    assert document.position(3) == (2, 1)
    assert document.position(6) == (2, 4)  # after ç, d and the emoji: columns count characters
    assert document.line_count == 3


def test_block_source_span_is_end_exclusive():
    document = parse_document("Hello world.\n", "a.txt")
    block = document.blocks[0]
    assert block.source_span(6, 11) == (6, 11)
    assert document.source[slice(*block.source_span(6, 11))] == "world"


# -- bad input -----------------------------------------------------------------------------------

#: Only the engine's own rules and one pattern rule, so that other rule families cannot interfere.
CORE = Config(base={"select": ["document", "medlint", "claims.hype"]})


def lint_bytes(data: bytes, path: str = "article.md"):
    return lint_sources([Source(path, data, CORE)])[0].findings


def only(findings, rule: str):
    return [f for f in findings if f.rule == rule]


def test_empty_file_is_fine():
    for path in ("a.md", "a.html", "a.txt"):
        assert lint_bytes(b"", path) == []
        assert parse_document("", path).blocks == []
    assert lint_bytes(b"\n\n   \n\t\n") == []


def test_invalid_utf8_is_read_with_replacement_characters_and_warned():
    data = "Line one.\nCafé menus list calories.\n".encode("latin-1")
    findings = lint_bytes(data, "menu.txt")
    [warning] = only(findings, "document.encoding")
    assert str(warning.severity) == "warning"
    assert (warning.line, warning.column) == (2, 4)
    assert "0xe9" in warning.message and "UTF-8" in warning.message
    text, problems = decode(data, "menu.txt")
    assert text == "Line one.\nCaf\ufffd menus list calories.\n"
    assert [p.rule for p in problems] == ["document.encoding"]


def test_invalid_utf8_file_is_still_linted():
    data = "Caf\u00e9 owners call it a miracle drink.\n".encode("latin-1")
    findings = lint_bytes(data, "a.md")
    hype = only(findings, "claims.hype")
    assert [(f.line, f.column, f.end_column) for f in hype] == [(1, 23, 30)]


def test_binary_file_is_skipped_with_unreadable_finding():
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR miracle miracle"
    findings = lint_bytes(data, "photo.md")
    assert [f.rule for f in findings] == ["document.unreadable"]
    assert (findings[0].line, findings[0].column) == (1, 1)
    assert "binary" in findings[0].message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read_not_called_binary(encoding):
    text = "# Tea\n\nSome call it a miracle drink.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    hype = only(lint_bytes(data, "a.md"), "claims.hype")
    assert [(f.line, f.column, f.end_column) for f in hype] == [(3, 16, 23)]


def test_utf8_text_is_not_mistaken_for_binary():
    assert lint_bytes("Ünïcödé text, 😀 and CJK 漢字.\n".encode(), "a.txt") == []


@pytest.mark.parametrize("front, line, what", [
    ("---\ntitle: [never closed\n---\n", 3, "not valid YAML"),
    ("---\ntitle: fine\nbad: value: here\n---\n", 3, "not valid YAML"),
    ("---\ntitle: fine\n  indented: wrong\n---\n", 3, "not valid YAML"),
    ("---\n- a list\n- not a mapping\n---\n", 2, "must be a mapping"),
    ("---\njust a string\n---\n", 2, "must be a mapping"),
    ("---\ntitle: fine\n", 1, "never closed"),
])
def test_malformed_front_matter_is_an_error_with_its_line(front, line, what):
    text = front + "\nThe body has a miracle cure in it.\n"
    findings = lint_bytes(text.encode(), "a.md")
    [problem] = only(findings, "document.front-matter-invalid")
    assert str(problem.severity) == "error"
    assert problem.line == line
    assert what in problem.message


@pytest.mark.parametrize("front", [
    "---\ntitle: [never closed\n---\n",
    "---\n- a list\n---\n",
    "---\ntitle: x\nbad: value: here\n---\n",
])
def test_rest_of_file_is_linted_after_bad_front_matter(front):
    text = front + "The body has a miracle cure.\n"
    findings = lint_bytes(text.encode(), "a.md")
    body_line = front.count("\n") + 1
    assert [(f.line, f.column) for f in only(findings, "claims.hype")] == [(body_line, 16)]


def test_front_matter_in_html_and_text_files_is_read_too():
    for path in ("a.html", "a.txt"):
        document = parse_document("---\ntitle: T\n---\n<p>Body words.</p>\n" if path == "a.html"
                                  else "---\ntitle: T\n---\nBody words.\n", path)
        assert document.metadata == {"title": "T"}
        assert [b.text for b in document.blocks] == ["Body words."]


def test_yaml_front_matter_is_safe_loaded():
    document = parse_document("---\nx: !!python/object/apply:os.system ['echo hi']\n---\nBody.\n", "a.md")
    assert document.metadata == {}
    assert [p.rule for p in document.problems] == ["document.front-matter-invalid"]


WEIRD_INPUTS = [
    b"\x00", b"\xff\xfe\xfd", b"---", b"---\n", b"---\n---", b"\r\n\r\n", b"\t", b"#", b"# ", b">", b"-",
    b"|", b"| a |\n|---|", b"```", b"<", b"<!--", b"<!-- medlint-disable", b"&", b"&#;", b"\\",
    b"[", b"[]()", b"![", b"<a href=", "\u202e\u200b\ufeff".encode(), b"\xef\xbb\xbf",
    b"---\n" + b"a: b\n" * 50 + b"---\n", ("x" * 20000).encode(), b"*" * 500, b"[" * 300 + b"]" * 300,
]


@pytest.mark.parametrize("data", WEIRD_INPUTS, ids=range(len(WEIRD_INPUTS)))
@pytest.mark.parametrize("path", ["a.md", "a.html", "a.txt", "noext"])
def test_weird_input_never_raises(data, path):
    result = lint_sources([Source(path, data)])[0]
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column)
