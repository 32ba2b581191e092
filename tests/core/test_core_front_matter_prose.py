"""The front matter's title and description are prose for the rules that ask for it
(``front-matter: true``: hype, jargon, person-first), with positions inside the front matter."""

from __future__ import annotations

from medlint.document import parse_document
from medlint.linter import Source, lint_sources

ARTICLE = """---
title: "A miracle cure for diabetics"
author: Ann Lee
description: >
  This revolutionary treatment was given to
  diabetics to improve their prognosis.
---
# Diabetes

People with diabetes can live long lives.
"""


def findings(text: str, path: str = "post.md"):
    return lint_sources([Source(path, text.encode("utf-8"))])[0]


def where(result, rule: str) -> list[tuple[int, int, int]]:
    return [(f.line, f.column, f.end_column) for f in result.findings if f.rule == rule]


def test_title_and_description_blocks_point_into_the_front_matter():
    document = parse_document(ARTICLE, "post.md")
    title, description = document.front_matter_prose
    assert title.text == "A miracle cure for diabetics"
    assert document.position(title.offsets[0]) == (2, 9)  # after the opening quote
    assert description.text == "This revolutionary treatment was given to diabetics to improve their prognosis."
    assert document.position(description.offsets[0]) == (5, 3)
    assert document.position(description.offsets[-1]) == (6, 39)
    assert all(block not in document.blocks for block in document.front_matter_prose)


def test_hype_jargon_and_person_first_in_the_front_matter():
    result = findings(ARTICLE)
    assert where(result, "claims.hype") == [(2, 11, 18), (5, 8, 21)]
    assert (2, 28, 37) in where(result, "language.person-first")
    assert (6, 3, 12) in where(result, "language.person-first")
    assert where(result, "plain-language.jargon") == [(6, 30, 39)]


def test_rules_that_do_not_ask_leave_the_front_matter_alone():
    result = findings(ARTICLE)
    # "was given" is passive, but the passive-voice rule reads the body only
    assert [f for f in result.findings if f.rule == "plain-language.passive-voice" and f.line < 8] == []
    # the body's readability is the body's: the description adds no words
    body_only = findings(ARTICLE.split("---\n", 2)[2])
    assert result.metrics["readability"]["words"] == body_only.metrics["readability"]["words"]


def test_toml_front_matter_title():
    result = findings('+++\ntitle = "Guaranteed relief for asthmatics"\n+++\nAsthma affects the airways.\n')
    assert where(result, "claims.hype") == [(2, 10, 20)]
    assert [f.line for f in result.findings if f.rule == "language.person-first"] == [2]


def test_plain_and_single_quoted_values_and_no_prose_keys():
    text = "---\ntitle: It's a miracle\nsummary: 'A breakthrough, they say'\ntags: [miracle]\n---\nText.\n"
    result = findings(text)
    assert where(result, "claims.hype") == [(2, 15, 22), (3, 13, 25)]
