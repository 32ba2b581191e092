"""Finding keys: equal after unrelated edits, different when the finding's sentence changes."""

from medlint.linter import Source, lint_sources

ARTICLE = """---
title: A cure
---
# Overview

This miracle cure is a breakthrough that works. Ask your doctor.

## Treatment

Rest helps most people.
"""


def _keys(text: str) -> dict[str, list[str]]:
    (result,) = lint_sources([Source("a.md", text)])
    keyed: dict[str, list[str]] = {}
    for finding, key in zip(result.findings, result.keys):
        keyed.setdefault(finding.rule, []).append(key)
    return keyed


def test_one_key_per_finding():
    (result,) = lint_sources([Source("a.md", ARTICLE)])
    assert len(result.keys) == len(result.findings) > 0


def test_keys_survive_lines_moving_and_edits_elsewhere():
    moved = ARTICLE.replace("# Overview\n", "# Overview\n" + "\n" * 20 + "An added line.\n\n")
    moved = moved.replace("Rest helps most people.", "Rest and fluids help most people.")
    assert _keys(moved)["claims.hype"] == _keys(ARTICLE)["claims.hype"]


def test_key_changes_with_the_sentence_around_the_span():
    edited = ARTICLE.replace("that works.", "that works for everyone.")
    before, after = _keys(ARTICLE)["claims.hype"], _keys(edited)["claims.hype"]
    assert len(before) == len(after) == 2 and not set(before) & set(after)


def test_document_level_keys_ignore_numbers_in_messages():
    from medlint.finding import Finding, Severity
    from medlint.fingerprint import finding_keys

    def finding(message: str) -> Finding:
        return Finding("readability.grade", Severity.WARNING, 1, 1, 1, 1, message)

    one = finding_keys("text", [finding("Reading grade 12.1 is above 8")])
    two = finding_keys("text", [finding("Reading grade 13.4 is above 8")])
    other = finding_keys("text", [finding("Reading ease is low")])
    assert one == two != other
