"""Golden test: medlint's findings on every corpus article match the reviewed .expected file."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_golden import corpus_articles, expected_path, golden_lines

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
ARTICLES = corpus_articles(CORPORA)


def test_corpus_has_articles_in_every_format():
    suffixes = {a.suffix for a in ARTICLES}
    assert {".md", ".html", ".txt"} <= suffixes and len(ARTICLES) >= 6


@pytest.fixture(scope="module")
def actual() -> dict[Path, list[str]]:
    return dict(zip(ARTICLES, golden_lines(CORPORA)))


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: str(a.relative_to(CORPORA)))
def test_findings_match_expected(article, actual):
    expected = expected_path(article)
    assert expected.exists(), f"{expected} is missing: run scripts/update_expected.py and review it"
    assert actual[article] == expected.read_text(encoding="utf-8").splitlines()
