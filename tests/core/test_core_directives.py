"""Every inline directive form medlint accepts, in every format: each kind (disable, enable,
disable-line, disable-next-line, disable-file), with no rule list, a rule or a family, spelled
with spaces, without them or padded; then multi-line comments, Markdown containers, several
directives on one line and the edges of a file. test_core_suppression.py holds the semantics
(regions, re-enabling inside a family, unknown names)."""

from __future__ import annotations

import pytest

from medlint.config import Config
from medlint.document import parse_document
from medlint.linter import Source, lint_sources

CONFIG = Config(base={"select": ["claims.hype", "language.person-first", "medlint", "document"]})
HYPE, PERSON = "claims.hype", "language.person-first"
BOTH = "Diabetics want a miracle."  # one claims.hype and one language.person-first finding

FORMATS = {  # path, a paragraph, a comment standing alone
    "markdown": ("a.md", "{}\n", "{}\n"),
    "html": ("a.html", "<p>{}</p>\n", "{}\n"),
    "text": ("a.txt", "{}\n", "{}\n"),
}
SPELLINGS = {
    "spaced": "<!-- medlint-{kind}{rules} -->",
    "tight": "<!--medlint-{kind}{rules}-->",
    "padded": "<!--   medlint-{kind}  {rules}\t -->",
}
RULE_LISTS = {"all": (), "rule": ("claims.hype",), "family": ("claims",), "two": ("claims.hype", "language")}


def findings(text: str, path: str) -> list[tuple[str, int]]:
    result = lint_sources([Source(path, text.encode("utf-8"), CONFIG)])[0].findings
    return sorted((f.rule, f.line) for f in result)


def directive(spelling: str, kind: str, rules: tuple[str, ...]) -> str:
    listed = ", ".join(rules)
    if spelling == "spaced" and listed:
        listed = " " + listed
    elif spelling == "tight" and listed:
        listed = " " + listed.replace(", ", ",")
    return SPELLINGS[spelling].format(kind=kind, rules=listed)


def article(fmt: str, *parts: tuple[str, str]) -> str:
    """('p', text) paragraphs and ('c', comment) lines, separated by blank lines: part i is on
    line 2*i+1."""
    _, para, comment = FORMATS[fmt]
    return "\n".join((para if kind == "p" else comment).format(text) for kind, text in parts)


def on(lines: list[int], rules: tuple[str, ...] = (HYPE, PERSON)) -> list[tuple[str, int]]:
    return [(rule, line) for line in lines for rule in rules]


def expected(kind: str, rules: tuple[str, ...]) -> list[tuple[str, int]]:
    return sorted(_surviving(kind, rules))


def _surviving(kind: str, rules: tuple[str, ...]) -> list[tuple[str, int]]:
    """What survives each kind's layout (see test_every_directive_form) for a rule list."""
    hype_only = bool(rules) and "language" not in rules  # person-first stays reported
    if kind == "disable":  # from line 3 on
        return on([1]) + (on([5, 7], (PERSON,)) if hype_only else [])
    if kind == "disable-next-line":  # line 5 only
        return on([1, 7]) + (on([5], (PERSON,)) if hype_only else [])
    if kind == "disable-file":
        return on([1, 5, 7], (PERSON,)) if hype_only else []
    if kind == "disable-line":  # line 1 only
        return on([3]) + (on([1], (PERSON,)) if hype_only else [])
    assert kind == "enable"  # after `disable` of everything on line 1, enable on line 5
    return on([7], (HYPE,)) if hype_only else on([7])


@pytest.mark.parametrize("spelling", list(SPELLINGS))
@pytest.mark.parametrize("rule_list", list(RULE_LISTS))
@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("kind", ["disable", "enable", "disable-line", "disable-next-line", "disable-file"])
def test_every_directive_form(kind, fmt, rule_list, spelling):
    rules = RULE_LISTS[rule_list]
    comment = directive(spelling, kind, rules)
    if kind == "disable-line":
        text = article(fmt, ("p", f"{BOTH} {comment}"), ("p", BOTH))
    elif kind == "enable":
        text = article(fmt, ("c", "<!-- medlint-disable -->"), ("p", BOTH), ("c", comment), ("p", BOTH))
    else:
        text = article(fmt, ("p", BOTH), ("c", comment), ("p", BOTH), ("p", BOTH))
    [parsed] = parse_document(text, FORMATS[fmt][0]).directives[-1:]
    assert (parsed.kind, parsed.rules) == (kind, rules)
    assert findings(text, FORMATS[fmt][0]) == expected(kind, rules)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_directive_over_several_lines(fmt):
    text = article(fmt, ("c", "<!--\n  medlint-disable\n  claims.hype,\n  language\n-->"), ("p", BOTH))
    [parsed] = parse_document(text, FORMATS[fmt][0]).directives
    assert (parsed.kind, parsed.rules, parsed.line, parsed.end_line) == ("disable", (HYPE, "language"), 1, 5)
    assert findings(text, FORMATS[fmt][0]) == []


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_disable_next_line_over_several_lines_counts_from_its_end(fmt):
    text = article(fmt, ("c", "<!-- medlint-disable-next-line\n     claims.hype -->"), ("p", BOTH), ("p", BOTH))
    assert findings(text, FORMATS[fmt][0]) == sorted(on([4], (PERSON,)) + on([6]))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_two_directives_on_one_line(fmt):
    text = article(fmt, ("p", f"{BOTH} <!-- medlint-disable-line claims.hype --><!-- medlint-disable language -->"),
                   ("p", BOTH))
    # the line's hype is off on line 1 only; person-first is off from line 1 to the end
    assert findings(text, FORMATS[fmt][0]) == [(HYPE, 3)]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_disable_next_line_as_the_last_line_suppresses_nothing(fmt):
    text = article(fmt, ("p", BOTH), ("c", "<!-- medlint-disable-next-line -->"))
    assert findings(text, FORMATS[fmt][0]) == sorted(on([1]))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_directive_words_outside_a_comment_do_nothing(fmt):
    text = article(fmt, ("p", "medlint-disable-file"), ("p", BOTH))
    assert parse_document(text, FORMATS[fmt][0]).directives == []
    assert findings(text, FORMATS[fmt][0]) == sorted(on([3]))


@pytest.mark.parametrize("text, lines", [
    # a comment inside a list item or a block quote: Markdown strips the markers, medlint maps back
    ("- First item.\n\n  <!-- medlint-disable-next-line claims.hype -->\n  " + BOTH + "\n- " + BOTH + "\n", [4, 5]),
    ("> <!-- medlint-disable-next-line claims.hype -->\n> " + BOTH + "\n\n" + BOTH + "\n", [2, 4]),
    ("- " + BOTH + " <!-- medlint-disable-line claims.hype -->\n- " + BOTH + "\n", [1, 2]),
])
def test_markdown_directives_inside_containers(text, lines):
    first, second = lines
    assert findings(text, "a.md") == sorted(on([first], (PERSON,)) + on([second]))


def test_html_comment_inside_an_element_spanning_lines():
    text = "<div>\n<p>" + BOTH + "\n<!-- medlint-disable-line claims.hype --> A miracle.</p>\n</div>\n"
    assert findings(text, "a.html") == sorted(on([2]))
