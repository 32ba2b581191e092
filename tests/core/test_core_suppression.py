"""Inline suppression comments in Markdown, HTML and plain text."""

from __future__ import annotations

import pytest

from medlint.config import Config
from medlint.document import parse_document
from medlint.linter import Source, lint_sources

CONFIG = Config(base={"select": ["claims.hype", "language.person-first", "medlint", "document"]})


def found(text: str, path: str = "article.md") -> list[tuple[str, int]]:
    findings = lint_sources([Source(path, text.encode("utf-8"), CONFIG)])[0].findings
    return [(f.rule, f.line) for f in findings]


HYPE, PERSON = "claims.hype", "language.person-first"

#: The same article in each format: (path, how a paragraph is written, how a comment stands alone)
FORMATS = {
    "markdown": ("a.md", "{}\n", "<!-- {} -->\n"),
    "html": ("a.html", "<p>{}</p>\n", "<!-- {} -->\n"),
    "text": ("a.txt", "{}\n", "<!-- {} -->\n"),
}


def article(fmt: str, *parts: tuple[str, str]) -> str:
    """Parts are ('p', text) paragraphs or ('c', directive) comments, each on its own line,
    separated by blank lines. Line numbers: part i is on line 2*i+1."""
    _, para, comment = FORMATS[fmt]
    return "\n".join((para if kind == "p" else comment).format(text) for kind, text in parts)


@pytest.fixture(params=list(FORMATS))
def fmt(request):
    return request.param


def lint_article(fmt: str, *parts):
    return found(article(fmt, *parts), FORMATS[fmt][0])


def test_disable_and_enable_a_region(fmt):
    result = lint_article(fmt, ("p", "A miracle one."), ("c", "medlint-disable claims.hype"),
                          ("p", "A miracle two."), ("c", "medlint-enable"), ("p", "A miracle three."))
    assert result == [(HYPE, 1), (HYPE, 9)]


def test_disable_without_rules_covers_every_rule(fmt):
    result = lint_article(fmt, ("c", "medlint-disable"), ("p", "Diabetics want a miracle."),
                          ("c", "medlint-enable"), ("p", "Diabetics want a miracle."))
    assert sorted(result) == [(HYPE, 7), (PERSON, 7)]


def test_disable_names_only_some_rules(fmt):
    result = lint_article(fmt, ("c", "medlint-disable claims.hype"), ("p", "Diabetics want a miracle."))
    assert result == [(PERSON, 3)]


def test_disable_a_family(fmt):
    result = lint_article(fmt, ("c", "medlint-disable claims"), ("p", "Diabetics want a miracle."))
    assert result == [(PERSON, 3)]


def test_disable_several_rules_comma_separated(fmt):
    for directive in ("medlint-disable claims.hype,language.person-first",
                      "medlint-disable claims.hype, language.person-first",
                      "medlint-disable claims.hype language.person-first"):
        assert lint_article(fmt, ("c", directive), ("p", "Diabetics want a miracle.")) == []


def test_disable_without_enable_runs_to_the_end(fmt):
    result = lint_article(fmt, ("p", "A miracle."), ("c", "medlint-disable claims.hype"),
                          ("p", "A miracle."), ("p", "A miracle."))
    assert result == [(HYPE, 1)]


def test_enable_one_rule_keeps_the_others_disabled(fmt):
    result = lint_article(fmt, ("c", "medlint-disable claims.hype, language.person-first"),
                          ("p", "Diabetics want a miracle."), ("c", "medlint-enable claims.hype"),
                          ("p", "Diabetics want a miracle."))
    assert result == [(HYPE, 7)]


def test_enable_one_rule_inside_disable_all(fmt):
    result = lint_article(fmt, ("c", "medlint-disable"), ("p", "Diabetics want a miracle."),
                          ("c", "medlint-enable claims.hype"), ("p", "Diabetics want a miracle."),
                          ("c", "medlint-enable"), ("p", "Diabetics want a miracle."))
    assert sorted(result) == [(HYPE, 7), (HYPE, 11), (PERSON, 11)]


def test_enable_one_rule_inside_a_disabled_family(fmt):
    result = lint_article(fmt, ("c", "medlint-disable claims"), ("p", "A miracle."),
                          ("c", "medlint-enable claims.hype"), ("p", "A miracle."))
    assert result == [(HYPE, 7)]


def test_enable_of_another_rule_changes_nothing(fmt):
    result = lint_article(fmt, ("c", "medlint-disable claims.hype"), ("p", "A miracle."),
                          ("c", "medlint-enable language"), ("p", "A miracle."))
    assert result == []


def test_disable_next_line(fmt):
    result = lint_article(fmt, ("c", "medlint-disable-next-line claims.hype"), ("p", "Diabetics want a miracle."),
                          ("p", "A miracle."))
    assert result == [(PERSON, 3), (HYPE, 5)]


def test_disable_next_line_without_rules(fmt):
    result = lint_article(fmt, ("c", "medlint-disable-next-line"), ("p", "Diabetics want a miracle."),
                          ("p", "A miracle."))
    assert result == [(HYPE, 5)]


def test_disable_next_line_skips_blank_lines_but_only_covers_one_line():
    text = "<!-- medlint-disable-next-line claims.hype -->\n\nA miracle here\nand a miracle there.\n"
    assert found(text) == [(HYPE, 4)]


def test_disable_next_line_at_the_end_of_a_line_of_text():
    text = "A miracle <!-- medlint-disable-next-line claims.hype -->\nA miracle.\nA miracle.\n"
    assert found(text) == [(HYPE, 1), (HYPE, 3)]


@pytest.mark.parametrize("path, line", [
    ("a.md", "Diabetics want a miracle. <!-- medlint-disable-line claims.hype -->"),
    ("a.html", "<p>Diabetics want a miracle.</p> <!-- medlint-disable-line claims.hype -->"),
    ("a.txt", "Diabetics want a miracle. <!-- medlint-disable-line claims.hype -->"),
])
def test_disable_line_covers_its_own_line_only(path, line):
    assert found(f"{line}\nA miracle.\n", path) == [(PERSON, 1), (HYPE, 2)]


def test_disable_line_without_rules_and_is_not_a_disable_of_the_rest():
    text = "A miracle. <!-- medlint-disable-line -->\nDiabetics want a miracle.\n"
    assert found(text) == [(PERSON, 2), (HYPE, 2)]


def test_a_kind_glued_to_other_words_is_no_directive():
    text = "<!-- medlint-disabled claims.hype -->\nA miracle.\n"
    assert found(text) == [(HYPE, 2)]


def test_disable_file_anywhere(fmt):
    result = lint_article(fmt, ("p", "Diabetics want a miracle."), ("p", "A miracle."),
                          ("c", "medlint-disable-file claims.hype"))
    assert result == [(PERSON, 1)]


def test_disable_file_without_rules(fmt):
    assert lint_article(fmt, ("c", "medlint-disable-file"), ("p", "Diabetics want a miracle.")) == []


def test_unknown_rule_in_a_directive_is_a_warning(fmt):
    text = article(fmt, ("c", "medlint-disable claims.hyp"), ("p", "A miracle."))
    findings = lint_sources([Source(FORMATS[fmt][0], text.encode(), CONFIG)])[0].findings
    unknown = [f for f in findings if f.rule == "medlint.unknown-rule"]
    assert len(unknown) == 1
    assert str(unknown[0].severity) == "warning"
    assert "'claims.hyp'" in unknown[0].message
    assert (unknown[0].line, unknown[0].column) == (1, 1)
    # the typo suppresses nothing
    assert (HYPE, 3) in [(f.rule, f.line) for f in findings]


def test_unknown_rule_next_to_a_known_one(fmt):
    result = lint_article(fmt, ("c", "medlint-disable-file nope.rule, claims.hype"), ("p", "A miracle."))
    assert result == [("medlint.unknown-rule", 1)]


def test_unknown_rule_warning_is_not_itself_suppressed():
    text = "<!-- medlint-disable-file -->\n<!-- medlint-disable nope.rule -->\nA miracle.\n"
    assert found(text) == [("medlint.unknown-rule", 2)]


def test_unknown_rule_warning_can_be_ignored_in_config():
    config = Config(base={"select": ["claims.hype"]})
    text = "<!-- medlint-disable nope.rule -->\nA miracle.\n"
    findings = lint_sources([Source("a.md", text.encode(), config)])[0].findings
    assert [f.rule for f in findings] == [HYPE]


def test_directive_position_and_kind_are_parsed():
    document = parse_document("Text.\n\n  <!-- medlint-disable-next-line claims.hype, language -->\n", "a.md")
    [directive] = document.directives
    assert directive.kind == "disable-next-line"
    assert directive.rules == ("claims.hype", "language")
    assert (directive.line, directive.column) == (3, 3)
    assert (directive.end_line, directive.end_column) == (3, 59)


def test_directives_inside_code_are_ignored():
    text = "```\n<!-- medlint-disable-file -->\n```\n\nA miracle with `<!-- medlint-disable-file -->`.\n"
    assert found(text) == [(HYPE, 5)]


def test_directives_inside_html_script_are_ignored():
    text = "<script>/* <!-- medlint-disable-file --> */</script>\n<p>A miracle.</p>\n"
    assert found(text, "a.html") == [(HYPE, 2)]


def test_directive_inside_a_markdown_paragraph():
    text = "Some text <!-- medlint-disable claims.hype --> and a miracle\non the next line a miracle.\n"
    assert found(text) == []


def test_ordinary_comments_and_lookalikes_are_not_directives():
    text = "<!-- note: medlint-disable claims.hype -->\n<!-- medlint-disabled -->\n\nA miracle.\n"
    assert parse_document(text, "a.md").directives == []
    assert found(text) == [(HYPE, 4)]


def test_document_findings_can_be_suppressed():
    text = "---\ntitle: [broken\n---\n<!-- medlint-disable-file document.front-matter-invalid -->\nBody.\n"
    assert found(text) == []
